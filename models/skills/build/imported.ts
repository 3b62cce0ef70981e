import type { Skill } from '../../../activities/normalize/skill-taxonomy.js';

/** One concept read from ESCO or O*NET, before it is merged into the taxonomy. */
export interface ImportedConcept {
  /** The ESCO concept URI, or "onet". */
  source: string;
  name: string;
  category: Skill['category'];
  /** Surface forms that name the concept: they find it among the skills already known, and become aliases. */
  names: string[];
  /** The Spanish preferred label's forms (ESCO's Spanish file, joined by concept URI). */
  esNames: string[];
  /** Alternative labels: added only after every concept's names, so that a name always wins an alias. */
  alternates: { en: string[]; es: string[] };
  /** ESCO URIs of broader concepts, which become parents when they are in the taxonomy too. */
  broader: string[];
  /** A class of tools rather than one ("Unit testing software"): it may confirm a known skill, never add one. */
  mergeOnly: boolean;
}
