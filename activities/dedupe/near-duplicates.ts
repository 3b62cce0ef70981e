import type { ClusterAssignment } from './assign-clusters.js';
import { LshIndex } from './lsh.js';
import { DEFAULT_THRESHOLDS, preparePosting, verifyPrepared, type DedupePosting, type PreparedPosting, type Thresholds } from './verify.js';

export interface NearDuplicateAssignment extends ClusterAssignment {
  score: number | null;
}

/**
 * The near-duplicate step, after exact matching: a posting that founded a new cluster joins an
 * existing one instead when MinHash-LSH finds a candidate that verification accepts (same employer,
 * compatible place and seniority, close dates, similar text and title). `recent` holds the canonical
 * posting of each cluster still inside the date window, so each run compares new postings with
 * recent clusters only. Founders of this batch are indexed as they are kept, so duplicates within
 * one run meet too.
 */
export function mergeNearDuplicates(
  assignments: ClusterAssignment[],
  postings: Map<string, DedupePosting>,
  recent: { clusterId: string; posting: DedupePosting }[],
  thresholds: Partial<Thresholds> = DEFAULT_THRESHOLDS,
): NearDuplicateAssignment[] {
  const index = new LshIndex();
  const byKey = new Map<string, { clusterId: string; prepared: PreparedPosting }>();
  for (const { clusterId, posting } of recent) {
    const prepared = preparePosting(posting);
    index.add(posting.id, prepared.signature);
    byKey.set(posting.id, { clusterId, prepared });
  }

  // A founder folded into another cluster takes the postings that exact-matched it along.
  const redirect = new Map<string, { clusterId: string; score: number }>();
  for (const a of assignments) {
    const posting = postings.get(a.posting_id);
    if (a.matched_by !== 'first' || !posting) continue;
    const prepared = preparePosting(posting);
    let best: { clusterId: string; score: number } | null = null;
    for (const key of index.candidates(prepared.signature)) {
      const candidate = byKey.get(key);
      if (!candidate) continue;
      const verdict = verifyPrepared(prepared, candidate.prepared, thresholds);
      if (verdict.duplicate && (!best || verdict.score > best.score)) best = { clusterId: candidate.clusterId, score: verdict.score };
    }
    if (best) {
      redirect.set(a.cluster_id, best);
    } else {
      index.add(posting.id, prepared.signature);
      byKey.set(posting.id, { clusterId: a.cluster_id, prepared });
    }
  }

  return assignments.map((a) => {
    const target = redirect.get(a.cluster_id);
    if (!target) return { ...a, score: null };
    return a.matched_by === 'first'
      ? { posting_id: a.posting_id, cluster_id: target.clusterId, matched_by: 'near_duplicate', score: Number(target.score.toFixed(4)) }
      : { ...a, cluster_id: target.clusterId, score: null };
  });
}
