import type { Taxonomy } from '../../activities/normalize/skills.js';
import { CollaborativeSignals, type FeedbackSignal } from './collaborative.js';
import { FEATURE_NAMES, FeatureEncoder, type CompiledProfile, type FeatureName, type MatchJob, type MatchProfile } from './features.js';
import type { FeedbackRow } from '../../warehouse/ml.js';
import { feedbackGrade } from './labels.js';
import { buildLinearModel, linearModelSignature } from './linear-onnx.js';
import { isBetter, rankingMetrics, type RankedItem, type RankingMetrics } from './metrics.js';
import { SKILL_SPACE_FILE, sha256, type ModelCard, type ModelFiles } from './model-store.js';
import { MatcherScorer } from './scorer.js';
import { learnSkillSpace, type SkillSpace } from './skill-space.js';
import { DEFAULT_TRAINER, fitLogistic, servedWeights, type TrainerOptions } from './trainer.js';

/** Everything training reads: feedback, the profiles and jobs it is about, and the job corpus. */
export interface TrainingSet {
  profiles: MatchProfile[];
  /**
   * Every job, including those with feedback; the skill statistics are learned from the public ones.
   * `ownSourcesOnly`: found only on users' own sources, so its skills stay out of the statistics every
   * user's scores are computed with (its owners' feedback on it still trains).
   */
  jobs: (MatchJob & { ownSourcesOnly?: boolean })[];
  feedback: FeedbackRow[];
}

export interface TrainRequest {
  version: string;
  /** sha256 of the training data as staged, for the card and the registry. */
  dataSha256: string;
  taxonomy: Taxonomy;
  /** The moment features are computed at (time-zone offsets); recency uses each row's own time. */
  now: Date;
  /** Restricts the candidate to these features (an operator's ablation); default: all that apply. */
  features?: readonly FeatureName[];
  trainer?: TrainerOptions;
}

export interface Example {
  userId: string;
  clusterId: string;
  grade: number;
  atMs: number;
}

export type TrainOutcome =
  | { trained: false; reason: string }
  | {
      trained: true;
      candidate: ModelFiles & { skillSpaceJson: string };
      metrics: RankingMetrics;
      baseline: RankingMetrics;
      better: boolean;
    };

/** Below these, a held-out measurement says nothing and the prior (or the active version) stays. */
export const MIN_EXAMPLES = 40;
/** The collaborative feature joins once this many users have given feedback. */
export const MIN_COLLABORATIVE_USERS = 5;
const HOLDOUT_PERCENT = 25;

/** Held out by a hash of user and job: the same rows every time, whatever order they come in. */
export function isHeldOut(userId: string, clusterId: string): boolean {
  return Number.parseInt(sha256(`${userId}\u0000${clusterId}`).slice(0, 8), 16) % 100 < HOLDOUT_PERCENT;
}

export function gradedExamples(feedback: readonly FeedbackRow[], profiles: ReadonlyMap<string, MatchProfile>, jobs: ReadonlyMap<string, MatchJob>): Example[] {
  const examples: Example[] = [];
  for (const f of feedback) {
    const grade = feedbackGrade(f);
    if (grade === null || !profiles.has(f.userId) || !jobs.has(f.clusterId)) continue;
    examples.push({ userId: f.userId, clusterId: f.clusterId, grade, atMs: f.atMs });
  }
  return examples.sort((a, b) => (a.userId + a.clusterId < b.userId + b.clusterId ? -1 : 1));
}

/**
 * Features of examples for one model version. Profiles and postings are today's (recomputed, not
 * snapshotted at feedback time: a model must learn from exactly the features serving computes, and
 * features added later have no snapshot), but recency is read at each row's feedback time, since
 * a job's age when the user judged it is what the judgement was about.
 */
class ExampleFeatures {
  private readonly encoder: FeatureEncoder;
  private readonly profiles = new Map<string, CompiledProfile>();

  constructor(
    features: readonly FeatureName[],
    skillSpace: SkillSpace | null,
    signals: CollaborativeSignals,
    now: Date,
    private readonly profileOf: ReadonlyMap<string, MatchProfile>,
    private readonly jobOf: ReadonlyMap<string, MatchJob>,
  ) {
    this.encoder = new FeatureEncoder(features, { now, skillSpace, collaborative: signals });
  }

  matrix(examples: readonly Example[]): Float64Array {
    const width = this.encoder.width;
    const out = new Float64Array(examples.length * width);
    // Row i of the matrix is example i's job: one pass compiles them, duplicates and all.
    const jobs = this.encoder.compileJobs(examples.map((e) => this.jobOf.get(e.clusterId) as MatchJob));
    examples.forEach((e, i) => this.encoder.write(this.profile(e.userId), jobs, i, i + 1, out, i * width, e.atMs));
    return out;
  }

  private profile(userId: string): CompiledProfile {
    let p = this.profiles.get(userId);
    if (!p) this.profiles.set(userId, (p = this.encoder.compileProfile(this.profileOf.get(userId) as MatchProfile)));
    return p;
  }
}

