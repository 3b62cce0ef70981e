import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { copyModelFiles, readModelFiles } from '../../models/matcher/model-store.js';
import { activateModelVersion, activeModelVersion, registerModelVersion, rollbackTarget, upsertMatches, type ModelVersion } from '../../warehouse/ml.js';
import { PermanentError } from '../errors.js';
import type { Staging } from '../staging.js';
import type { TrainResult } from './train-matcher.js';

/**
 * Moves a staged candidate into the models folder and registers it as a candidate with its metrics
 * and training data hash. Idempotent: a retried attempt rewrites the same files and registers nothing twice.
 */
export async function registerCandidate(
  conn: DuckDBConnection,
  input: { candidate: Extract<TrainResult, { trained: true }>; dataSha256: string },
  ctx: { staging: Staging; modelsDir: string },
): Promise<ModelVersion> {
  const { candidate } = input;
  readModelFiles(ctx.staging.check(candidate.path), candidate.sha256);
  const path = copyModelFiles(candidate.path, join(ctx.modelsDir, candidate.version));
  readModelFiles(path, candidate.sha256); // the copy, checked before anything points at it
  const version: ModelVersion = { name: 'matcher', version: candidate.version, path, sha256: candidate.sha256, status: 'candidate' };
  await registerModelVersion(conn, {
    ...version,
    features: candidate.features,
    trainingDataSha256: input.dataSha256,
    metrics: {
      ...candidate.metrics,
      baselineAuc: candidate.baseline.metrics.auc,
      baselineNdcg10: candidate.baseline.metrics.ndcg10,
    },
  });
  return version;
}

/**
 * Loads a version's staged scores and makes it the active one in the same transaction, so the
 * match list switches from one version's scores to the other's at once, never through an empty list.
 */
export async function activateWithScores(
  conn: DuckDBConnection,
  input: { version: string; scoresPath: string; action: 'promote' | 'rollback'; reason: string },
): Promise<{ previous: string | null; matches: number }> {
  const matches = await upsertMatches(conn, input.scoresPath);
  const current = await activeModelVersion(conn, 'matcher');
  if (current.version === input.version) return { previous: current.version, matches };
  const previous = await activateModelVersion(conn, { name: 'matcher', version: input.version, action: input.action, reason: input.reason });
  return { previous, matches };
}

export async function requireRollbackTarget(conn: DuckDBConnection): Promise<string> {
  const target = await rollbackTarget(conn, 'matcher');
  if (!target) throw new PermanentError('nothing to roll back to: the active matcher version was not promoted over another one');
  return target;
}
