import type { DuckDBConnection } from '@duckdb/node-api';
import { readModelFiles, resolveModelPath } from '../../models/matcher/model-store.js';
import { PermanentError } from '../errors.js';
import { activeModelVersion, allFeedback, copyScoringJobs, findModelVersion, scoringProfiles, type ModelVersion, type ScoringJob, type ScoringProfile } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';
import { stageModel } from './staged-model.js';

export interface ScoringBatch {
  /** The staged plan (one line, `ScoringPlan`). */
  path: string;
  pairs: number;
  model: ModelVersion;
}

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

/**
 * Stages what scoring needs for a model version (the active one unless `version` is given):
 * incremental, so new or changed jobs × every profile, and changed profiles × every active job; a
 * job found only on users' own sources is scored for those users alone.
 */
export async function prepareScoring(
  conn: DuckDBConnection,
  ctx: { runId: string; staging: Staging; stage?: string; version?: string },
): Promise<ScoringBatch> {
  const nowMs = Date.now();
  const stage = ctx.stage ?? 'score';
  const model = ctx.version ? await findModelVersion(conn, 'matcher', ctx.version) : await activeModelVersion(conn, 'matcher');
  if (!model) throw new PermanentError(`matcher version ${ctx.version} is not registered`);
  const { card } = readModelFiles(resolveModelPath(model.path), model.sha256);

  const profiles = await scoringProfiles(conn, model.version);
  // One query for every profile: jobs changed after the oldest watermark, or all when a profile needs all.
  const since = profiles.some((p) => p.rescoreAll) ? null : profiles.reduce((min, p) => Math.min(min, p.scoredThroughMs ?? 0), Infinity);
  const write = (name: string, rows: unknown[]) => ctx.staging.writeNdjson(ctx.staging.pathFor(ctx.runId, stage, name), rows).path;
  const jobsPath = ctx.staging.pathFor(ctx.runId, stage, 'jobs');
  let jobs: Pick<ScoringJob, 'changedMs' | 'visibleTo'>[] = [];
  if (profiles.length) jobs = await ctx.staging.writeWith(jobsPath, (temporary) => copyScoringJobs(conn, since, temporary));
  else write('jobs', []);
  const pairs = pairsToScore(profiles, jobs);
  const feedback = card.features.includes('collaborative') ? await allFeedback(conn) : null;

  const plan: ScoringPlan = {
    nowMs,
    pairs,
    profiles: write('profiles', profiles),
    jobs: jobsPath,
    feedback: feedback ? write('feedback', feedback) : null,
  };
  return { path: write('plan', [plan]), pairs, model: stageModel(model, ctx.staging, ctx.runId, stage) };
}
