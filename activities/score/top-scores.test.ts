import { describe, expect, it } from 'vitest';
import { TopScores } from './top-scores.js';

/** A seeded stream, so a failure repeats. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

describe('TopScores', () => {
  it('keeps the best rows of a stream, best first, with their own components', () => {
    const next = random(7);
    const width = 3;
    const rows = 5_000;
    // Scores rounded to a few values, so ties are common and the tie-break is exercised.
    const scores = Float32Array.from({ length: rows }, () => Math.round(next() * 50) / 50);
    const components = Float32Array.from({ length: rows * width }, (_, i) => i);
    const best = new TopScores(100, width);
    // The same stream offered a batch at a time: passing over rows below the kept ones must keep the same.
    const batched = new TopScores(100, width);
    for (let start = 0; start < rows; start += 512) {
      const end = Math.min(rows, start + 512);
      for (let i = start; i < end; i += 1) best.offer(i, scores[i] as number, components, i * width);
      batched.offerAll(start, scores.subarray(start, end), components.subarray(start * width, end * width));
    }
    const expected = Array.from({ length: rows }, (_, i) => i)
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
      .slice(0, 100);
    const kept = best.best();
    expect(kept.map((k) => k.row)).toEqual(expected);
    expect(batched.best()).toEqual(kept);
    for (const k of kept) {
      expect(k.score).toBe(scores[k.row]);
      expect(Array.from(k.components)).toEqual([k.row * width, k.row * width + 1, k.row * width + 2]);
    }
  });

  it('keeps everything when the stream is shorter than its capacity, and starts over when cleared', () => {
    const best = new TopScores(10, 1);
    best.offer(0, 0.2, Float32Array.of(1), 0);
    best.offer(1, 0.9, Float32Array.of(2), 0);
    expect(best.best().map((k) => [k.row, Array.from(k.components)])).toEqual([
      [1, [2]],
      [0, [1]],
    ]);
    best.clear();
    expect(best.best()).toEqual([]);
    expect(() => new TopScores(0, 1)).toThrow(/positive integer/);
  });
});
