// The faults of issue #13 on real components: a Temporal dev server (started by the same code as
// `npm start`), `cli worker` processes killed or frozen with real signals, DuckDB files, a real
// full file system, and feeds served on 127.0.0.1 that hold or hang.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Staging } from '../activities/staging.js';
import { PROJECT_ROOT, type Config } from '../cli/config.js';
import { runPipeline } from '../cli/run-pipeline.js';
import { DEMO_SOURCES_DIR, demoSources, seedDefaults } from '../cli/seed-defaults.js';
import { cleanAndKilledRuns, killSchedule, startCorpusFeeds, type CorpusFeeds } from '../cli/test-support/fault-run.js';
import { startFaultServer, type FaultServer } from '../cli/test-support/fault-server.js';
import { serveOnLoopback } from '../cli/test-support/loopback-server.js';
import { childEnv, testConfig } from '../cli/test-support/test-config.js';
import { NO_VIOLATIONS, pipelineOutcome, readWarehouse, violations } from '../cli/test-support/warehouse-checks.js';
import { spawnWorker, type WorkerProcess } from '../cli/test-support/worker-process.js';
import { resolveTemporalCli } from '../cli/temporal-cli.js';
import { startDevServer, type DevServer } from '../cli/temporal-dev-server.js';
import type { SourceInput } from '../warehouse/core.js';
import { insertCustomSource } from '../warehouse/custom-sources.js';
import { migrate } from '../warehouse/migrate.js';
import { PIPELINE_QUEUE } from './task-queues.js';

let temporal: DevServer;
let temporalConfig: Config;
let connection: Connection;
let client: Client;
let faults: FaultServer;
const dataDirs: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const demoFile = (name: string) => readFileSync(join(PROJECT_ROOT, DEMO_SOURCES_DIR, name));
const customFixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'fixtures/custom-sources', name));

/** The Temporal dev server, on the same port and SQLite file every time (a restart keeps its state). */
function startTemporal(): Promise<DevServer> {
  return startDevServer({ cliPath: resolveTemporalCli({ projectRoot: PROJECT_ROOT }), dbFile: temporalConfig.temporalDbFile, port: temporalConfig.temporalPort, uiPort: null });
}

/** A fresh data folder, removed after the file's tests. */
async function freshConfig(): Promise<Config> {
  const config = await testConfig();
  dataDirs.push(config.dataDir);
  return config;
}

/** A fresh data folder whose warehouse holds the given sources (the demo feeds unless told). */
async function preparedConfig(sources: SourceInput[] = demoSources(faults.url)): Promise<Config> {
  const config = await freshConfig();
  await readWarehouse(config.warehousePath, async (warehouse) => {
    await migrate(warehouse);
    await seedDefaults(warehouse, { projectRoot: PROJECT_ROOT, sources, demoProfile: true });
  });
  return config;
}

// Every test's workers poll the same task queues of the one dev server: none may outlive its test.
const running = new Set<WorkerProcess>();

function worker(config: Config, extra: NodeJS.ProcessEnv = {}, queues = 'pipeline,fetch'): WorkerProcess {
  const w = spawnWorker(queues, childEnv(config, { TEMPORAL_ADDRESS: temporal.address, ...extra }));
  running.add(w);
  void w.exited.then(() => running.delete(w));
  return w;
}

afterEach(async () => {
  for (const w of running) w.child.kill('SIGKILL');
  await Promise.all([...running].map((w) => w.exited));
});

async function stopWorker(w: WorkerProcess): Promise<void> {
  w.child.kill('SIGTERM');
  await w.exited;
}

function startRun(prefix: string) {
  return client.workflow.start('pipelineWorkflow', { taskQueue: PIPELINE_QUEUE, workflowId: `${prefix}-${Date.now()}`, args: [{ trigger: 'manual' }] });
}

/**
 * Until each source's fetch activity has been picked up by a fetch worker (a second one waits there
 * for its turn at the host). Each ingest child schedules its fetch in a workflow task, which only a
 * pipeline worker runs: a test that stops that worker must first see both fetches under way.
 */
