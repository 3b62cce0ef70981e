import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BatchScorer } from '../../models/matcher/batch-scorer.js';
import { CollaborativeSignals, type FeedbackSignal } from '../../models/matcher/collaborative.js';
import { FeatureEncoder } from '../../models/matcher/features.js';
import { feedbackGrade } from '../../models/matcher/labels.js';
import { MatcherScorer, namedComponents, round6 } from '../../models/matcher/scorer.js';
import { MATCHES_PER_PROFILE, type FeedbackRow, type ModelVersion, type ScoringJob, type ScoringProfile } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';
import { firstJobToScore, jobsByViewer, type ScoringPlan } from './prepare-scoring.js';
import { readStagedRows, stagedModelFiles } from './staged-model.js';
import { TopScores } from './top-scores.js';

/** Scores per staged output file: DuckDB reads the chunks as one glob, and no file holds a run's every pair. */
const CHUNK_ROWS = 50_000;

/** Loaded sessions by sha256: a worker loads each model version once. */
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

/** Row `row` of the sets taken one after the other. */
function jobAt(sets: readonly { jobs: readonly ScoringJob[] }[], row: number): ScoringJob {
  for (const set of sets) {
    if (row < set.jobs.length) return set.jobs[row] as ScoringJob;
    row -= set.jobs.length;
  }
  throw new RangeError(`row ${row} is past the profile's jobs`);
}

/**
 * Scores a staged plan with its ONNX matcher version: computes the features of every pair the plan
 * calls for and runs them through onnxruntime in batches, and stages each profile's best `keep`
 * (`MATCHES_PER_PROFILE`) of them. Stateless (fetch queue): reads and writes staging files only. Returns
 * a glob of the staged score files.
 */
export async function runMatcher(
  input: { runId: string; path: string; model: ModelVersion },
  ctx: { staging: Staging; projectRoot: string; onBatch?: () => void; keep?: number },
): Promise<{ path: string; rows: number }> {
  const [plan] = readStagedRows<ScoringPlan>(ctx.staging, input.path);
  if (!plan) throw new Error(`scoring plan ${input.path} is empty`);
  const files = stagedModelFiles(input.model, ctx);
  const scorer = await scorerFor(input.model, files.card.features, files.model);
  const profiles = readStagedRows<ScoringProfile>(ctx.staging, plan.profiles);
  const jobs = readStagedRows<ScoringJob>(ctx.staging, plan.jobs);
  const collaborative = plan.feedback
    ? new CollaborativeSignals(feedbackSignals(readStagedRows<FeedbackRow>(ctx.staging, plan.feedback)), new Map(profiles.map((p) => [p.userId, p.skills])))
    : null;
  const encoder = new FeatureEncoder(files.card.features, { now: new Date(plan.nowMs), skillSpace: files.skillSpace, collaborative });
  const compile = (list: ScoringJob[]) => ({ jobs: list, compiled: encoder.compileJobs(list), changed: Float64Array.from(list, (j) => j.changedMs) });
  // Public jobs are scored for every profile; a job found only on users' own sources, for its owners alone.
  const { shared, own } = jobsByViewer(jobs);
  const publicJobs = compile(shared);
  const ownJobs = new Map([...own].map(([userId, list]) => [userId, compile(list)]));
  const batches = new BatchScorer(encoder, scorer);

  const dir = dirname(input.path);
  // A retried attempt starts over: no chunk of an earlier attempt may join the glob.
  for (const file of readdirSync(dir)) if (/^scores-\d+\.ndjson$/.test(file)) rmSync(join(dir, file));
  const computedAt = new Date(plan.nowMs).toISOString();
  let chunk: unknown[] = [];
  let chunks = 0;
  let rows = 0;
  const flush = () => {
    chunks += 1;
    ctx.staging.writeNdjson(join(dir, `scores-${String(chunks).padStart(5, '0')}.ndjson`), chunk);
    rows += chunk.length;
    chunk = [];
  };
  // Only each profile's best are staged (the load keeps the best of these and the stored ones).
  const best = new TopScores(ctx.keep ?? MATCHES_PER_PROFILE, scorer.width);
  for (const profile of profiles) {
    const compiledProfile = encoder.compileProfile(profile);
    const sets = [publicJobs, ownJobs.get(profile.userId)].flatMap((set) => (set ? [set] : []));
    best.clear();
    // Rows are numbered across the profile's sets, public first, so one selection ranks them all.
    let base = 0;
    for (const set of sets) {
      const from = firstJobToScore(profile, set.changed);
      const offset = base;
      await batches.scoreProfile(compiledProfile, set.compiled, from, (start, { scores, components }) => {
        for (let i = 0; i < scores.length; i += 1) best.offer(offset + start + i, scores[i] ?? 0, components, i * scorer.width);
        ctx.onBatch?.();
      });
      base += set.jobs.length;
    }
    const replaces = profile.rescoreAll || profile.scoredThroughMs === null;
    for (const kept of best.best()) {
      chunk.push({
        user_id: profile.userId,
        cluster_id: jobAt(sets, kept.row).clusterId,
        model_version: input.model.version,
        score: round6(kept.score),
        components: namedComponents(scorer.features, kept.components, 0),
        computed_at: computedAt,
        replaces,
      });
      if (chunk.length >= CHUNK_ROWS) flush();
    }
  }
  // At least one file, so the glob always matches (an empty file loads nothing).
  if (chunk.length > 0 || chunks === 0) flush();
  return { path: join(dir, 'scores-*.ndjson'), rows };
}
