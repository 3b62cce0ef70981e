import type { ClusterAssignment } from './assign-clusters.js';
import { BandIndex, DEFAULT_LSH, type LshOptions } from './lsh.js';
import { DEFAULT_THRESHOLDS, duplicateScore, type PreparedPosting, type Thresholds } from './verify.js';

export interface NearDuplicateAssignment extends ClusterAssignment {
  score: number | null;
}

/**
 * The near-duplicate step, after exact matching: a posting that founded a new cluster joins an
 * existing one instead when MinHash-LSH finds a candidate that verification accepts (same employer,
 * compatible place and seniority, close dates, similar text and title). `recent` holds the canonical
 * posting of each cluster still inside the date window, so each run compares new postings with
 * recent clusters only. Founders of this batch are searched in order, each against the recent
 * clusters and the founders kept before it, so duplicates within one run meet too. `prepared` holds the new postings that founded clusters; `comparisons` counts
 * the candidate pairs verified and `largestBucket` the entries of the fullest LSH bucket.
 */
export function mergeNearDuplicates(
  assignments: ClusterAssignment[],
  prepared: ReadonlyMap<string, PreparedPosting>,
  recent: readonly { clusterId: string; prepared: PreparedPosting }[],
  thresholds: Partial<Thresholds> = DEFAULT_THRESHOLDS,
  lsh: Partial<LshOptions> = DEFAULT_LSH,
): { assignments: NearDuplicateAssignment[]; comparisons: number; largestBucket: number } {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholds };
  // LSH items: the recent clusters, then this batch's founders in order; each searches earlier ones.
  const items: { clusterId: string; prepared: PreparedPosting }[] = [...recent];
  for (const a of assignments) {
    const posting = a.matched_by === 'first' ? prepared.get(a.posting_id) : undefined;
    if (posting) items.push({ clusterId: a.cluster_id, prepared: posting });
  }
  const index = new BandIndex(
    items.map((i) => i.prepared.signature),
    Int32Array.from(items, (i) => i.prepared.employerTag),
    lsh,
  );
  // Recent clusters stay; a founder stays unless it joins an earlier cluster (then it is no target).
  const kept = new Uint8Array(items.length).fill(1, 0, recent.length);

  // A founder folded into another cluster takes the postings that exact-matched it along.
  const redirect = new Map<string, { clusterId: string; score: number }>();
  const candidates: number[] = [];
  let comparisons = 0;
  for (let item = recent.length; item < items.length; item++) {
    const founder = items[item] as (typeof items)[number];
    let best: { clusterId: string; score: number } | null = null;
    for (const other of index.earlierCandidates(item, candidates)) {
      if (kept[other] === 0) continue;
      const candidate = items[other] as (typeof items)[number];
      comparisons++;
      const score = duplicateScore(founder.prepared, candidate.prepared, t);
      if (score >= 0 && (!best || score > best.score)) best = { clusterId: candidate.clusterId, score };
    }
    if (best) redirect.set(founder.clusterId, best);
    else kept[item] = 1;
  }

  const merged = assignments.map((a): NearDuplicateAssignment => {
    const target = redirect.get(a.cluster_id);
    if (!target) return { ...a, score: null };
    return a.matched_by === 'first'
      ? { posting_id: a.posting_id, cluster_id: target.clusterId, matched_by: 'near_duplicate', score: Number(target.score.toFixed(4)) }
      : { ...a, cluster_id: target.clusterId, score: null };
  });
  return { assignments: merged, comparisons, largestBucket: index.largestBucket };
}
