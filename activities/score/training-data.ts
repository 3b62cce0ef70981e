import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { activeModelVersion, allFeedback, allMatchJobs, allMatchProfiles, nextModelVersion, type ModelVersion } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';
import { stageModel } from './staged-model.js';

/** The claim check of one training run: staged inputs, their hash, and the version to compare with. */
export interface TrainingBatch {
  profiles: string;
  jobs: string;
  feedback: string;
  /** sha256 over the three staged files, in that order: the card's and the registry's training data hash. */
  dataSha256: string;
  feedbackRows: number;
  /** The name the candidate will be registered under. */
  version: string;
  active: ModelVersion;
  nowMs: number;
}

/**
 * Stages what retraining reads: every feedback row (with its application's outcome), every profile
 * and every job (the corpus the skill statistics are learned from), and the active version.
 */
export async function stageTrainingData(conn: DuckDBConnection, ctx: { runId: string; staging: Staging }): Promise<TrainingBatch> {
  const nowMs = Date.now();
  const write = (name: string, rows: unknown[]) => ctx.staging.writeNdjson(ctx.staging.pathFor(ctx.runId, 'retrain', name), rows);
  const feedback = write('feedback', await allFeedback(conn));
  const profiles = write('profiles', await allMatchProfiles(conn));
  const jobs = write('jobs', await allMatchJobs(conn));
  const hash = createHash('sha256');
  for (const staged of [profiles, jobs, feedback]) hash.update(readFileSync(staged.path));
  return {
    profiles: profiles.path,
    jobs: jobs.path,
    feedback: feedback.path,
    dataSha256: hash.digest('hex'),
    feedbackRows: feedback.rows,
    version: await nextModelVersion(conn, 'matcher'),
    active: stageModel(await activeModelVersion(conn, 'matcher'), ctx.staging, ctx.runId, 'retrain'),
    nowMs,
  };
}
