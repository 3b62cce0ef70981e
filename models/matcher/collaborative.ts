/** One user's verdict on one job: liked it (saved, applied…) or not (dismissed, rated low). */
export interface FeedbackSignal {
  userId: string;
  clusterId: string;
  positive: boolean;
}

// Pseudo-votes of "unknown" (0.5) every job starts with, so one vote from one look-alike moves the
// value only part of the way.
const PRIOR_VOTES = 1;

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** One verdict on a job, by the index of the user who gave it. */
export interface Vote {
  user: number;
  positive: boolean;
}

/**
 * What users with similar profiles did with each job: the mean of their verdicts weighted by how
 * alike the skills are (Jaccard), shrunk toward 0.5. A user's own feedback never counts for their
 * own value, so the feature cannot leak the label it is trained to predict.
 */
export class CollaborativeSignals {
  private readonly users: { id: string; skills: ReadonlySet<string> }[] = [];
  private readonly byCluster = new Map<string, Vote[]>();

  constructor(signals: Iterable<FeedbackSignal>, skillsOf: ReadonlyMap<string, readonly string[]>) {
    const index = new Map<string, number>();
    for (const s of signals) {
      const skills = skillsOf.get(s.userId);
      if (!skills) continue; // a user without a profile cannot be compared with anyone
      let user = index.get(s.userId);
      if (user === undefined) {
        user = this.users.length;
        index.set(s.userId, user);
        this.users.push({ id: s.userId, skills: new Set(skills) });
      }
      let votes = this.byCluster.get(s.clusterId);
      if (!votes) this.byCluster.set(s.clusterId, (votes = []));
      votes.push({ user, positive: s.positive });
    }
  }

  /** Users with feedback. */
  get size(): number {
    return this.users.length;
  }

  /** The verdicts on one job, looked up once per job. */
  votesFor(clusterId: string): readonly Vote[] | null {
    return this.byCluster.get(clusterId) ?? null;
  }

  /** How alike each user with feedback is to this profile, by user index; 0 for the profile's own user. */
  peers(userId: string, skills: readonly string[]): Float64Array {
    const own = new Set(skills);
    return Float64Array.from(this.users, (u) => (u.id === userId ? 0 : jaccard(own, u.skills)));
  }
}

/** The collaborative value of one job for one profile, or null when no look-alike judged it. */
export function collaborativeValue(votes: readonly Vote[], peers: Float64Array): number | null {
  let weight = 0;
  let liked = 0;
  for (let i = 0; i < votes.length; i += 1) {
    const vote = votes[i] as Vote;
    const w = peers[vote.user] ?? 0;
    weight += w;
    if (vote.positive) liked += w;
  }
  return weight > 0 ? (liked + PRIOR_VOTES * 0.5) / (weight + PRIOR_VOTES) : null;
}
