export interface RankedItem {
  score: number;
  /** Relevance grade, 0 = not relevant. */
  grade: number;
  /** Breaks score ties the same way every time. */
  id: string;
}

export interface RankingMetrics {
  /** Probability that a relevant item outscores an irrelevant one (ties count half). */
  auc: number;
  /** Mean over users with at least one relevant item of NDCG@10 with graded relevance. */
  ndcg10: number;
  /** Users the NDCG is averaged over. */
  users: number;
  examples: number;
}

/** Rank-sum AUC over binary relevance (grade > 0); 0.5 when one class is missing. */
export function auc(items: readonly RankedItem[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let k = i;
    while (k < sorted.length && sorted[k]?.score === sorted[i]?.score) k += 1;
    const averageRank = (i + 1 + k) / 2; // tied scores share the mean of their ranks
    for (let t = i; t < k; t += 1) {
      if ((sorted[t]?.grade ?? 0) > 0) {
        positives += 1;
        rankSum += averageRank;
      }
    }
    i = k;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** NDCG@k of one user's items with gains 2^grade − 1; null when nothing is relevant. */
export function ndcgAt(items: readonly RankedItem[], k: number): number | null {
  const dcg = (grades: number[]) => grades.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ranked = [...items].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((x) => x.grade);
  const ideal = dcg([...ranked].sort((a, b) => b - a));
  return ideal > 0 ? dcg(ranked) / ideal : null;
}

export function rankingMetrics(byUser: ReadonlyMap<string, readonly RankedItem[]>): RankingMetrics {
  const all = [...byUser.values()].flat();
  const ndcgs = [...byUser.values()].map((items) => ndcgAt(items, 10)).filter((x): x is number => x !== null);
  return {
    auc: auc(all),
    ndcg10: ndcgs.length ? ndcgs.reduce((a, b) => a + b, 0) / ndcgs.length : 0,
    users: ndcgs.length,
    examples: all.length,
  };
}

/**
 * Promotion rule: a candidate must rank held-out feedback better (NDCG@10, the order users see)
 * without separating likes from dislikes worse (AUC). Equal is not better: a tie keeps what runs.
 */
export function isBetter(candidate: RankingMetrics, active: RankingMetrics): boolean {
  return candidate.ndcg10 > active.ndcg10 && candidate.auc >= active.auc;
}
