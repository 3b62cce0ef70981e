import type { CompiledJobs, CompiledProfile, FeatureEncoder } from './features.js';
import type { MatcherScorer, ScoredBatch } from './scorer.js';

const DEFAULT_BATCH_ROWS = 16_384;

/**
 * Scores one profile against many jobs: features go straight into a reused float32 buffer and
 * through onnxruntime a batch at a time, so memory stays flat however many jobs there are.
 */
export class BatchScorer {
  private readonly buffer: Float32Array;

  constructor(
    readonly encoder: FeatureEncoder,
    readonly scorer: MatcherScorer,
    private readonly batchRows = DEFAULT_BATCH_ROWS,
  ) {
    if (encoder.names.join() !== scorer.features.join()) throw new Error(`the model takes ${scorer.features.join(', ')}, not ${encoder.names.join(', ')}`);
    this.buffer = new Float32Array(batchRows * encoder.width);
  }

  /** Calls `onBatch` with the raw outputs of jobs[start … start + scored.scores.length) for each batch. */
  async scoreProfile(
    profile: CompiledProfile,
    jobs: CompiledJobs,
    from: number,
    onBatch: (start: number, scored: ScoredBatch) => void,
  ): Promise<void> {
    for (let start = from; start < jobs.length; start += this.batchRows) {
      const end = Math.min(jobs.length, start + this.batchRows);
      this.encoder.write(profile, jobs, start, end, this.buffer, 0);
      onBatch(start, await this.scorer.run(this.buffer, end - start));
    }
  }
}
