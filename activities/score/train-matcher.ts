import { dirname, join } from 'node:path';
import { loadTaxonomy } from '../normalize/skills.js';
import type { FeatureName, MatchJob, MatchProfile } from '../../models/matcher/features.js';
import { MODEL_FILE, writeModelFiles } from '../../models/matcher/model-store.js';
import { heldOutMetrics, trainCandidate, type HeldOutMetrics } from '../../models/matcher/training.js';
import type { FeedbackRow } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';
import { readStagedRows, stagedModelFiles } from './staged-model.js';
import type { TrainingBatch } from './training-data.js';

export type TrainResult =
  | { trained: false; reason: string }
  | {
      trained: true;
      version: string;
      /** The candidate's files in the staging area (model.onnx beside card.json and skill-space.json). */
      path: string;
      sha256: string;
      features: FeatureName[];
      metrics: HeldOutMetrics;
      baseline: { version: string; metrics: HeldOutMetrics };
      better: boolean;
    };

/**
 * Trains a candidate on staged feedback, measures it and the active version on the held-out rows,
 * and stages the candidate's files. Stateless (fetch queue): it never opens the warehouse.
 */
export async function trainMatcher(
  input: { runId: string; batch: TrainingBatch; features?: FeatureName[] },
  ctx: { staging: Staging; projectRoot: string },
): Promise<TrainResult> {
  const { batch } = input;
  const outcome = await trainCandidate(
    {
      profiles: readStagedRows<MatchProfile>(ctx.staging, batch.profiles),
      jobs: readStagedRows<MatchJob & { ownSourcesOnly: boolean }>(ctx.staging, batch.jobs),
      feedback: readStagedRows<FeedbackRow>(ctx.staging, batch.feedback),
    },
    stagedModelFiles(batch.active, ctx),
    { version: batch.version, dataSha256: batch.dataSha256, taxonomy: loadTaxonomy(), now: new Date(batch.nowMs), features: input.features },
  );
  if (!outcome.trained) return outcome;
  const dir = ctx.staging.check(join(dirname(ctx.staging.pathFor(input.runId, 'retrain', 'candidate')), `candidate-${batch.version}`));
  const { candidate } = outcome;
  writeModelFiles(dir, { model: candidate.model, card: candidate.card, skillSpaceJson: candidate.skillSpaceJson });
  return {
    trained: true,
    version: batch.version,
    path: join(dir, MODEL_FILE),
    sha256: candidate.card.sha256,
    features: [...candidate.card.features],
    metrics: heldOutMetrics(outcome.metrics),
    baseline: { version: batch.active.version, metrics: heldOutMetrics(outcome.baseline) },
    better: outcome.better,
  };
}
