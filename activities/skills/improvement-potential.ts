import type { MatchJob, MatchProfile } from '../../models/matcher/features.js';
import { round6 } from '../../models/matcher/scorer.js';
import type { PairScorer } from './active-matcher.js';

/** Missing skills added to the profile for the improvement potential, by default: the top five by importance. */
export const POTENTIAL_TOP_N = 5;

export interface PotentialJob extends MatchJob {
  title: string;
}

export interface ImprovementPotential {
  modelVersion: string;
  /** The skills added, in the order given. */
  skills: string[];
  currentAverage: number;
  potentialAverage: number;
  gain: number;
  /** Each skill added alone: the average match gain over the target jobs, and how many jobs it raises. */
  perSkill: { skill: string; averageGain: number; jobsImproved: number }[];
  perJob: { clusterId: string; title: string; current: number; potential: number }[];
}

/**
 * Rescores the target jobs with the profile as it is, with all `skills` added, and with each added
 * alone, in one batch through the matcher, so the three are comparable score for score.
 */
export async function improvementPotential(
  profile: MatchProfile,
  jobs: readonly PotentialJob[],
  skills: readonly string[],
  scorer: PairScorer,
): Promise<ImprovementPotential> {
  const variants = [profile.skills, [...profile.skills, ...skills], ...skills.map((s) => [...profile.skills, s])];
  const pairs = variants.flatMap((variant) => jobs.map((job) => ({ profile: { ...profile, skills: [...new Set(variant)] }, job })));
  const scores = await scorer.scorePairs(pairs);
  const scoresOf = (variant: number) => scores.slice(variant * jobs.length, (variant + 1) * jobs.length);
  const current = scoresOf(0);
  const potential = scoresOf(1);
  const currentAverage = average(current);
  const potentialAverage = average(potential);
  return {
    modelVersion: scorer.version,
    skills: [...skills],
    currentAverage,
    potentialAverage,
    gain: round6(potentialAverage - currentAverage),
    perSkill: skills.map((skill, i) => {
      const alone = scoresOf(2 + i);
      return {
        skill,
        averageGain: round6(average(alone) - currentAverage),
        jobsImproved: alone.filter((score, j) => score > (current[j] ?? 0)).length,
      };
    }),
    perJob: jobs.map((job, j) => ({ clusterId: job.clusterId, title: job.title, current: current[j] ?? 0, potential: potential[j] ?? 0 })),
  };
}

const average = (xs: number[]) => (xs.length ? round6(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
