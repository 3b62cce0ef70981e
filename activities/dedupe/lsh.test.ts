import { describe, expect, it } from 'vitest';
import { BandIndex } from './lsh.js';
import { minhashSignature } from './minhash.js';

const words = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => `w${i + offset}`).join(' ');
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('BandIndex', () => {
  it('finds earlier near copies, not unrelated texts nor later items', () => {
    const index = new BandIndex([minhashSignature(words(120)), minhashSignature(words(120, 10_000)), minhashSignature(`${words(110)} ${words(10, 500)}`), minhashSignature(words(120, 20_000))]);
    expect(index.size).toBe(4);
    expect(index.earlierCandidates(2)).toEqual([0]);
    expect(index.earlierCandidates(3)).toEqual([]);
    expect(index.earlierCandidates(0)).toEqual([]);
  });

  it('reports each item once per search, however many bands match, and clears the array it is given', () => {
    const signature = minhashSignature(words(80));
    const index = new BandIndex([signature, signature, signature]);
    const out = [42, 43, 44];
    expect(index.earlierCandidates(2, out)).toBe(out);
    expect(sorted(out)).toEqual([0, 1]);
    expect(index.earlierCandidates(1)).toEqual([0]);
  });

  it('leaves out items tagged otherwise; untagged items are found by all and find all', () => {
    const signature = minhashSignature(words(60));
    const index = new BandIndex([signature, signature, signature, signature, signature], [7, 9, 0, 7, 0]);
    expect(sorted(index.earlierCandidates(3))).toEqual([0, 2]);
    expect(sorted(index.earlierCandidates(4))).toEqual([0, 1, 2, 3]);
    expect(index.earlierCandidates(1)).toEqual([]);
  });

  it('finds matches among many distinct signatures', () => {
    const signatures = Array.from({ length: 3000 }, (_, i) => minhashSignature(words(40, i * 100)));
    signatures.push(minhashSignature(words(40, 1234 * 100)), minhashSignature(words(40, 2999 * 100)));
    const index = new BandIndex(signatures);
    expect(index.earlierCandidates(3000)).toEqual([1234]);
    expect(index.earlierCandidates(3001)).toEqual([2999]);
    // Distinct texts share no bucket.
    expect(index.largestBucket).toBe(2);
  });

  it('reads at most maxBucketScan newest entries of a crowded bucket', () => {
    const signature = minhashSignature(words(50));
    const index = new BandIndex(Array.from({ length: 21 }, () => signature), null, { maxBucketScan: 5 });
    expect(sorted(index.earlierCandidates(20))).toEqual([15, 16, 17, 18, 19]);
    expect(index.largestBucket).toBe(21);
  });

  it('rejects signatures that do not fit bands × rows and invalid shapes', () => {
    expect(() => new BandIndex([new Uint32Array(64)], null, { bands: 8, rows: 4 })).toThrow(/8 × 4/);
    expect(() => new BandIndex([], null, { bands: 0 })).toThrow(/positive integers/);
  });
});
