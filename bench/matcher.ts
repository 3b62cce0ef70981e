// Matcher scoring speed and ONNX fidelity, over a deterministic synthetic corpus:
//   1. 100,000 jobs scored for one profile (features + onnxruntime), target < 100 ms;
//   2. 1,000 profiles × 10,000 new jobs, target < 10 s;
//   3. the largest |ONNX score − the feature specification's reference (float64 weighted sum)|, target ≤ 1e-6;
//   4. the score stage's real path (staged plan → runMatcher → staged NDJSON scores), 100 profiles × 10,000 jobs.
// Each for v1 (the prior's 4 features) and for a model trained here on all 13 features (collaborative included).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTaxonomy } from '../activities/normalize/skills.js';
import type { RemoteScope } from '../activities/normalize/remote-scope.js';
import { feedbackSignals, runMatcher } from '../activities/score/run-matcher.js';
import { stageModel } from '../activities/score/staged-model.js';
import { Staging } from '../activities/staging.js';
import { PROJECT_ROOT } from '../cli/config.js';
import { BatchScorer } from '../models/matcher/batch-scorer.js';
import { CollaborativeSignals } from '../models/matcher/collaborative.js';
import { buildV1 } from '../models/matcher/export-v1.js';
import { FeatureEncoder, type MatchJob, type MatchProfile } from '../models/matcher/features.js';
import { writeModelFiles, type ModelFiles } from '../models/matcher/model-store.js';
import { MatcherScorer } from '../models/matcher/scorer.js';
import { seededRandom } from '../models/matcher/simulated-population.js';
import { trainCandidate } from '../models/matcher/training.js';
import type { FeedbackRow } from '../warehouse/ml.js';
import { writeResults } from './results-file.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const DAY = 86_400_000;


const random = seededRandom(20_261_126);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const sample = <T>(list: readonly T[], n: number): T[] => {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const k = Math.floor(random() * (i + 1));
    [copy[i], copy[k]] = [copy[k] as T, copy[i] as T];
  }
  return copy.slice(0, n);
};

// Ten "domains" of 40 taxonomy skills each: jobs and people draw mostly from one, so skills co-occur as in real ads.
const skillIds = loadTaxonomy().skills.map((s) => s.id);
const domains = Array.from({ length: 10 }, (_, d) => skillIds.slice(d * 40, d * 40 + 40));
const SCOPES: [RemoteScope, string[]][] = [['global', []], ['latam', ['AR', 'BR', 'CO', 'MX']], ['brazil', ['BR']], ['countries', ['US']], ['unknown', []]];
const COUNTRIES: [string, string][] = [['BR', 'America/Sao_Paulo'], ['AR', 'America/Argentina/Buenos_Aires'], ['MX', 'America/Mexico_City'], ['CO', 'America/Bogota'], ['US', 'America/New_York']];
const SENIORITY = ['junior', 'mid', 'senior', 'lead', null];

function syntheticJob(i: number): MatchJob {
  const domain = pick(domains);
  const skills = [...new Set([...sample(domain, 4 + Math.floor(random() * 8)), ...sample(skillIds, Math.floor(random() * 3))])];
  const [scope, countries] = pick(SCOPES);
  const window = random() < 0.3 ? pick([[-3, -3], [-5, -3], [-8, -5], [0, 2]]) : null;
  return {
    clusterId: `job_${i.toString(16).padStart(24, '0')}`,
    skills,
    skillsRequired: skills.filter(() => random() < 0.5),
    skillsNice: skills.filter(() => random() < 0.2),
    seniority: pick(SENIORITY),
    yearsRequired: random() < 0.3 ? Math.floor(random() * 8) : null,
    remoteScope: scope,
    remoteCountries: countries,
    tzMinUtcOffset: window?.[0] ?? null,
    tzMaxUtcOffset: window?.[1] ?? null,
    salaryUsdMonthMax: random() < 0.7 ? 2000 + Math.floor(random() * 10_000) : null,
    contractType: pick(['clt', 'pj', null]),
    language: pick(['en', 'pt', 'es']),
    postedAtMs: NOW.getTime() - Math.floor(random() * 90 * DAY),
  };
}

function syntheticProfile(i: number): MatchProfile {
  const [country, timezone] = pick(COUNTRIES);
  return {
    userId: `user${String(i).padStart(5, '0')}`,
    skills: [...new Set([...sample(pick(domains), 8 + Math.floor(random() * 12)), ...sample(skillIds, 2)])],
    yearsExperience: Math.floor(random() * 15),
    seniority: pick(['junior', 'mid', 'senior', 'lead']),
    country,
    timezone,
    salaryFloorUsdMonth: 2000 + Math.floor(random() * 6000),
    languages: random() < 0.5 ? ['pt', 'en'] : [pick(['pt', 'es', 'en'])],
  };
}

const jobs100k = Array.from({ length: 100_000 }, (_, i) => syntheticJob(i));
const jobs10k = jobs100k.slice(0, 10_000);
const profiles = Array.from({ length: 1_000 }, (_, i) => syntheticProfile(i));

// Feedback from a hidden taste (skills, language, freshness), 20 jobs per person, to train the full model on.
const feedback: FeedbackRow[] = profiles.flatMap((p) =>
  sample(jobs10k, 20).map((j) => {
    const overlap = j.skills.filter((s) => p.skills.includes(s)).length / Math.max(1, j.skills.length);
    const utility = 2 * overlap + (p.languages.includes(j.language ?? '') ? 1 : 0) + (1 - (NOW.getTime() - (j.postedAtMs ?? 0)) / (90 * DAY)) + random();
    return { userId: p.userId, clusterId: j.clusterId, atMs: NOW.getTime(), saved: utility > 2.2, dismissed: utility < 1.6, rating: null, outcome: utility > 2.8 ? ('applied' as const) : null };
  }),
);

