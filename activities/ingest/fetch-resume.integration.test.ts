import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type Config } from '../../cli/config.js';
import { testConfig } from '../../cli/test-support/test-config.js';
import { resolveTemporalCli } from '../../cli/temporal-cli.js';
import { startDevServer, type DevServer } from '../../cli/temporal-dev-server.js';
import { sourceSchema, upsertSource, type Source } from '../../warehouse/core.js';
import { Warehouse } from '../../warehouse/db.js';
import { migrate } from '../../warehouse/migrate.js';
import { ingestSourceWorkflow } from '../../workflows/ingest-source.js';
import { FETCH_QUEUE, PIPELINE_QUEUE } from '../../workflows/task-queues.js';
import { createFetchActivities } from '../fetch-activities.js';
import { CUSTOM_ADAPTER } from './custom/config.js';
import { SkillMatcher, loadTaxonomy } from '../normalize/skills.js';
import { createPipelineActivities } from '../pipeline-activities.js';
import { Staging } from '../staging.js';

// Arbeitnow's recorded pages (links.next paging): 3 pages.
const fixture = (page: number) => readFileSync(join(PROJECT_ROOT, `fixtures/sources/arbeitnow/page-${page}.json`), 'utf8');
const feedXml = () => readFileSync(join(PROJECT_ROOT, 'fixtures/custom-sources/vagas.rss'));

let config: Config;
let temporal: DevServer;
let connection: Connection;
let warehouse: Warehouse;
let board: Server;
let base = '';
/** A second 127.0.0.1 server, for user-defined sources: allowed only when the policy names its port. */
let feeds: Server;
let feedsBase = '';
let feedHits = 0;
const hits = new Map<number, number>();
let workers: Worker[] = [];
let running: Promise<void>[] = [];

beforeAll(async () => {
  config = await testConfig();
  board = createServer((req, res) => {
    if (req.url === '/feed.rss') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml());
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 1);
    hits.set(page, (hits.get(page) ?? 0) + 1);
    // The first request for page 3 fails, slowly (the activity heartbeats while it waits): the
    // attempt that made it has pages 1 and 2 behind it.
    if (page === 3 && hits.get(3) === 1) return void setTimeout(() => res.writeHead(503).end('overloaded'), 2_500);
    res.end(fixture(page).replaceAll('https://www.arbeitnow.com/api/', `${base}/api/`));
  });
  await new Promise<void>((resolve) => board.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(board.address() as AddressInfo).port}`;
  feeds = createServer((_req, res) => {
    feedHits += 1;
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml());
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  feedsBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;

  temporal = await startDevServer({ cliPath: resolveTemporalCli({ projectRoot: PROJECT_ROOT }), dbFile: config.temporalDbFile, port: config.temporalPort, uiPort: null });
  connection = await Connection.connect({ address: temporal.address });
  warehouse = await Warehouse.open(config.warehousePath);
  await migrate(warehouse);

  const staging = new Staging(config.stagingDir);
  const native = await NativeConnection.connect({ address: temporal.address });
  workers = [
    await Worker.create({
      connection: native,
      taskQueue: PIPELINE_QUEUE,
      workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
      activities: createPipelineActivities({ warehouse, staging, skills: new SkillMatcher(loadTaxonomy()), snapshotPath: config.snapshotPath }),
    }),
    await Worker.create({
      connection: native,
      taskQueue: FETCH_QUEUE,
      // As SOURCE_ALLOWLIST=127.0.0.1:<port of the board> would: the feeds server stays off limits.
      activities: createFetchActivities({ staging, projectRoot: PROJECT_ROOT, networkPolicy: { allowPrivate: false, allowList: [base.replace('http://', '')] } }),
    }),
  ];
  running = workers.map((w) => w.run());
});

afterAll(async () => {
  for (const w of workers) w.shutdown();
  await Promise.allSettled(running);
  warehouse?.close();
  await connection?.close();
  await temporal?.stop();
  await new Promise<void>((resolve) => board.close(() => resolve()));
  await new Promise<void>((resolve) => feeds.close(() => resolve()));
  if (config) rmSync(config.dataDir, { recursive: true, force: true });
});

describe('a fetchSource activity retried after it failed on page 3', () => {
  it('continues from its heartbeat: pages 1 and 2 are read once, and every item is loaded', async () => {
    const source: Source = sourceSchema.parse({
      id: 'arbeitnow',
      name: 'Arbeitnow',
      kind: 'json_api',
      adapter: 'arbeitnow',
      url: `${base}/api/job-board-api`,
      enabled: true,
      timeoutMs: 5_000,
      maxBytes: 1_000_000,
      maxPages: 10,
      pageDelayMs: 0,
    });
    await warehouse.withConnection((conn) => upsertSource(conn, source));
    const client = new Client({ connection });
    const workflowId = 'ingest-resume-test';

    const handle = await client.workflow.start(ingestSourceWorkflow, { taskQueue: PIPELINE_QUEUE, workflowId, args: [{ runId: 'resume-run', workflowId }, source] });
    const result = await handle.result();

    expect(Object.fromEntries(hits)).toEqual({ 1: 1, 2: 1, 3: 2 });
    const expected = new Set(
      [1, 2, 3].flatMap((page) => (JSON.parse(fixture(page)) as { data: { slug?: string; title?: string }[] }).data.filter((j) => j.slug && j.title).map((j) => j.slug)),
    );
    expect(result).toMatchObject({ ok: true, items: expected.size, error: null });
    const loaded = await warehouse.query<{ external_id: string }>(`SELECT external_id FROM raw_postings WHERE source_id = 'arbeitnow' ORDER BY external_id`);
    expect(loaded.map((r) => r.external_id)).toEqual([...expected].sort());

    // The history shows the retry: the activity completed on its second attempt.
    const history = await handle.fetchHistory();
    const started = history.events?.filter((e) => e.activityTaskStartedEventAttributes) ?? [];
    expect(started.map((e) => e.activityTaskStartedEventAttributes?.attempt)).toContain(2);
  });
});

describe('the network policy of the fetch worker', () => {
  const custom = (id: string, url: string): Source =>
    sourceSchema.parse({
      id,
      name: id,
      kind: 'rss',
      adapter: CUSTOM_ADAPTER,
      url,
      enabled: true,
      timeoutMs: 5_000,
      maxBytes: 1_000_000,
      config: { kind: 'rss', url },
    });

  async function ingest(source: Source) {
    await warehouse.withConnection((conn) => upsertSource(conn, source));
    const workflowId = `ingest-${source.id}`;
    return new Client({ connection }).workflow.execute(ingestSourceWorkflow, { taskQueue: PIPELINE_QUEUE, workflowId, args: [{ runId: 'policy-run', workflowId }, source] });
  }

  it('refuses a user-defined source on a loopback address it does not allow, without a request, and records why', async () => {
    const result = await ingest(custom('custom-internal', `${feedsBase}/feed.rss`));

    expect(result).toMatchObject({ ok: false, items: 0 });
    expect(result.error).toContain('is a loopback address');
    expect(feedHits).toBe(0);
  });

  it('reads a user-defined source the allow list names', async () => {
    const result = await ingest(custom('custom-allowed', `${base}/feed.rss`));

    expect(result).toMatchObject({ ok: true, error: null });
    expect(result.items).toBeGreaterThan(0);
  });
});
