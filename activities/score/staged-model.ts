import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { copyModelFiles, readModelFiles, resolveModelPath, type ModelFiles } from '../../models/matcher/model-store.js';
import type { ModelVersion } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';

/**
 * A model version as a stateless worker can reach it: shipped versions by their path in the
 * repository every worker runs from, trained versions (kept under the warehouse owner's data
 * folder) through a copy in the staging area, the claim check every worker shares.
 */
export function stageModel(model: ModelVersion, staging: Staging, runId: string, stage: string): ModelVersion {
  if (!isAbsolute(model.path)) return model;
  const dir = join(dirname(staging.pathFor(runId, stage, 'model')), `model-${model.version}`);
  return { ...model, path: copyModelFiles(resolveModelPath(model.path), staging.check(dir)) };
}

/** The staged (or shipped) model's files, checked against the registered sha256. */
export function stagedModelFiles(model: ModelVersion, ctx: { staging: Staging; projectRoot: string }): ModelFiles {
  const path = isAbsolute(model.path) ? ctx.staging.check(model.path) : join(ctx.projectRoot, model.path);
  return readModelFiles(path, model.sha256);
}

/** Every row of a staged NDJSON file. */
export function readStagedRows<T>(staging: Staging, path: string): T[] {
  const rows: T[] = [];
  for (const line of readFileSync(staging.check(path), 'utf8').split('\n')) if (line) rows.push(JSON.parse(line) as T);
  return rows;
}
