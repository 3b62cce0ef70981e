import { dirname, join } from 'node:path';
import { BatchScorer } from '../../models/matcher/batch-scorer.js';
import { CollaborativeSignals, type FeedbackSignal } from '../../models/matcher/collaborative.js';
import { FeatureEncoder, type CompiledJobs } from '../../models/matcher/features.js';
import { feedbackGrade } from '../../models/matcher/labels.js';
import { MatcherScorer, namedComponents, round6 } from '../../models/matcher/scorer.js';
import type { FeedbackRow, ModelVersion, ScoringJob, ScoringProfile } from '../../warehouse/ml.js';
import { Staging } from '../staging.js';
import { firstJobToScore, jobsByViewer, type ScoringPlan } from './scoring-plan.js';
import { readStagedRows, stagedModelFiles } from './staged-model.js';
import { TopScores } from './top-scores.js';

/** Scores per staged output file: DuckDB reads the chunks as one glob, and no file holds a run's every pair. */
const CHUNK_ROWS = 50_000;

/** What a thread needs to score part of a plan: plain data, so it crosses to a worker thread as it is. */
export interface ScoringJobSpec {
  planPath: string;
  model: ModelVersion;
  stagingRoot: string;
  projectRoot: string;
  /** Scores kept per profile. */
  keep: number;
}

/** Staged score files of a run: `scores-<part>-<chunk>.ndjson`, so their names sort in profile order. */
export const SCORE_FILES = 'scores-*.ndjson';
/** Also the `scores-<chunk>.ndjson` of earlier versions, which a retry must clear as well. */
export const SCORE_FILE = /^scores-\d+(-\d+)?\.ndjson$/;

/** Loaded sessions by sha256: a thread loads each model version once. */
const scorers = new Map<string, Promise<MatcherScorer>>();

function scorerFor(model: ModelVersion, features: readonly string[], bytes: Uint8Array): Promise<MatcherScorer> {
  let scorer = scorers.get(model.sha256);
  if (!scorer) {
    scorer = MatcherScorer.fromBytes(bytes, model.sha256, features);
    scorer.catch(() => scorers.delete(model.sha256));
    scorers.set(model.sha256, scorer);
  }
  return scorer;
}

/** Other users' verdicts, for the collaborative feature; rows that say nothing are left out. */
export function feedbackSignals(rows: readonly FeedbackRow[]): FeedbackSignal[] {
  const signals: FeedbackSignal[] = [];
  for (const row of rows) {
    const grade = feedbackGrade(row);
    if (grade !== null) signals.push({ userId: row.userId, clusterId: row.clusterId, positive: grade > 0 });
  }
  return signals;
}

interface JobSet {
  jobs: readonly ScoringJob[];
  compiled: CompiledJobs;
  changed: Float64Array;
}

/** Row `row` of the sets taken one after the other. */
function jobAt(sets: readonly JobSet[], row: number): ScoringJob {
  for (const set of sets) {
    if (row < set.jobs.length) return set.jobs[row] as ScoringJob;
    row -= set.jobs.length;
  }
  throw new RangeError(`row ${row} is past the profile's jobs`);
}

/**
 * A staged plan loaded for scoring (its model, profiles and compiled jobs): scores any run of its
 * profiles and stages each one's best `keep`. One per thread.
 */
export class PlanScorer {
  private constructor(
    private readonly spec: ScoringJobSpec,
    private readonly plan: ScoringPlan,
    private readonly scorer: MatcherScorer,
    private readonly encoder: FeatureEncoder,
    readonly profiles: readonly ScoringProfile[],
    private readonly publicJobs: JobSet,
    private readonly ownJobs: ReadonlyMap<string, JobSet>,
  ) {}

