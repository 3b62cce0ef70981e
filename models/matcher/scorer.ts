import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { FEATURE_NAMES } from './features.js';

export interface ScoredRow {
  score: number;
  components: Record<string, number>;
}

/** One loaded matcher version; scores feature rows in batches through onnxruntime-node. */
export class MatcherScorer {
  private constructor(private readonly session: ort.InferenceSession) {}

  /** Refuses a model file whose sha256 differs from the registered one: never score with an unknown model. */
  static async load(path: string, expectedSha256: string): Promise<MatcherScorer> {
    const bytes = readFileSync(path);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expectedSha256) throw new Error(`model ${path} has sha256 ${actual}, but ${expectedSha256} is registered`);
    return new MatcherScorer(await ort.InferenceSession.create(bytes));
  }

  async score(rows: number[][]): Promise<ScoredRow[]> {
    if (rows.length === 0) return [];
    const width = FEATURE_NAMES.length;
    const data = new Float32Array(rows.length * width);
    rows.forEach((row, i) => data.set(row, i * width));
    const out = await this.session.run({ features: new ort.Tensor('float32', data, [rows.length, width]) });
    const scores = out.score?.data as Float32Array;
    const components = out.components?.data as Float32Array;
    return rows.map((_, i) => ({
      score: round(scores[i] ?? 0),
      components: Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, round(components[i * width + j] ?? 0)])),
    }));
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
