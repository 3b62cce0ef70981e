import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import type { ApiContext } from './context.js';
import { appRouter } from './router.js';

// Every procedure anyone may call. A new procedure not listed here must refuse anonymous callers,
// or this test fails: authorization is decided when a procedure is added, not remembered later.
const PUBLIC = new Set(['auth.me', 'auth.signUp', 'auth.logIn', 'auth.requestPasswordReset', 'auth.resetPassword', 'jobs.list', 'jobs.get']);

let dir: string;
let warehouse: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vagas-authz-'));
  warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
  await migrate(warehouse);
});

afterAll(() => {
  warehouse?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function anonymous(): ApiContext {
  return { warehouse, user: null, session: null, csrfHeader: null, ip: '127.0.0.1', publicUrl: 'http://127.0.0.1', setSessionCookie: () => undefined };
}

async function call(ctx: ApiContext, path: string): Promise<unknown> {
  const caller = appRouter.createCaller(ctx) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  const [group, name] = path.split('.') as [string, string];
  return caller[group]?.[name]?.({});
}

describe('authorization of every procedure', () => {
  const procedures = Object.keys(appRouter._def.procedures);

  it('lists only procedures that exist', () => {
    for (const path of PUBLIC) expect(procedures).toContain(path);
  });

  it.each(procedures.filter((p) => !PUBLIC.has(p)))('%s refuses an anonymous caller', async (path) => {
    const error = await call(anonymous(), path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('UNAUTHORIZED');
  });
});
