import { createReadStream } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import { MatcherScorer } from '../../models/matcher/scorer.js';
import type { ModelVersion } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';
import type { FeatureRow } from './prepare-scoring.js';

const BATCH = 4096;

/** Loaded sessions by sha256: a worker loads each model version once. */
const scorers = new Map<string, Promise<MatcherScorer>>();

function scorerFor(model: ModelVersion, projectRoot: string): Promise<MatcherScorer> {
  let scorer = scorers.get(model.sha256);
  if (!scorer) {
    const path = isAbsolute(model.path) ? model.path : join(projectRoot, model.path);
    scorer = MatcherScorer.load(path, model.sha256);
    scorer.catch(() => scorers.delete(model.sha256));
    scorers.set(model.sha256, scorer);
  }
  return scorer;
}

/**
 * Scores staged feature rows with the given ONNX matcher version. Stateless (fetch queue): reads
 * and writes staging files only, streaming the input so memory stays flat at any size.
 */
export async function runMatcher(
  input: { runId: string; path: string; model: ModelVersion },
  ctx: { staging: Staging; projectRoot: string; onBatch?: () => void },
): Promise<{ path: string; rows: number }> {
  const scorer = await scorerFor(input.model, ctx.projectRoot);
  const out: unknown[] = [];
  let batch: FeatureRow[] = [];
  const flush = async () => {
    const scored = await scorer.score(batch.map((row) => row.features));
    batch.forEach((row, i) =>
      out.push({ user_id: row.user_id, cluster_id: row.cluster_id, model_version: input.model.version, ...scored[i] }),
    );
    batch = [];
    ctx.onBatch?.();
  };
  const lines = createInterface({ input: createReadStream(ctx.staging.check(input.path)), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    batch.push(JSON.parse(line) as FeatureRow);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  const staged = ctx.staging.writeNdjson(ctx.staging.pathFor(input.runId, 'score', 'scores'), out);
  return { path: staged.path, rows: staged.rows };
}
