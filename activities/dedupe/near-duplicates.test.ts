import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ClusterAssignment } from './assign-clusters.js';
import { mergeNearDuplicates } from './near-duplicates.js';
import { preparePosting, type DedupePosting } from './verify.js';

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
const prepared = (...postings: DedupePosting[]) => new Map(postings.map((p) => [p.id, preparePosting(p)]));

describe('mergeNearDuplicates', () => {
  it('folds a new posting into the recent cluster it duplicates, and keeps look-alikes apart', () => {
    let merged = 0;
    let kept = 0;
    for (const pair of pairs) {
      const { assignments, comparisons } = mergeNearDuplicates([founder(pair.b.id)], prepared(pair.b), [{ clusterId: `job_${pair.a.id}`, prepared: preparePosting(pair.a) }]);
      const [result] = assignments;
      expect(comparisons).toBeLessThanOrEqual(1);
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
    const { assignments: result, comparisons } = mergeNearDuplicates(assignments, prepared(pair.a, pair.b), []);
    expect(comparisons).toBe(1);
    expect(result.map((r) => [r.posting_id, r.cluster_id, r.matched_by])).toEqual([
      [pair.a.id, `job_${pair.a.id}`, 'first'],
      [pair.b.id, `job_${pair.a.id}`, 'near_duplicate'],
      ['same-url-as-b', `job_${pair.a.id}`, 'canonical_url'],
    ]);
  });
});