  static async load(spec: ScoringJobSpec): Promise<PlanScorer> {
    const staging = new Staging(spec.stagingRoot);
    const [plan] = readStagedRows<ScoringPlan>(staging, spec.planPath);
    if (!plan) throw new Error(`scoring plan ${spec.planPath} is empty`);
    const files = stagedModelFiles(spec.model, { staging, projectRoot: spec.projectRoot });
    const scorer = await scorerFor(spec.model, files.card.features, files.model);
    const profiles = readStagedRows<ScoringProfile>(staging, plan.profiles);
    const jobs = readStagedRows<ScoringJob>(staging, plan.jobs);
    const collaborative = plan.feedback
      ? new CollaborativeSignals(feedbackSignals(readStagedRows<FeedbackRow>(staging, plan.feedback)), new Map(profiles.map((p) => [p.userId, p.skills])))
      : null;
    const encoder = new FeatureEncoder(files.card.features, { now: new Date(plan.nowMs), skillSpace: files.skillSpace, collaborative });
    const compile = (list: ScoringJob[]): JobSet => ({ jobs: list, compiled: encoder.compileJobs(list), changed: Float64Array.from(list, (j) => j.changedMs) });
    // Public jobs are scored for every profile; a job found only on users' own sources, for its owners alone.
    const { shared, own } = jobsByViewer(jobs);
    return new PlanScorer(spec, plan, scorer, encoder, profiles, compile(shared), new Map([...own].map(([userId, list]) => [userId, compile(list)])));
  }

  /** Scores profiles [from, to) and stages their best as `scores-<part>-<chunk>.ndjson` beside the plan (at least one file); returns the rows staged. */
  async score(part: number, from: number, to: number): Promise<number> {
    const staging = new Staging(this.spec.stagingRoot);
    const dir = dirname(this.spec.planPath);
    const computedAt = new Date(this.plan.nowMs).toISOString();
    const batches = new BatchScorer(this.encoder, this.scorer);
    let chunk: unknown[] = [];
    let chunks = 0;
    let rows = 0;
    const flush = () => {
      chunks += 1;
      staging.writeNdjson(join(dir, `scores-${String(part).padStart(5, '0')}-${String(chunks).padStart(5, '0')}.ndjson`), chunk);
      rows += chunk.length;
      chunk = [];
    };
    // Only each profile's best are staged (the load keeps the best of these and the stored ones).
    const best = new TopScores(this.spec.keep, this.scorer.width);
    for (const profile of this.profiles.slice(from, to)) {
      const compiledProfile = this.encoder.compileProfile(profile);
      const sets = [this.publicJobs, this.ownJobs.get(profile.userId)].flatMap((set) => (set ? [set] : []));
      best.clear();
      // Rows are numbered across the profile's sets, public first, so one selection ranks them all.
      let base = 0;
      for (const set of sets) {
        const offset = base;
        await batches.scoreProfile(compiledProfile, set.compiled, firstJobToScore(profile, set.changed), (start, { scores, components }) => best.offerAll(offset + start, scores, components));
        base += set.jobs.length;
      }
      const replaces = profile.rescoreAll || profile.scoredThroughMs === null;
      for (const kept of best.best()) {
        chunk.push({
          user_id: profile.userId,
          cluster_id: jobAt(sets, kept.row).clusterId,
          model_version: this.spec.model.version,
          score: round6(kept.score),
          components: namedComponents(this.scorer.features, kept.components, 0),
          computed_at: computedAt,
          replaces,
        });
        if (chunk.length >= CHUNK_ROWS) flush();
      }
    }
    // At least one file, so the glob always matches (an empty file loads nothing).
    if (chunk.length > 0 || chunks === 0) flush();
    return rows;
  }
}

/** Profiles [from, to) of part `part` when `count` profiles are cut into `parts` runs in order. */
function partRange(part: number, parts: number, count: number): [number, number] {
  return [Math.floor((part * count) / parts), Math.floor(((part + 1) * count) / parts)];
}

/**
 * Loads the plan and scores parts of it taken from a shared counter until none is left, so a thread
 * that drew cheap profiles takes more; returns the rows staged. Every scoring thread runs this.
 */
export async function scoreParts(spec: ScoringJobSpec, next: SharedArrayBuffer, parts: number): Promise<number> {
  const scorer = await PlanScorer.load(spec);
  const counter = new Int32Array(next);
  let rows = 0;
  for (let part = Atomics.add(counter, 0, 1); part < parts; part = Atomics.add(counter, 0, 1)) {
    rows += await scorer.score(part, ...partRange(part, parts, scorer.profiles.length));
  }
  return rows;
}
