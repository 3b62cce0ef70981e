import { rmSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileInput, usePipelineApi } from '../api/routers/pipeline-api-fixture.js';
import { PROJECT_ROOT, type Config } from '../cli/config.js';
import { createLogger } from '../cli/logger.js';
import { testConfig } from '../cli/test-support/test-config.js';
import { resolveTemporalCli } from '../cli/temporal-cli.js';
import { startDevServer, type DevServer } from '../cli/temporal-dev-server.js';
import { startWorkers, type RunningWorkers } from '../cli/workers.js';
import { SKILL_GAPS_SCHEDULE_ID, ensureSkillGapSchedule } from './schedules.js';
import type { SkillGapRefreshResult } from './skill-gaps.js';
import { PIPELINE_QUEUE } from './task-queues.js';

const api = usePipelineApi();
let config: Config;
let temporal: DevServer;
let connection: Connection;
let client: Client;
let workers: RunningWorkers;


async function scheduledAnalyses(): Promise<{ user_id: string; target_kind: string; target_cluster_ids: string[] }[]> {
  return api.warehouse.query(
    `SELECT user_id, target_kind, target_cluster_ids FROM skill_gap_analyses WHERE trigger = 'schedule' ORDER BY created_at, user_id`,
  );
}

beforeAll(async () => {
  config = await testConfig();
  temporal = await startDevServer({ cliPath: resolveTemporalCli({ projectRoot: PROJECT_ROOT }), dbFile: config.temporalDbFile, port: config.temporalPort, uiPort: null });
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection });
  // The warehouse's owner serves the pipeline queue, with the activities the app registers.
  workers = await startWorkers({ address: temporal.address, namespace: 'default', queues: [PIPELINE_QUEUE], logger: createLogger({ level: 'warn' }), config, warehouse: api.warehouse });
});

afterAll(async () => {
  await workers?.shutdown();
  await connection?.close();
  await temporal?.stop();
  if (config) rmSync(config.dataDir, { recursive: true, force: true });
});

describe('the daily skill-gap refresh on a real Temporal dev server', () => {
  it('refreshes every recently active user with a profile, repeating their last target', async () => {
    const ana = (await api.signedIn('ana@example.com')).client;
    await ana.profile.update.mutate(profileInput({ skills: ['sql', 'excel'] }));
    const carla = (await api.signedIn('carla@example.com')).client;
    await carla.profile.update.mutate(profileInput({ skills: ['python'] }));
    await api.signedIn('bruno@example.com'); // active, but no profile: nothing to analyse
    // The demo profile has not changed for two months and its owner never signs in: not refreshed.
    await api.warehouse.query(`UPDATE profiles SET updated_at = now() - INTERVAL 60 DAY WHERE user_id = 'demo'`);
    await api.score();
    const chosen = (await carla.jobs.list.query({ limit: 2 })).map((j) => j.clusterId);
    await carla.skills.analyze.mutate({ target: { kind: 'chosen', clusterIds: chosen } });
    // Dora signed up after the last scoring: no matches yet, so she is skipped with the reason.
    const dora = (await api.signedIn('dora@example.com')).client;
    await dora.profile.update.mutate(profileInput({ skills: ['r-language'] }));

    const result = await client.workflow.execute<() => Promise<SkillGapRefreshResult>>('refreshSkillGapsWorkflow', {
      taskQueue: PIPELINE_QUEUE,
      workflowId: 'skill-gaps-test-run',
    });
    expect(result).toEqual({
      users: 3,
      refreshed: 2,
      skipped: [{ userId: await api.userId('dora@example.com'), reason: 'no matches yet: they appear after the next pipeline run' }],
    });
    const rows = await scheduledAnalyses();
    const byUser = new Map(rows.map((r) => [r.user_id, r]));
    expect(byUser.size).toBe(2);
    expect(byUser.get(await api.userId('ana@example.com'))).toMatchObject({ target_kind: 'top' });
    expect(byUser.get(await api.userId('carla@example.com'))).toMatchObject({ target_kind: 'chosen', target_cluster_ids: chosen });
    expect((await ana.skills.latest.query())?.trigger).toBe('schedule');
  });

  it('registers a daily schedule that runs the refresh', async () => {
    expect(await ensureSkillGapSchedule(client)).toBe('created');
    expect(await ensureSkillGapSchedule(client)).toBe('updated');
    const handle = client.schedule.getHandle(SKILL_GAPS_SCHEDULE_ID);
    const schedule = await handle.describe();
    expect(schedule.spec.timezone).toBe('America/Sao_Paulo');
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'refreshSkillGapsWorkflow', taskQueue: PIPELINE_QUEUE });
    expect(schedule.info.nextActionTimes[1]!.getTime() - schedule.info.nextActionTimes[0]!.getTime()).toBeGreaterThanOrEqual(23 * 3_600_000);

    const before = (await scheduledAnalyses()).length;
    await handle.trigger();
    const until = Date.now() + 60_000;
    while ((await scheduledAnalyses()).length < before + 2) {
      if (Date.now() > until) throw new Error('the triggered schedule did not refresh the analyses');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await scheduledAnalyses()).length).toBe(before + 2);
    await handle.delete();
  });
});