/** Scores examples through the model's ONNX graph (as serving does) and measures AUC and NDCG@10. */
async function evaluate(files: ModelFiles, examples: readonly Example[], features: ExampleFeatures): Promise<RankingMetrics> {
  const scorer = await MatcherScorer.fromBytes(files.model, files.card.sha256, files.card.features);
  try {
    const { scores } = await scorer.run(Float32Array.from(features.matrix(examples)), examples.length);
    const byUser = new Map<string, RankedItem[]>();
    examples.forEach((e, i) => {
      const list = byUser.get(e.userId) ?? [];
      list.push({ score: scores[i] ?? 0, grade: e.grade, id: e.clusterId });
      byUser.set(e.userId, list);
    });
    return rankingMetrics(byUser);
  } finally {
    await scorer.release();
  }
}

/** Held-out metrics as the card and the registry record them. */
export interface HeldOutMetrics {
  auc: number;
  ndcg10: number;
  heldOutUsers: number;
  heldOutExamples: number;
}

export const heldOutMetrics = (m: RankingMetrics): HeldOutMetrics => ({ auc: m.auc, ndcg10: m.ndcg10, heldOutUsers: m.users, heldOutExamples: m.examples });

/**
 * Trains a candidate on the feedback not held out, then measures it and the active version on the
 * held-out rows, both through onnxruntime exactly as serving runs them.
 */
export async function trainCandidate(set: TrainingSet, active: ModelFiles, request: TrainRequest): Promise<TrainOutcome> {
  const profileOf = new Map(set.profiles.map((p) => [p.userId, p]));
  const jobOf = new Map(set.jobs.map((j) => [j.clusterId, j]));
  const examples = gradedExamples(set.feedback, profileOf, jobOf);
  const train = examples.filter((e) => !isHeldOut(e.userId, e.clusterId));
  const heldOut = examples.filter((e) => isHeldOut(e.userId, e.clusterId));
  const both = (list: Example[]) => list.some((e) => e.grade > 0) && list.some((e) => e.grade === 0);
  if (examples.length < MIN_EXAMPLES || !both(train) || !both(heldOut)) {
    return { trained: false, reason: `not enough feedback yet: ${examples.length} graded rows (at least ${MIN_EXAMPLES}, with likes and dislikes on both sides of the split)` };
  }

  // Only feedback the model may learn from feeds the collaborative feature, for held-out rows too.
  const signals = new CollaborativeSignals(
    train.map((e): FeedbackSignal => ({ userId: e.userId, clusterId: e.clusterId, positive: e.grade > 0 })),
    new Map(set.profiles.map((p) => [p.userId, p.skills])),
  );
  const wanted = request.features ?? FEATURE_NAMES;
  const features = FEATURE_NAMES.filter((name) => wanted.includes(name) && (name !== 'collaborative' || signals.size >= MIN_COLLABORATIVE_USERS));
  if (features.length === 0) return { trained: false, reason: 'no features left to train on' };

  const skillSpace = learnSkillSpace(set.jobs.filter((j) => !j.ownSourcesOnly).map((j) => j.skills), request.taxonomy);
  const candidateFeatures = new ExampleFeatures(features, skillSpace, signals, request.now, profileOf, jobOf);
  const options = request.trainer ?? DEFAULT_TRAINER;
  const fit = fitLogistic(
    {
      x: candidateFeatures.matrix(train),
      rows: train.length,
      width: features.length,
      y: Uint8Array.from(train, (e) => (e.grade > 0 ? 1 : 0)),
      sampleWeight: Float64Array.from(train, (e) => Math.max(1, e.grade)),
    },
    options,
  );
  const weights = servedWeights(fit);
  if (!weights) return { trained: false, reason: 'the fit gave every feature a zero weight: the feedback carries no signal the features can use' };

  const model = buildLinearModel({
    featureNames: features,
    weights,
    producerVersion: request.version,
    docString: `Matcher ${request.version}: logistic regression on user feedback, weights scaled to sum to 1.`,
  });
  const skillSpaceJson = `${JSON.stringify(skillSpace)}\n`;
  const named = (values: readonly number[]) => Object.fromEntries(features.map((name, k) => [name, values[k] ?? 0]));
  const card: ModelCard = {
    name: 'matcher',
    version: request.version,
    features,
    weights: named(weights),
    ...linearModelSignature(features.length),
    trainingData: {
      kind: 'feedback',
      sha256: request.dataSha256,
      description: 'Feedback rows joined to features recomputed from current profiles and postings (recency at feedback time); 25% held out by a hash of user and job.',
      examples: train.length,
      heldOut: heldOut.length,
      users: new Set(examples.map((e) => e.userId)).size,
      positives: examples.filter((e) => e.grade > 0).length,
    },
    metrics: {},
    sha256: sha256(model),
    trainer: { method: 'logistic regression, non-negative weights, full-batch Adam', ...options, bias: fit.bias, logitWeights: named(fit.weights), logLoss: fit.logLoss },
    skillSpace: { file: SKILL_SPACE_FILE, sha256: sha256(skillSpaceJson), documents: skillSpace.documents, skills: Object.keys(skillSpace.idf).length },
  };
  const candidate = { model, card, skillSpace, skillSpaceJson };

  const metrics = await evaluate(candidate, heldOut, candidateFeatures);
  const activeFeatures = new ExampleFeatures(active.card.features, active.skillSpace, signals, request.now, profileOf, jobOf);
  const baseline = await evaluate(active, heldOut, activeFeatures);
  card.metrics = { ...heldOutMetrics(metrics) };
  card.baseline = { version: active.card.version, metrics: { ...heldOutMetrics(baseline) } };
  return { trained: true, candidate, metrics, baseline, better: isBetter(metrics, baseline) };
}
