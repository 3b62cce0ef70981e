import { existsSync, rmSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type Config } from '../cli/config.js';
import { createLogger } from '../cli/logger.js';
import { runPipeline } from '../cli/run-pipeline.js';
import { demoSources, seedDefaults } from '../cli/seed-defaults.js';
import { tableCounts } from '../cli/summary.js';
import { startFaultServer, type FaultServer } from '../cli/test-support/fault-server.js';
import { childEnv, testConfig } from '../cli/test-support/test-config.js';
import { spawnWorker, type WorkerProcess } from '../cli/test-support/worker-process.js';
import { resolveTemporalCli } from '../cli/temporal-cli.js';
import { startDevServer, type DevServer } from '../cli/temporal-dev-server.js';
import { startWorkers, type RunningWorkers } from '../cli/workers.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';

let temporal: DevServer;
let connection: Connection;
let faults: FaultServer;
let owner: Config;
let remote: Config;
let warehouse: Warehouse;
let pipelineWorker: RunningWorkers;
let fetchWorker: WorkerProcess;

beforeAll(async () => {
  faults = await startFaultServer();
  owner = await testConfig();
  remote = await testConfig(); // another "machine": its own data folder, the shared staging folder
  temporal = await startDevServer({ cliPath: resolveTemporalCli({ projectRoot: PROJECT_ROOT }), dbFile: owner.temporalDbFile, port: owner.temporalPort, uiPort: null });
  connection = await Connection.connect({ address: temporal.address });

  warehouse = await Warehouse.open(owner.warehousePath);
  await migrate(warehouse);
  await seedDefaults(warehouse, { projectRoot: PROJECT_ROOT, sources: demoSources(faults.url), demoProfile: true });
  // This process serves only the pipeline queue: every fetch-queue activity must go to the other process.
  pipelineWorker = await startWorkers({
    address: temporal.address,
    namespace: 'default',
    queues: ['pipeline'],
    logger: createLogger({ level: 'warn' }),
    config: owner,
    warehouse,
  });
  fetchWorker = spawnWorker('fetch', childEnv(remote, { TEMPORAL_ADDRESS: temporal.address, STAGING_DIR: owner.stagingDir }));
  await fetchWorker.waitForLog((line) => line.msg === 'worker running');
});

afterAll(async () => {
  fetchWorker?.child.kill('SIGTERM');
  await fetchWorker?.exited;
  await pipelineWorker?.shutdown();
  warehouse?.close();
  await connection?.close();
  await temporal?.stop();
  await faults?.close();
  for (const c of [owner, remote]) if (c) rmSync(c.dataDir, { recursive: true, force: true });
});

describe('cli worker --queue fetch, in a process of its own', () => {
  it('does every fetch and ONNX activity of a run without ever opening the warehouse', async () => {
    const { result } = await runPipeline(new Client({ connection }), { trigger: 'manual' });
    expect(result.current).toBe('done');
    expect(await tableCounts(warehouse)).toMatchObject({ raw_postings: 24, job_clusters: 21, matches: 21 });

    const fetched = await fetchWorker.waitForLog((line) => line.msg === 'source fetched');
    expect(fetched).toMatchObject({ taskQueue: 'fetch', activityType: 'fetchSource' });
    expect(fetched.taskToken).toBeUndefined();
    expect(existsSync(remote.warehousePath)).toBe(false);
  });
});
