import { describe, expect, it } from 'vitest';
import { Generations } from './freshness.js';

describe('Generations', () => {
  it('keeps the entries used since the last swap, forgets the older generation whole, and saves an older entry that is used', () => {
    const cache = new Generations<number, string>(3);
    for (const k of [1, 2, 3]) cache.set(k, `v${k}`); // full: 1-3 become the older generation
    cache.set(4, 'v4');
    expect(cache.get(1)).toBe('v1'); // used: moved to the newer generation with 4
    cache.set(5, 'v5'); // newer full (4, 1, 5): 2 and 3 are forgotten
    expect([1, 2, 3, 4, 5].map((k) => cache.get(k) ?? null)).toEqual(['v1', null, null, 'v4', 'v5']);
  });
});
