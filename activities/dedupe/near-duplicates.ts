import type { ClusterAssignment } from './assign-clusters.js';
import { DEFAULT_LSH, LshIndex, type LshOptions } from './lsh.js';
import { DEFAULT_THRESHOLDS, duplicateScore, type PreparedPosting, type Thresholds } from './verify.js';

export interface NearDuplicateAssignment extends ClusterAssignment {
  score: number | null;
}

/**
 * The near-duplicate step, after exact matching: a posting that founded a new cluster joins an
 * existing one instead when MinHash-LSH finds a candidate that verification accepts (same employer,
 * compatible place and seniority, close dates, similar text and title). `recent` holds the canonical
 * posting of each cluster still inside the date window, so each run compares new postings with
 * recent clusters only. Founders of this batch are indexed as they are kept, so duplicates within
 * one run meet too. `prepared` holds the new postings that founded clusters; `comparisons` counts
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
  const index = new LshIndex(lsh);
  // Per LSH item: the cluster it stands for and the posting to verify against.
  const items: { clusterId: string; prepared: PreparedPosting }[] = [];
  for (const entry of recent) {
    index.add(entry.prepared.signature, entry.prepared.employerTag);
    items.push(entry);
  }

  // A founder folded into another cluster takes the postings that exact-matched it along.
  const redirect = new Map<string, { clusterId: string; score: number }>();
  const candidates: number[] = [];
  let comparisons = 0;
  for (const a of assignments) {
    const posting = a.matched_by === 'first' ? prepared.get(a.posting_id) : undefined;
    if (!posting) continue;
    let best: { clusterId: string; score: number } | null = null;
    for (const item of index.candidates(posting.signature, candidates, posting.employerTag)) {
      const candidate = items[item] as (typeof items)[number];
      comparisons++;
      const score = duplicateScore(posting, candidate.prepared, t);
      if (score >= 0 && (!best || score > best.score)) best = { clusterId: candidate.clusterId, score };
    }
    if (best) {
      redirect.set(a.cluster_id, best);
    } else {
      index.add(posting.signature, posting.employerTag);
      items.push({ clusterId: a.cluster_id, prepared: posting });
    }
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
