import type { DuckDBConnection } from '@duckdb/node-api';
import { readModelFiles, resolveModelPath } from '../../models/matcher/model-store.js';
import { PermanentError } from '../errors.js';
import { activeModelVersion, allFeedback, copyScoringJobs, findModelVersion, scoringProfiles, type ModelVersion, type ScoringJob } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';
import { pairsToScore, type ScoringPlan } from './scoring-plan.js';
import { stageModel } from './staged-model.js';

export interface ScoringBatch {
  /** The staged plan (one line, `ScoringPlan`). */
  path: string;
  pairs: number;
  model: ModelVersion;
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
