import { describe, expect, it } from 'vitest';
import { LshIndex } from './lsh.js';
import { minhashSignature } from './minhash.js';

const words = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => `w${i + offset}`).join(' ');

describe('LshIndex', () => {
  it('numbers items in order and finds near copies, not unrelated texts, incrementally', () => {
    const index = new LshIndex({ bands: 16, rows: 4 });
    expect(index.add(minhashSignature(words(120)))).toBe(0);
    expect(index.add(minhashSignature(words(120, 10_000)))).toBe(1);
    expect(index.size).toBe(2);
    const edited = `${words(110)} ${words(10, 500)}`;
    expect(index.candidates(minhashSignature(edited))).toEqual([0]);
    expect(index.candidates(minhashSignature(words(120, 20_000)))).toEqual([]);
  });

  it('reports each item once per query, however many bands match, and clears the array it is given', () => {
    const index = new LshIndex();
    const signature = minhashSignature(words(80));
    index.add(signature);
    index.add(signature);
    const out = [42, 43, 44];
    expect(index.candidates(signature, out)).toBe(out);
    expect(out.sort()).toEqual([0, 1]);
    expect(index.candidates(signature)).toHaveLength(2);
  });

  it('leaves out items tagged otherwise, and keeps untagged items and queries open to all', () => {
    const index = new LshIndex();
    const signature = minhashSignature(words(60));
    index.add(signature, 7);
    index.add(signature, 9);
    index.add(signature);
    expect(index.candidates(signature, [], 7).sort()).toEqual([0, 2]);
    expect(index.candidates(signature, [], 8)).toEqual([2]);
    expect(index.candidates(signature).sort()).toEqual([0, 1, 2]);
  });

  it('keeps working as its table grows past many rehashes', () => {
    const index = new LshIndex();
    for (let i = 0; i < 3000; i++) index.add(minhashSignature(words(40, i * 100)));
    // Distinct texts share no bucket, across rehashes too.
    expect(index.largestBucket).toBe(1);
    expect(index.candidates(minhashSignature(words(40, 1234 * 100)))).toContain(1234);
    expect(index.candidates(minhashSignature(words(40, 2999 * 100)))).toContain(2999);
  });

  it('reads at most maxBucketScan newest entries of a crowded bucket', () => {
    const index = new LshIndex({ maxBucketScan: 5 });
    const signature = minhashSignature(words(50));
    for (let i = 0; i < 20; i++) index.add(signature);
    expect(index.candidates(signature).sort((a, b) => a - b)).toEqual([15, 16, 17, 18, 19]);
    expect(index.largestBucket).toBe(20);
  });

  it('rejects signatures that do not fit bands × rows and invalid shapes', () => {
    expect(() => new LshIndex({ bands: 8, rows: 4 }).add(new Uint32Array(64))).toThrow(/8 × 4/);
    expect(() => new LshIndex({ bands: 0 })).toThrow(/positive integers/);
  });
});
