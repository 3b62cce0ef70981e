import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../cli/app.js';
import { createLogger } from '../cli/logger.js';
import { runPipeline } from '../cli/run-pipeline.js';
import { tableCounts } from '../cli/summary.js';
import { startFaultServer, type FaultServer } from '../cli/test-support/fault-server.js';
import { testConfig } from '../cli/test-support/test-config.js';
import { upsertSource, type Source } from '../warehouse/core.js';
import { loadMigrations } from '../warehouse/migrate.js';
import { PIPELINE_SCHEDULE_ID, ensurePipelineSchedule } from './schedules.js';

// The fixtures hold 24 items forming 21 distinct jobs (fixtures/demo-sources/README.md).
const DEMO_ITEMS = 24;
const DEMO_JOBS = 21;

let app: App;
let faults: FaultServer;

function brokenSource(id: string, path: string, timeoutMs = 5_000): Source {
  return { id, name: id, kind: 'json_api', adapter: 'remotive', url: `${faults.url}${path}`, enabled: true, timeoutMs, maxBytes: 1024 * 1024, maxPages: 1, pageDelayMs: 0 };
}

beforeAll(async () => {
  faults = await startFaultServer();
  const config = await testConfig();
  // The same start-up as `npm start`: a Temporal dev server as a child, migrations, workers, HTTP, demo sources.
  app = await startApp(config, createLogger({ level: 'info', file: config.logFile, consoleLevel: 'error' }));
  await app.warehouse.withConnection(async (conn) => {
    await upsertSource(conn, brokenSource('broken-500', '/status/500'));
    await upsertSource(conn, brokenSource('broken-hang', '/hang', 400));
    await upsertSource(conn, brokenSource('broken-malformed', '/malformed.json'));
    await upsertSource(conn, brokenSource('broken-huge', '/huge.json'));
  });
});

afterAll(async () => {
  await app?.stop();
  await faults?.close();
  if (app) rmSync(app.config.dataDir, { recursive: true, force: true });
});

