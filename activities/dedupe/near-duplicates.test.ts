import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ClusterAssignment } from './assign-clusters.js';
import { mergeNearDuplicates } from './near-duplicates.js';
import type { DedupePosting } from './verify.js';

interface Pair {
  a: DedupePosting;
  b: DedupePosting;
  duplicate: boolean;
  kind: string;
}

const pairs = readFileSync(new URL('../../fixtures/dedupe/pairs.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Pair);

const founder = (id: string): ClusterAssignment => ({ posting_id: id, cluster_id: `job_${id}`, matched_by: 'first' });

describe('mergeNearDuplicates', () => {
  it('folds a new posting into the recent cluster it duplicates, and keeps look-alikes apart', () => {
    let merged = 0;
    let kept = 0;
    for (const pair of pairs) {
      const [result] = mergeNearDuplicates([founder(pair.b.id)], new Map([[pair.b.id, pair.b]]), [{ clusterId: `job_${pair.a.id}`, posting: pair.a }]);
      const joined = result?.cluster_id === `job_${pair.a.id}`;
      if (joined) {
        expect(result).toMatchObject({ matched_by: 'near_duplicate' });
        expect(result?.score).toBeGreaterThan(0);
      }
      if (pair.duplicate && joined) merged += 1;
      if (!pair.duplicate && !joined) kept += 1;
    }
    const duplicates = pairs.filter((p) => p.duplicate).length;
    // Through LSH candidate search, not only verification: recall may lose a little, precision must not.
    expect(kept).toBe(pairs.length - duplicates);
    expect(merged / duplicates).toBeGreaterThanOrEqual(0.95);
  });

  it('meets duplicates within one batch, and moves exact matches of a folded founder along', () => {
    const pair = pairs.find((p) => p.duplicate && p.kind === 'edited_copy');
    if (!pair) throw new Error('no edited copy in the labelled pairs');
    const assignments: ClusterAssignment[] = [
      founder(pair.a.id),
      founder(pair.b.id),
      { posting_id: 'same-url-as-b', cluster_id: `job_${pair.b.id}`, matched_by: 'canonical_url' },
    ];
    const result = mergeNearDuplicates(assignments, new Map([[pair.a.id, pair.a], [pair.b.id, pair.b]]), []);
    expect(result.map((r) => [r.posting_id, r.cluster_id, r.matched_by])).toEqual([
      [pair.a.id, `job_${pair.a.id}`, 'first'],
      [pair.b.id, `job_${pair.a.id}`, 'near_duplicate'],
      ['same-url-as-b', `job_${pair.a.id}`, 'canonical_url'],
    ]);
  });
});
