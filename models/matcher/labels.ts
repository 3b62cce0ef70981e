/** How an application went, after the user applied: the strongest feedback there is. */
export const OUTCOMES = ['applied', 'interview', 'offer', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface FeedbackState {
  saved: boolean;
  dismissed: boolean;
  rating: number | null;
  outcome: Outcome | null;
}

// How far the user went with the job. A rejection still means they wanted it, but the employer saw
// less of a fit than for an application still open, so it counts like a save.
const OUTCOME_GRADE: Record<Outcome, number> = { offer: 4, interview: 3, applied: 2, rejected: 1 };

/**
 * The relevance grade of one feedback row, 0 (not for me) to 4 (got an offer), or null when the
 * row says nothing (e.g. a save that was undone). What the user did after applying outranks a
 * dismissal; an explicit low rating outranks a save.
 */
export function feedbackGrade(f: FeedbackState): number | null {
  const fromRating = f.rating === null ? null : f.rating <= 2 ? 0 : f.rating === 3 ? null : f.rating - 3;
  if (f.outcome) return Math.max(OUTCOME_GRADE[f.outcome], fromRating ?? 0);
  if (f.dismissed || fromRating === 0) return 0;
  const grade = Math.max(f.saved ? 1 : 0, fromRating ?? 0);
  return grade > 0 ? grade : null;
}