describe('pipelineWorkflow on a real Temporal dev server and DuckDB file', () => {
  let firstRunId = '';

  it('runs every stage and records what each wrote; broken sources fail alone', async () => {
    const { result } = await runPipeline(app.client, { trigger: 'manual' });
    firstRunId = result.runId;
    const counts = await tableCounts(app.warehouse);
    expect(counts).toMatchObject({
      raw_postings: DEMO_ITEMS,
      postings: DEMO_ITEMS,
      job_clusters: DEMO_JOBS,
      cluster_members: DEMO_ITEMS,
      matches: DEMO_JOBS, // one demo profile × every job
    });

    const stages = await app.warehouse.query<{ stage: string; status: string; counts: string }>(
      'SELECT stage, status, counts::VARCHAR AS counts FROM pipeline_runs WHERE run_id = $1 ORDER BY started_at',
      [firstRunId],
    );
    expect(stages.map((s) => s.stage)).toEqual(['ingest', 'normalize', 'dedupe', 'score', 'trend', 'publish']);
    const byStage = Object.fromEntries(stages.map((s) => [s.stage, { status: s.status, ...(JSON.parse(s.counts) as Record<string, number>) }]));
    expect(byStage.ingest).toMatchObject({ status: 'partial', sources: 6, failedSources: 4, items: DEMO_ITEMS, newItems: DEMO_ITEMS });
    expect(byStage.normalize).toMatchObject({ status: 'ok', normalized: DEMO_ITEMS, failed: 0 });
    expect(byStage.dedupe).toMatchObject({ status: 'ok', postings: DEMO_ITEMS, newClusters: DEMO_JOBS, joinedExisting: DEMO_ITEMS - DEMO_JOBS });
    expect(byStage.score).toMatchObject({ status: 'ok', pairs: DEMO_JOBS, matches: DEMO_JOBS });
    expect(byStage.publish).toMatchObject({ status: 'ok', jobs: DEMO_JOBS });

    const health = await app.warehouse.query<{ source_id: string; ok: boolean; items: number; error: string | null }>(
      'SELECT source_id, ok, items, error FROM source_health WHERE run_id = $1 ORDER BY source_id',
      [firstRunId],
    );
    const bySource = Object.fromEntries(health.map((h) => [h.source_id, h]));
    expect(bySource['demo-remotive']).toMatchObject({ ok: true, items: 14 });
    expect(bySource['demo-wwr']).toMatchObject({ ok: true, items: 10 });
    expect(bySource['broken-500']?.error).toMatch(/HTTP 500/);
    expect(bySource['broken-hang']?.error).toMatch(/did not answer within 400 ms/);
    expect(bySource['broken-malformed']?.error).toMatch(/not JSON/);
    expect(bySource['broken-huge']?.error).toMatch(/byte limit/);
    // 5xx and time-outs are retried; a malformed or oversized payload is not worth a second request.
    expect(faults.hits.get('/status/500')).toBe(3);
    expect(faults.hits.get('/malformed.json')).toBe(1);
  });

  it('merges the planted duplicates and explains every score', async () => {
    const merged = await app.warehouse.query<{ matched_by: string }>(
      `SELECT matched_by FROM cluster_members WHERE matched_by <> 'first' ORDER BY matched_by`,
    );
    expect(merged.map((m) => m.matched_by)).toEqual(['canonical_url', 'canonical_url', 'canonical_url']);
    const matches = await app.warehouse.query<{ score: number; components: string }>('SELECT score, components::VARCHAR AS components FROM matches');
    for (const m of matches) {
      const components = JSON.parse(m.components) as Record<string, number>;
      expect(Object.keys(components).sort()).toEqual(['experience', 'location', 'salary', 'skills']);
      expect(Object.values(components).reduce((a, b) => a + b, 0)).toBeCloseTo(m.score, 5);
    }
    const [ml] = await app.warehouse.query<{ n: number }>(
      `SELECT sum(clusters) AS n FROM skill_demand_monthly WHERE skill_id = 'machine-learning'`,
    );
    const [direct] = await app.warehouse.query<{ n: number }>(
      `SELECT count(DISTINCT m.cluster_id) AS n FROM postings p JOIN cluster_members m ON m.posting_id = p.id
       WHERE list_contains(p.skills, 'machine-learning')`,
    );
    expect(ml?.n).toBeGreaterThan(0);
    expect(Number(ml?.n)).toBeGreaterThanOrEqual(Number(direct?.n));
  });

  it('serves /healthz, keeps the 6-hour schedule, and publishes a snapshot another process can read', async () => {
    const response = await fetch(`${app.httpUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', warehouse: { ok: true, schemaVersion: Math.max(...loadMigrations().map((m) => m.version)) }, temporal: { ok: true }, workers: { pipeline: 'RUNNING', fetch: 'RUNNING' } });

    expect(await ensurePipelineSchedule(app.client)).toBe('created');
    expect(await ensurePipelineSchedule(app.client)).toBe('updated');
    const schedule = await app.client.schedule.getHandle(PIPELINE_SCHEDULE_ID).describe();
    expect(schedule.spec.intervals?.[0]?.every).toBe(6 * 60 * 60 * 1000);

    const reader = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('@duckdb/node-api').then(async ({ DuckDBInstance }) => {
           const db = await DuckDBInstance.create(process.argv[1], { access_mode: 'READ_ONLY' });
           const rows = (await (await db.connect()).runAndReadAll('SELECT count(*)::INT AS n FROM jobs')).getRows();
           console.log(rows[0][0]);
         })`,
        app.config.snapshotPath,
      ],
      { encoding: 'utf8' },
    );
    expect(reader.stderr).not.toMatch(/Error/);
    expect(Number(reader.stdout.trim())).toBe(DEMO_JOBS);
  });

  it('adds nothing when run again over the same sources', async () => {
    const before = await tableCounts(app.warehouse);
    const { result } = await runPipeline(app.client, { trigger: 'manual' });
    expect(result.runId).not.toBe(firstRunId);
    const after = await tableCounts(app.warehouse);
    expect({ ...after, source_health: 0 }).toEqual({ ...before, source_health: 0 });
    expect(after.source_health).toBe((before.source_health ?? 0) + 6); // one health row per source per run
    expect(result.stages.ingest?.counts).toMatchObject({ items: DEMO_ITEMS, newItems: 0 });
    expect(result.stages.normalize?.counts).toMatchObject({ pending: 0, normalized: 0 });
    expect(result.stages.dedupe?.counts).toMatchObject({ postings: 0 });
    expect(result.stages.score?.counts).toMatchObject({ pairs: 0 });
  });
});
