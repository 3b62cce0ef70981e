import { describe, expect, it } from 'vitest';
import { LshIndex } from './lsh.js';
import { minhashSignature } from './minhash.js';

const words = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => `w${i + offset}`).join(' ');

describe('LshIndex', () => {
  it('finds near copies and not unrelated texts, incrementally', () => {
    const index = new LshIndex({ bands: 16, rows: 4 });
    const original = words(120);
    index.add('original', minhashSignature(original));
    index.add('other', minhashSignature(words(120, 10_000)));
    expect(index.size).toBe(2);
    const edited = `${words(110)} ${words(10, 500)}`;
    expect(index.candidates(minhashSignature(edited))).toEqual(new Set(['original']));
    expect(index.candidates(minhashSignature(words(120, 20_000))).size).toBe(0);
  });

  it('keeps working as its table grows past many rehashes', () => {
    const index = new LshIndex();
    for (let i = 0; i < 3000; i++) index.add(`p${i}`, minhashSignature(words(40, i * 100)));
    expect(index.candidates(minhashSignature(words(40, 1234 * 100)))).toContain('p1234');
    expect(index.candidates(minhashSignature(words(40, 2999 * 100)))).toContain('p2999');
  });

  it('reads at most maxBucketScan newest entries of a crowded bucket', () => {
    const index = new LshIndex({ maxBucketScan: 5 });
    const signature = minhashSignature(words(50));
    for (let i = 0; i < 20; i++) index.add(`copy${i}`, signature);
    expect(index.candidates(signature)).toEqual(new Set(['copy15', 'copy16', 'copy17', 'copy18', 'copy19']));
  });

  it('rejects signatures that do not fit bands × rows and invalid shapes', () => {
    expect(() => new LshIndex({ bands: 8, rows: 4 }).add('x', new Uint32Array(64))).toThrow(/8 × 4/);
    expect(() => new LshIndex({ bands: 0 })).toThrow(/positive integers/);
  });
});
