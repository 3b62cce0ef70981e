import type { Connection } from '@temporalio/client';
import type { Warehouse } from '../warehouse/db.js';

export interface Health {
  status: 'ok' | 'degraded';
  warehouse: { ok: boolean; path?: string; schemaVersion?: number; error?: string };
  temporal: { ok: boolean; address: string; error?: string };
  workers: Record<string, string>;
}

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms))]);

/** What /healthz reports: each part checked live, each with a time limit. */
export async function checkHealth(deps: {
  warehouse: Warehouse | null;
  temporal: { connection: Connection; address: string };
  workerStates: () => Record<string, string>;
}): Promise<Health> {
  const warehouse: Health['warehouse'] = { ok: false };
  if (deps.warehouse) {
    try {
      const [row] = await withTimeout(deps.warehouse.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations'), 2_000, 'the warehouse');
      Object.assign(warehouse, { ok: true, path: deps.warehouse.path, schemaVersion: row?.v ?? 0 });
    } catch (error) {
      warehouse.error = (error as Error).message;
    }
  } else {
    warehouse.error = 'not opened by this process';
  }
  const temporal: Health['temporal'] = { ok: false, address: deps.temporal.address };
  try {
    await withTimeout(deps.temporal.connection.healthService.check({}), 2_000, 'Temporal');
    temporal.ok = true;
  } catch (error) {
    temporal.error = (error as Error).message;
  }
  const workers = deps.workerStates();
  const workersOk = Object.keys(workers).length > 0 && Object.values(workers).every((state) => state === 'RUNNING');
  return { status: warehouse.ok && temporal.ok && workersOk ? 'ok' : 'degraded', warehouse, temporal, workers };
}
