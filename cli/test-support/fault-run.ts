// A pipeline run over a large synthetic corpus with its worker killed (SIGKILL) at seeded random
// points, and the clean run it must equal: shared by workflows/faults.integration.test.ts (10,000
// postings) and `npm run bench faults` (100,000).
import type { Client } from '@temporalio/client';
import { Rand, generateCorpus, remotiveItem, shiftToTodayMs } from '../../bench/corpus.js';
import type { SourceInput } from '../../warehouse/core.js';
import { migrate } from '../../warehouse/migrate.js';
import { pipelineProgressQuery, type PipelineProgress } from '../../workflows/pipeline.js';
import { PIPELINE_QUEUE } from '../../workflows/task-queues.js';
import { PROJECT_ROOT, type Config } from '../config.js';
import { runPipeline } from '../run-pipeline.js';
import { seedDefaults } from '../seed-defaults.js';
import { childEnv } from './test-config.js';
import { pipelineOutcome, readWarehouse, violations } from './warehouse-checks.js';
import { serveOnLoopback } from './loopback-server.js';
import { spawnWorker, type WorkerProcess } from './worker-process.js';

export interface CorpusFeeds {
  url: string;
  /** Remotive-style sources: one per board of the corpus, or several for a board of more than FEED_POSTINGS. */
  sources: SourceInput[];
  postings: number;
  close(): Promise<void>;
}

/** Postings per served feed: about 40 MB of JSON, well under the 100 MB a source may read. */
const FEED_POSTINGS = 8_000;

/**
 * `size` postings of the deterministic corpus (bench/corpus.ts), served on 127.0.0.1 as one
 * Remotive-shaped JSON feed per board (per FEED_POSTINGS of a board), built once so every run reads the very same bytes.
 * `endingToday` moves its dates so its last day is today (else they are 2025's, all expired).
 */
export async function startCorpusFeeds(size: number, seed = 42, opts: { endingToday?: boolean } = {}): Promise<CorpusFeeds> {
  const jobs = new Map<string, Record<string, unknown>[]>();
  const shiftMs = opts.endingToday ? shiftToTodayMs() : 0;
  const perBoard = new Map<string, number>();
  for (const p of generateCorpus(size, seed)) {
    // A board past FEED_POSTINGS is served as more feeds: one document stays under a source's size limit.
    const n = perBoard.get(p.sourceId) ?? 0;
    perBoard.set(p.sourceId, n + 1);
    const shard = Math.floor(n / FEED_POSTINGS);
    const name = shard === 0 ? p.sourceId : `${p.sourceId}-${shard}`;
    const feed = jobs.get(name) ?? [];
    feed.push(remotiveItem(p, shiftMs));
    jobs.set(name, feed);
  }
  const bodies = new Map([...jobs].map(([board, feed]) => [`/corpus/${board}.json`, Buffer.from(JSON.stringify({ jobs: feed }))]));
  const server = await serveOnLoopback((req, res) => {
    const body = bodies.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (body) res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    else res.writeHead(404).end();
  });
  const largest = Math.max(...[...bodies.values()].map((b) => b.length));
  const sources: SourceInput[] = [...jobs.keys()].sort().map((board) => ({
    id: `corpus-${board}`,
    name: `Corpus: ${board}`,
    kind: 'json_api',
    adapter: 'remotive',
    url: `${server.url}/corpus/${board}.json`,
    enabled: true,
    timeoutMs: 60_000,
    maxBytes: 2 * largest,
    maxPages: 1,
    pageDelayMs: 0,
  }));
  return { url: server.url, sources, postings: size, close: server.close };
}

export interface Kill {
  /** The stage the run was in when its worker was killed. */
  stage: string;
  /** Milliseconds after that stage was first seen. */
  afterMs: number;
}

const STAGES = ['ingest', 'normalize', 'dedupe', 'score', 'trend', 'publish'] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The kill schedule: `kills` stages drawn from `seed` (a stage may be drawn twice), in pipeline
 * order, each with a delay of up to `maxDelayMs` after the stage is seen running. Drawing stages
 * rather than wall-clock times puts kills in every part of the run on a fast or a slow machine.
 */
export function killSchedule(kills: number, seed: number, maxDelayMs = 3_000): Kill[] {
  const random = new Rand(seed, 7);
  return Array.from({ length: kills }, () => ({ stage: random.pick(STAGES), afterMs: random.int(maxDelayMs) })).sort(
    (a, b) => STAGES.indexOf(a.stage as (typeof STAGES)[number]) - STAGES.indexOf(b.stage as (typeof STAGES)[number]) || a.afterMs - b.afterMs,
  );
}

