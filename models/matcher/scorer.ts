import * as ort from 'onnxruntime-node';
import { readModelFiles, sha256 } from './model-store.js';

export interface ScoredRow {
  score: number;
  components: Record<string, number>;
}

/** Raw model outputs for a batch: one score per row, `width` components per row. */
export interface ScoredBatch {
  scores: Float32Array;
  components: Float32Array;
}

/** One loaded matcher version; scores feature rows in batches through onnxruntime-node. */
export class MatcherScorer {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly features: readonly string[],
  ) {}

  /** Refuses bytes whose sha256 differs from the registered one: never score with an unknown model. */
  static async fromBytes(model: Uint8Array, expectedSha256: string, features: readonly string[]): Promise<MatcherScorer> {
    const actual = sha256(model);
    if (actual !== expectedSha256) throw new Error(`model has sha256 ${actual}, but ${expectedSha256} is registered`);
    // One thread: the graph is a multiply and a sum, so a thread pool only adds hand-offs (and spins on a busy machine).
    const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    return new MatcherScorer(session, features);
  }

  /** Loads `model.onnx` with its card (which names the features) after checking both against the registered sha256. */
  static async load(path: string, expectedSha256: string): Promise<MatcherScorer> {
    const files = readModelFiles(path, expectedSha256);
    return MatcherScorer.fromBytes(files.model, expectedSha256, files.card.features);
  }

  get width(): number {
    return this.features.length;
  }

  /** `features` holds `rows × width` values, row-major, in the card's feature order. */
  async run(features: Float32Array, rows: number): Promise<ScoredBatch> {
    if (rows === 0) return { scores: new Float32Array(0), components: new Float32Array(0) };
    const input = new ort.Tensor('float32', features.subarray(0, rows * this.width), [rows, this.width]);
    const out = await this.session.run({ features: input });
    return { scores: out.score?.data as Float32Array, components: out.components?.data as Float32Array };
  }

  /** Convenience for small batches: each row's score and named components, rounded to 1e-6. */
  async score(rows: number[][]): Promise<ScoredRow[]> {
    const data = new Float32Array(rows.length * this.width);
    rows.forEach((row, i) => data.set(row, i * this.width));
    const { scores, components } = await this.run(data, rows.length);
    return rows.map((_, i) => ({ score: round6(scores[i] ?? 0), components: namedComponents(this.features, components, i) }));
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Row `i`'s components by feature name (every feature of the model, in its order), rounded to 1e-6. */
export function namedComponents(features: readonly string[], components: Float32Array, i: number): Record<string, number> {
  const named: Record<string, number> = {};
  const width = features.length;
  for (let k = 0; k < width; k += 1) named[features[k] as string] = round6(components[i * width + k] ?? 0);
  return named;
}
