import type { PriorFeature } from './features.js';

/** The product's prior, before any feedback exists: what a recruiter would weigh first. */
export const PRIOR_V1_WEIGHTS: Record<PriorFeature, number> = {
  skills: 0.4,
  experience: 0.25,
  location: 0.2,
  salary: 0.15,
};
