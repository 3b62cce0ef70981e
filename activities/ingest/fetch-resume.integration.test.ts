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
import { SkillMatcher, loadTaxonomy } from '../normalize/skills.js';
import { createPipelineActivities } from '../pipeline-activities.js';
import { Staging } from '../staging.js';

// Arbeitnow's recorded pages (links.next paging): 3 pages.
const fixture = (page: number) => readFileSync(join(PROJECT_ROOT, `fixtures/sources/arbeitnow/page-${page}.json`), 'utf8');

let config: Config;
let temporal: DevServer;
let connection: Connection;
let warehouse: Warehouse;
let board: Server;
let base = '';
const hits = new Map<number, number>();
let workers: Worker[] = [];
let running: Promise<void>[] = [];

beforeAll(async () => {
  config = await testConfig();
  board = createServer((req, res) => {
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 1);
    hits.set(page, (hits.get(page) ?? 0) + 1);
    // The first request for page 3 fails, slowly (the activity heartbeats while it waits): the
    // attempt that made it has pages 1 and 2 behind it.
    if (page === 3 && hits.get(3) === 1) return void setTimeout(() => res.writeHead(503).end('overloaded'), 2_500);
    res.end(fixture(page).replaceAll('https://www.arbeitnow.com/api/', `${base}/api/`));
  });
  await new Promise<void>((resolve) => board.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(board.address() as AddressInfo).port}`;

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
      // The board is on 127.0.0.1: allowed by name and port, as an operator would allow an intranet feed.
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
