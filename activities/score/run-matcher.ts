import { readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MATCHES_PER_PROFILE, type ModelVersion } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';
import type { ScoringPlan } from './scoring-plan.js';
import { SCORE_FILE, SCORE_FILES, scoreParts, type ScoringJobSpec } from './score-profiles.js';
import { readStagedRows } from './staged-model.js';

export { feedbackSignals } from './score-profiles.js';

const WORKER_URL = new URL('./score-worker.mjs', import.meta.url);
/** Pairs worth a thread: below this a plan is scored in the calling thread, which is quicker than starting workers (each loads the plan and model). */
const PAIRS_PER_THREAD = 5_000_000;
/** Parts per thread: small enough that threads finish together however the profiles' pairs are spread. */
const PARTS_PER_THREAD = 8;

/** Threads for a plan of `pairs` pairs: one per core while each gets enough pairs to pay for starting (one for a plan staged before plans counted them). */
export function scoringThreads(pairs: number, cores = availableParallelism()): number {
  const worth = Math.floor(pairs / PAIRS_PER_THREAD);
  return worth > 1 ? Math.min(cores, worth) : 1;
}

/** One worker thread scoring parts until the shared counter runs out; resolves to the rows it staged. */
function scoreInWorker(workerData: { spec: ScoringJobSpec; next: SharedArrayBuffer; parts: number }, started: Worker[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData });
    started.push(worker);
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`scoring worker exited with code ${code}`)));
  });
}

/**
 * Scores a staged plan with its ONNX matcher version: computes the features of every pair the plan
 * calls for and runs them through onnxruntime in batches, and stages each profile's best `keep`
 * (`MATCHES_PER_PROFILE`) of them. A large plan is split by profiles across `threads` threads (by
 * default one per core when the plan is large enough: this one and worker threads), each loading the plan and model once.
 * Stateless (fetch queue): reads and writes staging files only. Returns a glob of the staged score files.
 */
export async function runMatcher(
  input: { runId: string; path: string; model: ModelVersion },
  ctx: { staging: Staging; projectRoot: string; keep?: number; threads?: number },
): Promise<{ path: string; rows: number }> {
  const [plan] = readStagedRows<ScoringPlan>(ctx.staging, input.path);
  if (!plan) throw new Error(`scoring plan ${input.path} is empty`);
  const dir = dirname(ctx.staging.check(input.path));
  // A retried attempt starts over: no chunk of an earlier attempt may join the glob.
  for (const file of readdirSync(dir)) if (SCORE_FILE.test(file)) rmSync(join(dir, file));
  const spec: ScoringJobSpec = { planPath: ctx.staging.check(input.path), model: input.model, stagingRoot: ctx.staging.root, projectRoot: ctx.projectRoot, keep: ctx.keep ?? MATCHES_PER_PROFILE };

  const threads = ctx.threads ?? scoringThreads(plan.pairs);
  // Several parts per thread, so threads finish together; one for a thread alone.
  const parts = threads <= 1 ? 1 : Math.max(1, Math.min(readStagedRows(ctx.staging, plan.profiles).length, threads * PARTS_PER_THREAD));
  const next = new SharedArrayBuffer(4);
  const started: Worker[] = [];
  // The calling thread scores beside threads − 1 workers (one start fewer), after starting them.
  const workers = Array.from({ length: threads - 1 }, () => scoreInWorker({ spec, next, parts }, started));
  const own = scoreParts(spec, next, parts);
  let rows: number;
  try {
    rows = (await Promise.all([own, ...workers])).reduce((a, b) => a + b, 0);
  } catch (error) {
    // No part left for anyone: this thread stops after its current part, so nothing writes once the attempt has failed.
    Atomics.store(new Int32Array(next), 0, parts);
    await own.catch(() => undefined);
    throw error;
  } finally {
    await Promise.all(started.map((worker) => worker.terminate()));
  }
  return { path: join(dir, SCORE_FILES), rows };
}