async function current(client: Client, workflowId: string): Promise<PipelineProgress['current'] | null> {
  try {
    // A query waits for a worker to answer it; one just started may need a while, so ask again soon.
    return (await client.withDeadline(Date.now() + 2_000, () => client.workflow.getHandle(workflowId).query(pipelineProgressQuery))).current;
  } catch {
    return null;
  }
}

/**
 * Starts a pipeline run served by a `cli worker --queue pipeline,fetch` process and, for each kill
 * of the schedule, waits for its stage and its delay and kills the worker with SIGKILL, starting a
 * new one as an operator's supervisor would. Returns where each kill landed (a kill whose stage
 * the run had already passed lands in the stage it is in) and the run's result.
 */
export async function runWithKills(
  client: Client,
  env: NodeJS.ProcessEnv,
  schedule: Kill[],
  log: (line: string) => void = () => undefined,
): Promise<{ landed: Kill[]; result: PipelineProgress }> {
  const workflowId = `pipeline-killed-${Date.now()}`;
  const handle = await client.workflow.start('pipelineWorkflow', { taskQueue: PIPELINE_QUEUE, workflowId, args: [{ trigger: 'manual' }] });
  const outcome = handle.result() as Promise<PipelineProgress>;
  let finished = false;
  void outcome.finally(() => (finished = true)).catch(() => undefined);
  // A worker that dies on its own (not killed here) fails the run at once, with its stderr.
  const start = async (): Promise<WorkerProcess> => {
    const started = spawnWorker('pipeline,fetch', env);
    await started.waitForLog((line) => line.msg === 'worker running', 300_000);
    return started;
  };
  let worker = await start();
  const landed: Kill[] = [];
  for (const kill of schedule) {
    let seenAt: number | null = null;
    let stage: string | null = null;
    while (!finished) {
      stage = await current(client, workflowId);
      const rank = stage === null ? -1 : stage === 'done' ? STAGES.length : STAGES.indexOf(stage as (typeof STAGES)[number]);
      if (rank >= STAGES.indexOf(kill.stage as (typeof STAGES)[number])) {
        seenAt ??= Date.now();
        if (Date.now() - seenAt >= kill.afterMs) break;
      }
      await sleep(100);
    }
    if (finished || stage === null || stage === 'done') break;
    worker.child.kill('SIGKILL');
    await worker.exited;
    landed.push({ stage, afterMs: Date.now() - (seenAt ?? Date.now()) });
    log(`killed the worker in ${stage}, ${landed.at(-1)?.afterMs} ms after it was seen`);
    worker = await start();
  }
  try {
    return { landed, result: await outcome };
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
  }
}

/**
 * The comparison the fault test and benchmark make: the same sources run once undisturbed and once
 * under the kill schedule, each into a fresh warehouse from `newConfig`; returns both outcomes, the
 * killed warehouse's invariant violations, where the kills landed and how long each run took.
 */
export async function cleanAndKilledRuns(opts: {
  client: Client;
  temporalAddress: string;
  sources: SourceInput[];
  schedule: Kill[];
  newConfig: () => Promise<Config>;
  log?: (line: string) => void;
}) {
  const seeded = async () => {
    const config = await opts.newConfig();
    await readWarehouse(config.warehousePath, async (warehouse) => {
      await migrate(warehouse);
      await seedDefaults(warehouse, { projectRoot: PROJECT_ROOT, sources: opts.sources, demoProfile: true });
    });
    return { config, env: childEnv(config, { TEMPORAL_ADDRESS: opts.temporalAddress }) };
  };
  const clean = await seeded();
  const steady = spawnWorker('pipeline,fetch', clean.env);
  let cleanMs: number;
  try {
    await steady.waitForLog((line) => line.msg === 'worker running', 300_000);
    const started = Date.now();
    await runPipeline(opts.client, { trigger: 'manual' });
    cleanMs = Date.now() - started;
  } finally {
    steady.child.kill('SIGTERM');
    await steady.exited;
  }
  const killed = await seeded();
  const started = Date.now();
  const { landed, result } = await runWithKills(opts.client, killed.env, opts.schedule, opts.log);
  return {
    result,
    landed,
    cleanMs,
    killedMs: Date.now() - started,
    expected: await readWarehouse(clean.config.warehousePath, pipelineOutcome),
    actual: await readWarehouse(killed.config.warehousePath, pipelineOutcome),
    violations: await readWarehouse(killed.config.warehousePath, violations),
  };
}
