import type { ScoringJob, ScoringProfile } from '../../warehouse/ml.js';

// The plan prepareScoring stages and the matcher reads, and how the two split jobs among profiles:
// apart from prepare-scoring.ts, so the matcher's worker threads do not load the warehouse's modules (DuckDB).

/** What the stateless matcher reads: staged inputs, never pairs, so the claim check grows with profiles + jobs, not their product. */
export interface ScoringPlan {
  /** When the inputs were read: recency is measured at it, and it becomes the scores' computed_at. */
  nowMs: number;
  /** Pairs to score: what decides whether scoring is worth more threads. */
  pairs: number;
  profiles: string;
  /** Jobs to score, oldest change first. */
  jobs: string;
  /** Feedback for the collaborative feature, when the model uses it. */
  feedback: string | null;
}

/** Jobs (sorted by change time) a profile needs scores for: all, or those changed after its last scoring. */
export function firstJobToScore(profile: Pick<ScoringProfile, 'rescoreAll' | 'scoredThroughMs'>, changedMs: ArrayLike<number>): number {
  if (profile.rescoreAll || profile.scoredThroughMs === null) return 0;
  let lo = 0;
  let hi = changedMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((changedMs[mid] ?? 0) > profile.scoredThroughMs) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Jobs split by who may be scored against them, each list in the given (change) order: the public
 * ones, for every profile, and each user's own (found only on their sources), for that user alone.
 */
export function jobsByViewer<J extends Pick<ScoringJob, 'visibleTo'>>(jobs: readonly J[]): { shared: J[]; own: Map<string, J[]> } {
  const shared: J[] = [];
  const own = new Map<string, J[]>();
  for (const job of jobs) {
    if (job.visibleTo === null) shared.push(job);
    else {
      for (const userId of job.visibleTo) {
        const list = own.get(userId);
        if (list) list.push(job);
        else own.set(userId, [job]);
      }
    }
  }
  return { shared, own };
}

/** How many (profile, job) pairs scoring computes: each profile's public and own jobs changed since its last scoring. */
export function pairsToScore(profiles: readonly Pick<ScoringProfile, 'userId' | 'rescoreAll' | 'scoredThroughMs'>[], jobs: readonly Pick<ScoringJob, 'visibleTo' | 'changedMs'>[]): number {
  const { shared, own } = jobsByViewer(jobs);
  // Change times read once per list, not once per profile (a thousand profiles × 100,000 jobs).
  const changed = (list: readonly Pick<ScoringJob, 'changedMs'>[]) => Float64Array.from(list, (j) => j.changedMs);
  const sharedChanged = changed(shared);
  const pending = (profile: (typeof profiles)[number], list: Float64Array) => list.length - firstJobToScore(profile, list);
  return profiles.reduce((n, p) => {
    const mine = own.get(p.userId);
    return n + pending(p, sharedChanged) + (mine ? pending(p, changed(mine)) : 0);
  }, 0);
}
