import { describe, expect, it } from 'vitest';
import { collectGarbage } from './collect-garbage.js';

/** Makes a million small objects and lets go of them: garbage only a collection frees. */
function makeGarbage(): number {
  return Array.from({ length: 1_000_000 }, (_, i) => ({ i, s: `posting ${i}` })).length;
}

describe('collectGarbage', () => {
  it('frees what nothing references any more, and can run again', () => {
    const before = process.memoryUsage().heapUsed;
    expect(makeGarbage()).toBe(1_000_000);
    const held = process.memoryUsage().heapUsed;
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    // A million objects and their strings take well over 40 MB; the collection gives them back.
    expect(held - after).toBeGreaterThan(40 * 1024 * 1024);
    expect(after).toBeLessThan(before + 10 * 1024 * 1024);
    expect(() => collectGarbage()).not.toThrow();
  });
});
