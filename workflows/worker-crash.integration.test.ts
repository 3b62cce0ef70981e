import { rmSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type Config } from '../cli/config.js';
import { runPipeline } from '../cli/run-pipeline.js';
import { demoSources, seedDefaults } from '../cli/seed-defaults.js';
import { startFaultServer, type FaultServer } from '../cli/test-support/fault-server.js';
import { childEnv, testConfig } from '../cli/test-support/test-config.js';
import { NO_VIOLATIONS, pipelineOutcome, readWarehouse, violations } from '../cli/test-support/warehouse-checks.js';
import { spawnWorker, type WorkerProcess } from '../cli/test-support/worker-process.js';
import { resolveTemporalCli } from '../cli/temporal-cli.js';
import { startDevServer, type DevServer } from '../cli/temporal-dev-server.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';

let temporal: DevServer;
let connection: Connection;
let client: Client;
let faults: FaultServer;
const dataDirs: string[] = [];

async function preparedConfig(): Promise<Config> {
  const config = await testConfig();
  dataDirs.push(config.dataDir);
  const warehouse = await Warehouse.open(config.warehousePath);
  await migrate(warehouse);
  await seedDefaults(warehouse, { projectRoot: PROJECT_ROOT, sources: demoSources(faults.url), demoProfile: true });
  warehouse.close();
  return config;
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  worker.child.kill('SIGTERM');
  expect(await worker.exited).toBe(0);
}

beforeAll(async () => {
  faults = await startFaultServer();
  const config = await testConfig();
  dataDirs.push(config.dataDir);
  temporal = await startDevServer({
    cliPath: resolveTemporalCli({ projectRoot: PROJECT_ROOT }),
    dbFile: config.temporalDbFile,
    port: config.temporalPort,
    uiPort: null,
  });
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection });
});

afterAll(async () => {
  await connection?.close();
  await temporal?.stop();
  await faults?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('a worker killed in the middle of a pipeline run', () => {
  it('is replaced, and the run completes with the same warehouse as an uninterrupted run', async () => {
    const reference = await preparedConfig();
    const steady = spawnWorker('pipeline,fetch', childEnv(reference, { TEMPORAL_ADDRESS: temporal.address }));
    await steady.waitForLog((line) => line.msg === 'worker running');
    await runPipeline(client, { trigger: 'manual' });
    await stopWorker(steady);
    const expected = await readWarehouse(reference.warehousePath, pipelineOutcome);
    expect(expected.counts.job_clusters).toBeGreaterThan(0);
    expect(await readWarehouse(reference.warehousePath, violations)).toEqual(NO_VIOLATIONS);

    const crashed = await preparedConfig();
    const env = childEnv(crashed, { TEMPORAL_ADDRESS: temporal.address });
    const run = runPipeline(client, { trigger: 'manual' });

    // First kill: while ingest is under way (a source fetched, not yet loaded or not all loaded).
    const first = spawnWorker('pipeline,fetch', env);
    await first.waitForLog((line) => line.msg === 'source fetched');
    first.child.kill('SIGKILL');
    await first.exited;

    // Second kill: right after normalize committed, with dedupe about to start or in flight.
    const second = spawnWorker('pipeline,fetch', env);
    await second.waitForLog((line) => line.msg === 'stage finished' && line.stage === 'normalize', 120_000);
    second.child.kill('SIGKILL');
    await second.exited;

    const third = spawnWorker('pipeline,fetch', env);
    const { result } = await run;
    expect(result.current).toBe('done');
    await stopWorker(third);

    expect(await readWarehouse(crashed.warehousePath, violations)).toEqual(NO_VIOLATIONS);
    expect(await readWarehouse(crashed.warehousePath, pipelineOutcome)).toEqual(expected);
  });
});
