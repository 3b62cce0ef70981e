import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../cli/config.js';
import { freePort } from '../../cli/ports.js';
import { resolveTemporalCli } from '../../cli/temporal-cli.js';
import { startDevServer, type DevServer } from '../../cli/temporal-dev-server.js';
import { apiClient } from '../../cli/test-support/api-client.js';
import { startFaultServer, type FaultServer } from '../../cli/test-support/fault-server.js';
import { fixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import { recordSourceHealth, recordStageRun, type StageRun } from '../../warehouse/core.js';
import type { Warehouse } from '../../warehouse/db.js';
import { MANUAL_PIPELINE_WORKFLOW_ID } from '../../workflows/pipeline-operations.js';
import { PIPELINE_QUEUE } from '../../workflows/task-queues.js';
import { createHttpServer, listen } from '../http-server.js';
import { errorCode } from './pipeline-api-fixture.js';
import { makeOperator } from '../../cli/test-support/operators.js';

const UI = { url: 'http://temporal-ui.example:8233', namespace: 'default' };

let faults: FaultServer;
let warehouse: Warehouse;
let dir: string;
let temporalDir: string;
let temporal: DevServer;
let connection: Connection;
let client: Client;
const servers: Server[] = [];

/** The API with or without a Temporal client and a known Web UI, and an operator signed in to it. */
async function operatorOf(deps: { temporal: Client | null; temporalUi: typeof UI | null }) {
  const server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse, publicUrl: 'http://127.0.0.1', ...deps });
  servers.push(server);
  const baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  const email = `ops-${servers.length}@example.com`;
  const api = apiClient(baseUrl);
  api.state.csrfToken = (await api.client.auth.signUp.mutate({ email, password: 'a long enough passphrase', displayName: 'Ops' })).csrfToken;
  await makeOperator(warehouse, email);
  return api.client;
}

beforeAll(async () => {
  faults = await startFaultServer();
  ({ warehouse, dir } = await fixtureWarehouse(faults));
  temporalDir = mkdtempSync(join(tmpdir(), 'vagas-ops-temporal-'));
  temporal = await startDevServer({ cliPath: resolveTemporalCli({ projectRoot: PROJECT_ROOT }), dbFile: join(temporalDir, 'temporal.sqlite'), port: await freePort(), uiPort: null });
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection });
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await connection?.close();
  await temporal?.stop();
  warehouse?.close();
  await faults?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (temporalDir) rmSync(temporalDir, { recursive: true, force: true });
});

