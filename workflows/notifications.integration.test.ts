import { rmSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type Config } from '../cli/config.js';
import { runPipeline } from '../cli/run-pipeline.js';
import { demoSources, seedDefaults } from '../cli/seed-defaults.js';
import { EMAIL_POPULATION, seedEmailPopulation } from '../cli/test-support/email-population.js';
import { startFakeSendGrid, type FakeSendGrid, type MailSendBody } from '../cli/test-support/fake-sendgrid.js';
import { startFaultServer, type FaultServer } from '../cli/test-support/fault-server.js';
import { childEnv, testConfig } from '../cli/test-support/test-config.js';
import { spawnWorker, type WorkerProcess } from '../cli/test-support/worker-process.js';
import { resolveTemporalCli } from '../cli/temporal-cli.js';
import { startDevServer, type DevServer } from '../cli/temporal-dev-server.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import { DIGEST_SCHEDULE_ID, ensureDigestSchedule } from './schedules.js';
import { PIPELINE_QUEUE } from './task-queues.js';

const API_KEY = 'SG.integration-test';
let temporal: DevServer;
let connection: Connection;
let client: Client;
let faults: FaultServer;
let sendgrid: FakeSendGrid;
let config: Config;
let env: NodeJS.ProcessEnv;
let worker: WorkerProcess;

async function startWorker(): Promise<WorkerProcess> {
  const started = spawnWorker('pipeline,fetch', env);
  await started.waitForLog((line) => line.msg === 'worker running');
  return started;
}

async function outbox(): Promise<{ idempotency_key: string; status: string; error: string | null }[]> {
  // The worker owns the warehouse while it runs: read it between workers only.
  const warehouse = await Warehouse.open(config.warehousePath);
  try {
    return await warehouse.query('SELECT idempotency_key, status, error FROM email_outbox ORDER BY idempotency_key');
  } finally {
    warehouse.close();
  }
}

const greetingOf = (mail: MailSendBody) => mail.content.find((c) => c.type === 'text/plain')?.value.split('\n')[0];
const waitFor = async (what: () => boolean, ms = 60_000) => {
  const until = Date.now() + ms;
  while (!what()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

beforeAll(async () => {
  faults = await startFaultServer();
  sendgrid = await startFakeSendGrid(API_KEY);
  config = await testConfig();
  temporal = await startDevServer({ cliPath: resolveTemporalCli({ projectRoot: PROJECT_ROOT }), dbFile: config.temporalDbFile, port: config.temporalPort, uiPort: null });
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection });
  const warehouse = await Warehouse.open(config.warehousePath);
  await migrate(warehouse);
  await seedDefaults(warehouse, { projectRoot: PROJECT_ROOT, sources: demoSources(faults.url), demoProfile: true });
  await warehouse.withConnection(seedEmailPopulation);
  warehouse.close();
  env = childEnv(config, { TEMPORAL_ADDRESS: temporal.address, SENDGRID_API_KEY: API_KEY, SENDGRID_BASE_URL: sendgrid.url });
  worker = await startWorker();
});

afterAll(async () => {
  worker?.child.kill('SIGTERM');
  await worker?.exited;
  await connection?.close();
  await temporal?.stop();
  await faults?.close();
  await sendgrid?.close();
  if (config) rmSync(config.dataDir, { recursive: true, force: true });
});

describe('e-mail through Temporal and the real SendGrid SDK', () => {
  it('sends each opted-in user one new-match alert after a pipeline run', async () => {
    const { workflowId, result } = await runPipeline(client, { trigger: 'manual' });
    const alerts = await client.workflow.getHandle(`${workflowId}/alerts/${result.runId}`).result();
    expect(alerts).toMatchObject({ queued: EMAIL_POPULATION.length, results: { sent: EMAIL_POPULATION.length } });
    expect(sendgrid.rejected).toEqual([]);
    expect(sendgrid.received.map((m) => m.personalizations[0]?.to[0]?.email).sort()).toEqual(EMAIL_POPULATION.map((u) => u.email).sort());
    expect(sendgrid.received.map((m) => m.subject).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/vagas? novas? com alta compatibilidade$/), expect.stringMatching(/vacantes? nuevas? muy compatibles?$/), expect.stringMatching(/new high match(es)?$/)]),
    );
    sendgrid.received.length = 0;
  });

  it('runs the digest from its schedule in each user’s language, once per user and week', async () => {
    await ensureDigestSchedule(client, { cron: '0 9 * * 1', timezone: 'America/Sao_Paulo' });
    const schedule = client.schedule.getHandle(DIGEST_SCHEDULE_ID);
    await schedule.trigger();
    let workflowIds: string[] = [];
    const until = Date.now() + 60_000;
    while (workflowIds.length < 1 && Date.now() < until) {
      workflowIds = (await schedule.describe()).info.recentActions.map((a) => a.action.workflow.workflowId);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(workflowIds).toHaveLength(1);
    const first = await client.workflow.getHandle(workflowIds[0] ?? '').result();
    expect(first).toMatchObject({ queued: EMAIL_POPULATION.length, results: { sent: EMAIL_POPULATION.length } });
    expect(sendgrid.received.map(greetingOf).sort()).toEqual(['Hi Sam Taylor,', 'Olá, João Araújo!', '¡Hola, Lucía Peña!']);
    expect(sendgrid.rejected).toEqual([]);

    // The same week again (a retried schedule, an operator's manual run): nothing new goes out.
    const again = await client.workflow.execute('weeklyDigestWorkflow', { taskQueue: PIPELINE_QUEUE, workflowId: 'digest-again', args: [{}] });
    expect(again).toMatchObject({ queued: EMAIL_POPULATION.length, results: { already_sent: EMAIL_POPULATION.length } });
    expect(sendgrid.received).toHaveLength(EMAIL_POPULATION.length);
    sendgrid.received.length = 0;
  });

  it('sends no e-mail twice when the worker is killed in the middle of sending', async () => {
    // The first send hangs at the provider; once every message has reached it, the worker is killed
    // while that one still waits for its answer.
    sendgrid.answers.push({ hangMs: 30_000 });
    const run = client.workflow.execute('weeklyDigestWorkflow', { taskQueue: PIPELINE_QUEUE, workflowId: 'digest-crash', args: [{ at: '2027-01-04T12:00:00Z' }] });
    await waitFor(() => sendgrid.received.length >= EMAIL_POPULATION.length);
    worker.child.kill('SIGKILL');
    await worker.exited;
    worker = await startWorker();
    const summary = await run;
    expect(summary.queued).toBe(EMAIL_POPULATION.length);

    const ids = sendgrid.received.map((m) => m.custom_args?.outbox_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(EMAIL_POPULATION.length);
    worker.child.kill('SIGTERM');
    await worker.exited;
    const rows = (await outbox()).filter((r) => r.idempotency_key.endsWith(':2027-01-04'));
    expect(rows).toHaveLength(EMAIL_POPULATION.length);
    expect(rows.filter((r) => r.status === 'failed').every((r) => r.error?.startsWith('interrupted mid-send'))).toBe(true);
    expect(rows.some((r) => r.status === 'failed')).toBe(true);
    worker = await startWorker();
  });
});