const v1 = buildV1();
const v1Files: ModelFiles = { model: v1.model, card: v1.card, skillSpace: null };
let started = performance.now();
const trained = await trainCandidate({ profiles, jobs: jobs10k, feedback }, v1Files, { version: 'bench', dataSha256: '0'.repeat(64), taxonomy: loadTaxonomy(), now: NOW });
const trainSeconds = (performance.now() - started) / 1000;
if (!trained.trained) throw new Error(trained.reason);
const full = trained.candidate;
const signals = new CollaborativeSignals(feedbackSignals(feedback), new Map(profiles.map((p) => [p.userId, p.skills])));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => Number(x.toFixed(1));

async function measure(name: string, files: ModelFiles, skillSpaceJson: string | null) {
  const scorer = await MatcherScorer.fromBytes(files.model, files.card.sha256, files.card.features);
  const encoder = new FeatureEncoder(files.card.features, { now: NOW, skillSpace: files.skillSpace, collaborative: signals });
  const batches = new BatchScorer(encoder, scorer);
  const discard = () => undefined;

  // 1. One profile against 100,000 jobs (the jobs compiled once, as the score stage does per run).
  started = performance.now();
  const compiled100k = encoder.compileJobs(jobs100k);
  const compileJobsMs = performance.now() - started;
  const runs: number[] = [];
  for (let run = 0; run < 9; run += 1) {
    started = performance.now();
    await batches.scoreProfile(encoder.compileProfile(profiles[run % profiles.length] as MatchProfile), compiled100k, 0, discard);
    runs.push(performance.now() - started);
  }
  const warm = runs.slice(2); // the first runs include JIT warm-up

  // 2. 1,000 profiles × 10,000 new jobs, compiling the new jobs included.
  started = performance.now();
  const compiled10k = encoder.compileJobs(jobs10k);
  for (const p of profiles) await batches.scoreProfile(encoder.compileProfile(p), compiled10k, 0, discard);
  const pairsSeconds = (performance.now() - started) / 1000;

  // 3. ONNX against the reference: the spec's features in float64, weighted by the card.
  const weights = files.card.features.map((f) => files.card.weights[f] ?? 0);
  let maxAbsDiff = 0;
  const fidelityProfile = encoder.compileProfile(profiles[0] as MatchProfile);
  await batches.scoreProfile(fidelityProfile, compiled100k, 0, (start, { scores }) => {
    for (let i = 0; i < scores.length; i += 1) {
      const reference = encoder.values(fidelityProfile, { jobs: compiled100k, row: start + i }).reduce((s, v, k) => s + (weights[k] ?? 0) * v, 0);
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs((scores[i] ?? NaN) - reference));
    }
  });
  await scorer.release();

  // 4. The score stage's real path, staged files in and out.
  const dir = mkdtempSync(join(tmpdir(), 'bench-matcher-'));
  const staging = new Staging(dir);
  const modelDir = join(dir, 'registry', name);
  writeModelFiles(modelDir, { model: files.model, card: files.card, skillSpaceJson });
  const model = stageModel({ name: 'matcher', version: name, path: join(modelDir, 'model.onnx'), sha256: files.card.sha256, status: 'active' }, staging, 'bench', 'score');
  const write = (what: string, rows: unknown[]) => staging.writeNdjson(staging.pathFor('bench', 'score', what), rows).path;
  const stagedProfiles = profiles.slice(0, 100).map((p) => ({ ...p, scoredThroughMs: null, rescoreAll: true }));
  const stagedJobs = jobs10k.map((j) => ({ ...j, changedMs: NOW.getTime(), visibleTo: null }));
  const plan = write('plan', [{ nowMs: NOW.getTime(), pairs: stagedProfiles.length * stagedJobs.length, profiles: write('profiles', stagedProfiles), jobs: write('jobs', stagedJobs), feedback: write('feedback', feedback) }]);
  started = performance.now();
  const staged = await runMatcher({ runId: 'bench', path: plan, model }, { staging, projectRoot: PROJECT_ROOT });
  const stagedSeconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });

  return {
    features: files.card.features.length,
    oneProfile100kJobsMs: { median: ms(median(warm)), min: ms(Math.min(...warm)), compileJobsOnceMs: ms(compileJobsMs) },
    profiles1000xJobs10kSeconds: Number(pairsSeconds.toFixed(2)),
    pairsPerSecond: Math.round(10_000_000 / pairsSeconds),
    onnxVsReferenceMaxAbsDiff: Number(maxAbsDiff.toExponential(2)),
    stagedPath100x10k: { seconds: Number(stagedSeconds.toFixed(2)), rows: staged.rows, rowsPerSecond: Math.round(staged.rows / stagedSeconds) },
  };
}

const result = {
  v1: await measure('v1', v1Files, null),
  trained: { ...(await measure('trained', full, full.skillSpaceJson)), trainingSeconds: Number(trainSeconds.toFixed(2)), trainingRows: feedback.length },
  peakRssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
  // Wall times on a shared machine: the load during the run says how much of them is waiting for a core.
  loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(1)),
};
console.table(
  Object.fromEntries(
    (['v1', 'trained'] as const).map((name) => [
      `${name} (${result[name].features} features)`,
      {
        '1 × 100k jobs, ms (median)': result[name].oneProfile100kJobsMs.median,
        '1,000 × 10k, s': result[name].profiles1000xJobs10kSeconds,
        'max |ONNX − ref|': result[name].onnxVsReferenceMaxAbsDiff,
        'staged 100 × 10k, s': result[name].stagedPath100x10k.seconds,
      },
    ]),
  ),
);
writeResults('matcher', { date: new Date().toISOString(), ...result });