describe('ops: pipeline runs, source health and links into the Temporal Web UI', () => {
  it('starts a pipeline run on the pipeline queue, one operator-started run at a time', async () => {
    const ops = await operatorOf({ temporal: client, temporalUi: UI });
    const started = await ops.ops.triggerRun.mutate({});
    expect(started.workflowId).toBe(MANUAL_PIPELINE_WORKFLOW_ID);
    expect(started.temporalUrl).toBe(`${UI.url}/namespaces/default/workflows/${MANUAL_PIPELINE_WORKFLOW_ID}/${started.runId}`);
    const handle = client.workflow.getHandle(started.workflowId, started.runId);
    const described = await handle.describe();
    expect(described).toMatchObject({ type: 'pipelineWorkflow', taskQueue: PIPELINE_QUEUE, status: { name: 'RUNNING' } });
    // No worker serves this test's cluster: the run waits, and a second start is refused meanwhile.
    expect(await errorCode(() => ops.ops.triggerRun.mutate({}))).toBe('CONFLICT');
    await handle.terminate('test over');
    const again = await ops.ops.triggerRun.mutate({});
    expect(again.runId).not.toBe(started.runId);
    await client.workflow.getHandle(again.workflowId, again.runId).terminate('test over');

    const withoutTemporal = await operatorOf({ temporal: null, temporalUi: null });
    expect(await errorCode(() => withoutTemporal.ops.triggerRun.mutate({}))).toBe('PRECONDITION_FAILED');
  });

  it("lists runs with each stage's counts and error, the run's outcome and its Temporal page", async () => {
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));
    const stage = (runId: string, s: StageRun['stage'], status: StageRun['status'], minute: number, error: string | null = null): StageRun => ({
      runId,
      workflowId: `pipeline-schedule-${runId}`,
      stage: s,
      status,
      startedAt: at(minute),
      finishedAt: at(minute + 1),
      counts: { rows: minute },
      error,
    });
    const rows = [
      stage('run-a', 'ingest', 'partial', 0, 'demo-wwr: HTTP 500'),
      ...(['normalize', 'dedupe', 'score', 'trend', 'publish'] as const).map((s, i) => stage('run-a', s, 'ok', i + 1)),
      stage('run-b', 'ingest', 'ok', 10),
      stage('run-b', 'normalize', 'failed', 11, 'no space left on device'),
      stage('run-c', 'ingest', 'ok', 20),
    ];
    await warehouse.withConnection(async (conn) => {
      for (const row of rows) await recordStageRun(conn, row);
    });
    const ops = await operatorOf({ temporal: client, temporalUi: UI });
    const runs = await ops.ops.runs.query({ limit: 10 });
    expect(runs.map((r) => [r.runId, r.status])).toEqual([
      ['run-c', 'unfinished'],
      ['run-b', 'failed'],
      ['run-a', 'partial'],
    ]);
    const runA = runs.find((r) => r.runId === 'run-a');
    expect(runA?.stages[0]).toEqual({ stage: 'ingest', status: 'partial', durationMs: 60_000, counts: { rows: 0 }, error: 'demo-wwr: HTTP 500' });
    expect(runs.find((r) => r.runId === 'run-b')?.stages.map((s) => s.error)).toEqual([null, 'no space left on device']);
    expect(runA?.temporalUrl).toBe(`${UI.url}/namespaces/default/workflows/pipeline-schedule-run-a/run-a`);
    // An external cluster whose Web UI is not known: no links, rather than wrong ones.
    const unlinked = await operatorOf({ temporal: null, temporalUi: null });
    for (const run of await unlinked.ops.runs.query({})) expect(run.temporalUrl).toBeNull();
  });

  it("shows each source's recent fetches, newest first, its last success and the failures since", async () => {
    const checks = [
      { runId: 'run-a', ok: true, items: 12, newItems: 12, error: null },
      { runId: 'run-b', ok: false, items: 0, newItems: 0, error: 'HTTP 500' },
      { runId: 'run-c', ok: false, items: 0, newItems: 0, error: 'timed out after 10000 ms' },
    ];
    await warehouse.withConnection(async (conn) => {
      for (const check of checks) {
        await recordSourceHealth(conn, { sourceId: 'demo-wwr', ...check });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await recordSourceHealth(conn, { sourceId: 'demo-remotive', runId: 'run-unrecorded', ok: true, items: 9, newItems: 0, error: null });
    });
    const ops = await operatorOf({ temporal: null, temporalUi: UI });
    const health = await ops.ops.sourceHealth.query({ perSource: 2 });
    expect(health.map((s) => s.sourceId)).toEqual(['demo-remotive', 'demo-wwr']);
    const wwr = health.find((s) => s.sourceId === 'demo-wwr');
    expect(wwr).toMatchObject({ name: expect.any(String), enabled: true, failuresSinceSuccess: 2 });
    expect(wwr?.lastSuccessAt).not.toBeNull();
    expect(wwr?.recent.map((c) => [c.runId, c.ok, c.error])).toEqual([
      ['run-c', false, 'timed out after 10000 ms'],
      ['run-b', false, 'HTTP 500'],
    ]);
    expect(wwr?.recent[0]?.temporalUrl).toBe(`${UI.url}/namespaces/default/workflows/pipeline-schedule-run-c/run-c`);
    const remotive = health.find((s) => s.sourceId === 'demo-remotive');
    expect(remotive).toMatchObject({ failuresSinceSuccess: 0 });
    // A fetch of a run with no recorded stage yet has no workflow to link to.
    expect(remotive?.recent[0]).toMatchObject({ runId: 'run-unrecorded', workflowId: null, temporalUrl: null });
    expect(await errorCode(() => ops.ops.sourceHealth.query({ perSource: 51 }))).toBe('BAD_REQUEST');
  });
});
