// The matcher's model-lifecycle activities: retraining, registration, promotion and rollback. Those
// that touch the warehouse go on the `pipeline` queue; training and evaluation (ONNX, no warehouse)
// go on the stateless `fetch` queue, their inputs and outputs staged (claim check).
import type { FeatureName } from '../../models/matcher/features.js';
import type { Warehouse } from '../../warehouse/db.js';
import { listModelVersions } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';
import { asActivity } from '../temporal-wrap.js';
import { activateWithScores, registerCandidate, requireRollbackTarget } from './model-registry.js';
import { prepareScoring } from './prepare-scoring.js';
import { trainMatcher, type TrainResult } from './train-matcher.js';
import { stageTrainingData, type TrainingBatch } from './training-data.js';

/** `modelsDir`: where trained versions are kept (`<data folder>/models`), beside the warehouse that registers them. */
export function createMatcherPipelineActivities(deps: { warehouse: Warehouse; staging: Staging; modelsDir: string }) {
  const { warehouse, staging, modelsDir } = deps;
  return {
    async stageTrainingData(input: { runId: string }) {
      return asActivity(() => warehouse.withConnection((conn) => stageTrainingData(conn, { runId: input.runId, staging })));
    },

    async registerMatcherCandidate(input: { candidate: Extract<TrainResult, { trained: true }>; dataSha256: string }) {
      return asActivity(() => warehouse.transaction((conn) => registerCandidate(conn, input, { staging, modelsDir })));
    },

    /** Stages the scoring of every profile × active job that `version` has no current score for. */
    async prepareMatcherScoring(input: { runId: string; version: string }) {
      return asActivity(() => warehouse.withConnection((conn) => prepareScoring(conn, { runId: input.runId, staging, stage: 'activate', version: input.version })));
    },

    async activateMatcher(input: { version: string; scoresPath: string; action: 'promote' | 'rollback'; reason: string }) {
      return asActivity(() => warehouse.transaction((conn) => activateWithScores(conn, { ...input, scoresPath: staging.check(input.scoresPath) })));
    },

    async matcherRollbackTarget() {
      return asActivity(() => warehouse.withConnection(requireRollbackTarget));
    },

    async listMatcherVersions() {
      return asActivity(() => warehouse.withConnection((conn) => listModelVersions(conn, 'matcher')));
    },
  };
}

export function createMatcherFetchActivities(deps: { staging: Staging; projectRoot: string }) {
  return {
    async trainMatcher(input: { runId: string; batch: TrainingBatch; features?: FeatureName[] }) {
      return asActivity(() => trainMatcher(input, deps));
    },
  };
}

export type MatcherPipelineActivities = ReturnType<typeof createMatcherPipelineActivities>;
export type MatcherFetchActivities = ReturnType<typeof createMatcherFetchActivities>;