async function fetchesStarted(parentWorkflowId: string, sourceIds: string[], timeoutMs = 60_000): Promise<void> {
  const started = async (sourceId: string) => {
    try {
      const child = await client.workflow.getHandle(`${parentWorkflowId}/ingest/${sourceId}`).describe();
      return (child.raw.pendingActivities ?? []).some((activity) => activity.lastStartedTime);
    } catch {
      return false; // not started yet
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.all(sourceIds.map(started))).every(Boolean)) {
    if (Date.now() > deadline) throw new Error(`the fetches of ${sourceIds.join(', ')} did not all start within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** source_health of one run, by source. */
async function healthOf(config: Config, runId: string) {
  const rows = await readWarehouse(config.warehousePath, (w) =>
    w.query<{ source_id: string; ok: boolean; items: number; error: string | null }>('SELECT source_id, ok, items, error FROM source_health WHERE run_id = $1', [runId]),
  );
  return Object.fromEntries(rows.map((r) => [r.source_id, r]));
}

async function stagesOf(config: Config, runId: string) {
  const rows = await readWarehouse(config.warehousePath, (w) => w.query<{ stage: string; status: string }>('SELECT stage, status FROM pipeline_runs WHERE run_id = $1', [runId]));
  return Object.fromEntries(rows.map((r) => [r.stage, r.status]));
}

/** What the demo feeds make of a warehouse, whatever runs it took: the clean run's outcome without its stage rows. */
const contentOf = ({ stages: _stages, ...content }: Awaited<ReturnType<typeof pipelineOutcome>>) => content;

/** One uninterrupted run over the demo feeds: what every interrupted run must end up equal to. */
let clean: Awaited<ReturnType<typeof pipelineOutcome>>;

beforeAll(async () => {
  faults = await startFaultServer();
  temporalConfig = await testConfig();
  dataDirs.push(temporalConfig.dataDir);
  temporal = await startTemporal();
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection });

  const reference = await preparedConfig();
  const steady = worker(reference);
  await runPipeline(client, { trigger: 'manual' });
  await stopWorker(steady);
  clean = await readWarehouse(reference.warehousePath, pipelineOutcome);
  expect(clean.counts.job_clusters).toBeGreaterThan(0);
  expect(await readWarehouse(reference.warehousePath, violations)).toEqual(NO_VIOLATIONS);
}, 300_000);

afterAll(async () => {
  await connection?.close();
  await temporal?.stop();
  await faults?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the Temporal dev server going away in the middle of a run', () => {
  it('killed during ingest and stopped again during a later stage: the same worker and client carry on once it is back', async () => {
    const config = await preparedConfig();
    const w = worker(config);
    const handle = await startRun('pipeline-restart');

    await w.waitForLog((line) => line.msg === 'source fetched');
    process.kill(temporal.pid, 'SIGKILL'); // a crash: no chance to flush anything
    await sleep(5_000);
    temporal = await startTemporal();

    await w.waitForLog((line) => line.msg === 'stage finished' && line.stage === 'normalize', 120_000);
    await temporal.stop(); // an orderly stop (SIGTERM), as an upgrade or a reboot would do
    await sleep(5_000);
    temporal = await startTemporal();

    expect((await handle.result()).current).toBe('done');
    // The worker rode out both outages: the SDK's core keeps polling with backoff until the server answers.
    expect(w.child.exitCode).toBeNull();
    await stopWorker(w);
    expect(await readWarehouse(config.warehousePath, violations)).toEqual(NO_VIOLATIONS);
    expect(await readWarehouse(config.warehousePath, pipelineOutcome)).toEqual(clean);
  }, 300_000);
});

/** A feed server whose answers the test controls: held until released, or hanging forever. */
async function startControlledFeeds() {
  let releaseHeld: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (releaseHeld = resolve));
  let heldSeen: () => void = () => undefined;
  const firstHeld = new Promise<void>((resolve) => (heldSeen = resolve));
  const state = { hanging: true };
  const server = await serveOnLoopback((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (type: string, body: Buffer) => void res.writeHead(200, { 'content-type': type }).end(body);
    if (path === '/held/remotive.json' || path === '/held/weworkremotely.rss') {
      heldSeen();
      void released.then(() => send('application/octet-stream', demoFile(path.slice('/held/'.length))));
      return;
    }
    if (path === '/robots.txt') return void res.writeHead(404).end();
    if (!state.hanging) {
      if (path === '/hang/trickle.json') return send('application/json', demoFile('remotive.json'));
      if (path === '/hang/vagas.rss') return send('application/rss+xml; charset=utf-8', customFixture('vagas.rss'));
      if (path === '/hang/vagas') return send('text/html; charset=utf-8', customFixture('board-page-1.html'));
    }
    if (path === '/hang/trickle.json') {
      // Answers at once, then sends one byte every 200 ms for ever: no idle time-out would end it.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"jobs": [');
      const drip = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(drip));
      return;
    }
    if (path === '/hang/vagas') return void res.writeHead(200, { 'content-type': 'text/html' }).write('<html><body><ul class="vagas">');
    // /hang/vagas.rss and anything else: the connection is accepted and never answered.
  });
  return { url: server.url, state, firstHeld, release: () => releaseHeld(), close: server.close };
}

describe('a staged file corrupted between the fetch and the load', () => {
  it('is refused whole with a message naming it, recorded, nothing of it loaded; the next run fetches again and recovers', async () => {
    const feeds = await startControlledFeeds();
    try {
      const config = await preparedConfig(demoSources(`${feeds.url}/held`));
      const pipeline = worker(config, {}, 'pipeline');
      const fetching = worker(config, {}, 'fetch');
      await Promise.all([pipeline, fetching].map((w) => w.waitForLog((line) => line.msg === 'worker running')));
      const handle = await startRun('pipeline-corrupt');

      // A fetch is under way and the other waits its turn (one request per host at a time): freeze the
      // warehouse owner, so that nothing is loaded until both staged files are damaged.
      await feeds.firstHeld;
      await fetchesStarted(handle.workflowId, ['demo-remotive', 'demo-wwr']);
      pipeline.child.kill('SIGSTOP');
      feeds.release();
      await fetching.waitForLog((line) => line.msg === 'source fetched' && line.sourceId === 'demo-remotive');
      await fetching.waitForLog((line) => line.msg === 'source fetched' && line.sourceId === 'demo-wwr');
      const staging = new Staging(config.stagingDir);
      const remotive = staging.pathFor(handle.firstExecutionRunId, 'ingest', 'demo-remotive');
      const wwr = staging.pathFor(handle.firstExecutionRunId, 'ingest', 'demo-wwr');
      truncateSync(remotive, Math.floor(statSync(remotive).size / 2)); // cut in the middle of a line
      const lines = readFileSync(wwr, 'utf8').split('\n');
      writeFileSync(wwr, `${lines.slice(0, 3).join('\n')}\n`); // cut at a line boundary: valid NDJSON, rows missing
      pipeline.child.kill('SIGCONT');

      const result = await handle.result();
      expect(result.current).toBe('done');
      await Promise.all([pipeline, fetching].map(stopWorker)); // the warehouse has one owner at a time
      const health = await healthOf(config, result.runId);
      expect(health['demo-remotive']).toMatchObject({ ok: false, items: 0 });
      expect(health['demo-remotive']?.error).toMatch(/^the staged file of demo-remotive cannot be read: .*Malformed JSON in file ".*demo-remotive\.ndjson"/);
      expect(health['demo-wwr']).toMatchObject({ ok: false, items: 0 });
      expect(health['demo-wwr']?.error).toBe(`the staged file ${wwr} holds 3 rows (0 incomplete, 0 of another source) where the fetch staged 10: it changed after the fetch`);
      expect(await stagesOf(config, result.runId)).toMatchObject({ ingest: 'failed', normalize: 'ok', publish: 'ok' });
      const stored = await readWarehouse(config.warehousePath, (w) => w.query<{ n: number }>('SELECT (SELECT count(*) FROM raw_postings) + (SELECT count(*) FROM source_listings) AS n'));
      expect(stored).toEqual([{ n: 0 }]);

      const w = worker(config);
      const { result: next } = await runPipeline(client, { trigger: 'manual' });
      await stopWorker(w);
      expect(Object.values(await healthOf(config, next.runId)).map((h) => h.ok)).toEqual([true, true]);
      expect(await readWarehouse(config.warehousePath, violations)).toEqual(NO_VIOLATIONS);
      expect(contentOf(await readWarehouse(config.warehousePath, pipelineOutcome))).toEqual(contentOf(clean));
    } finally {
      await feeds.close();
    }
  }, 300_000);
});

describe('the staging folder on a full disk', () => {
  // A real ENOSPC from the kernel: the staging folder is a small tmpfs filled to the last byte.
  // Mounting one needs root (CAP_SYS_ADMIN), which the test machines and CI have.
  let mountPoint = '';
  afterAll(() => {
    if (mountPoint) execFileSync('umount', [mountPoint]);
  });

  it('fails the fetches (recorded) and holds the run at the next stage that must write, losing nothing; freed space lets it finish', async () => {
    const config = await preparedConfig();
    mountPoint = join(config.dataDir, 'full-staging');
    mkdirSync(mountPoint);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]);
    const ballast = join(mountPoint, 'ballast');
    expect(() => writeFileSync(ballast, Buffer.alloc(1024 * 1024))).toThrow(/ENOSPC/);

    const w = worker(config, { STAGING_DIR: mountPoint });
    const handle = await startRun('pipeline-disk-full');
    // Every fetch fails for want of space and the sources are recorded as failed. The stages after
    // ingest have nothing to stage until scoring (the demo profile), which fails and is retried
    // with backoff for as long as its retry policy allows: the run waits for an operator.
    let waiting: { activity: string; error: string } | null = null;
    while (!waiting) {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      const failing = pending.find((a) => /ENOSPC/.test(a.lastFailure?.message ?? ''));
      if (failing) waiting = { activity: failing.activityType?.name ?? '', error: failing.lastFailure?.message ?? '' };
      else await sleep(500);
    }
    expect(waiting.error).toMatch(/ENOSPC: no space left on device/);
    // A failed write leaves no half-written temporary file behind to keep the disk full.
    const leftovers = readdirSync(mountPoint, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);

    rmSync(ballast); // the operator frees space; the next retry goes through
    const result = await handle.result();
    expect(result.current).toBe('done');
    await stopWorker(w);
    const health = await healthOf(config, result.runId);
    for (const id of ['demo-remotive', 'demo-wwr']) {
      expect(health[id]).toMatchObject({ ok: false, items: 0 });
      expect(health[id]?.error).toMatch(/ENOSPC: no space left on device/);
    }
    expect(await stagesOf(config, result.runId)).toMatchObject({ ingest: 'failed', normalize: 'ok', score: 'ok', publish: 'ok' });
    expect(await readWarehouse(config.warehousePath, (w) => w.query<{ n: number }>('SELECT count(*) AS n FROM raw_postings'))).toEqual([{ n: 0 }]);

    const again = worker(config, { STAGING_DIR: mountPoint });
    const { result: next } = await runPipeline(client, { trigger: 'manual' });
    await stopWorker(again);
    expect(Object.values(await healthOf(config, next.runId)).map((h) => h.ok)).toEqual([true, true]);
    expect(await readWarehouse(config.warehousePath, violations)).toEqual(NO_VIOLATIONS);
    expect(contentOf(await readWarehouse(config.warehousePath, pipelineOutcome))).toEqual(contentOf(clean));
  }, 300_000);
});

describe('sources that hang for ever', () => {
  // pipeline.integration.test.ts covers a built-in source that never answers at all; these hang
  // after answering, or on the custom readers' own paths (the guarded fetch, crawlee).
  it('end at their time-outs, recorded, while the run completes with the others; the next run reads them once they answer', async () => {
    const feeds = await startControlledFeeds();
    try {
      const config = await preparedConfig([
        ...demoSources(faults.url),
        { id: 'hang-trickle', name: 'trickles for ever', kind: 'json_api', adapter: 'remotive', url: `${feeds.url}/hang/trickle.json`, enabled: true, timeoutMs: 1_500, maxBytes: 1024 * 1024, maxPages: 1, pageDelayMs: 0 },
      ]);
      const custom = { enabled: true, ownerUserId: null, timeoutMs: 1_500, maxBytes: 1024 * 1024, maxPages: 1, pageDelayMs: 0, adapter: 'custom' };
      await readWarehouse(config.warehousePath, async (warehouse) =>
        warehouse.withConnection(async (conn) => {
          await insertCustomSource(conn, { ...custom, id: 'hang-rss', name: 'custom feed that never answers', kind: 'rss', url: `${feeds.url}/hang/vagas.rss`, config: { kind: 'rss', url: `${feeds.url}/hang/vagas.rss` } });
          await insertCustomSource(conn, {
            ...custom,
            id: 'hang-scrape',
            name: 'custom board that stops mid-page',
            kind: 'html',
            url: `${feeds.url}/hang/vagas`,
            config: { kind: 'scrape', base_url: feeds.url, search_url: '/hang/vagas', selectors: { container: 'li.vaga', title: 'h2.titulo', link: 'h2.titulo a@href' }, max_pages: 1, delay_ms: { min: 0, max: 0 } },
          });
        }),
      );
      const w = worker(config, { SOURCE_ALLOWLIST: new URL(feeds.url).host });
      const { result } = await runPipeline(client, { trigger: 'manual' });
      expect(result.current).toBe('done');
      feeds.state.hanging = false;
      const { result: next } = await runPipeline(client, { trigger: 'manual' });
      await stopWorker(w);

      const health = await healthOf(config, result.runId);
      expect(health['demo-remotive']).toMatchObject({ ok: true, items: 14 });
      expect(health['demo-wwr']).toMatchObject({ ok: true, items: 10 });
      expect(health['hang-trickle']?.error).toBe(`${feeds.url}/hang/trickle.json did not finish sending within 1500 ms`);
      expect(health['hang-rss']?.error).toBe(`${feeds.url}/hang/vagas.rss did not answer within 1500 ms`);
      expect(health['hang-scrape']?.error).toMatch(/timeout|timed out|1500 ?ms/i);
      expect(await stagesOf(config, result.runId)).toMatchObject({ ingest: 'partial', publish: 'ok' });

      const recovered = await healthOf(config, next.runId);
      expect(Object.fromEntries(Object.entries(recovered).map(([id, h]) => [id, h.ok]))).toEqual({ 'demo-remotive': true, 'demo-wwr': true, 'hang-trickle': true, 'hang-rss': true, 'hang-scrape': true });
      expect(await readWarehouse(config.warehousePath, violations)).toEqual(NO_VIOLATIONS);
    } finally {
      await feeds.close();
    }
  }, 300_000);
});

describe('a worker killed with SIGKILL at seeded random points of a 10,000-posting run', () => {
  const POSTINGS = 10_000;
  let corpus: CorpusFeeds;
  beforeAll(async () => {
    corpus = await startCorpusFeeds(POSTINGS);
  }, 120_000);
  afterAll(() => corpus?.close());

  it('completes with the warehouse of an uninterrupted run: nothing lost, nothing twice, every invariant kept', async () => {
    const runs = await cleanAndKilledRuns({
      client,
      temporalAddress: temporal.address,
      sources: corpus.sources,
      schedule: killSchedule(3, 9), // ingest, dedupe, score: see killSchedule
      newConfig: freshConfig,
      log: (line) => console.log(line),
    });
    expect(runs.expected.counts.postings).toBe(POSTINGS);
    expect(runs.result.current).toBe('done');
    expect(runs.landed.length).toBeGreaterThanOrEqual(2);
    expect(runs.violations).toEqual(NO_VIOLATIONS);
    expect(runs.actual).toEqual(runs.expected);
    // Minutes on an idle 2-core machine (two runs, each kill costs a heartbeat time-out and a worker start); far more on a busy one.
  }, 2_700_000);
});
