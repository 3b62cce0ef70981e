// Test support for end-to-end API tests: the demo feeds through the pipeline's stage functions
// (ingest → normalize → dedupe, score on demand) behind a real HTTP server and tRPC client.
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, expect } from 'vitest';
import { prepareScoring } from '../../activities/score/prepare-scoring.js';
import { runMatcher } from '../../activities/score/run-matcher.js';
import { Staging } from '../../activities/staging.js';
import { PROJECT_ROOT } from '../../cli/config.js';
import { apiClient } from '../../cli/test-support/api-client.js';
import { startFaultServer, type FaultServer } from '../../cli/test-support/fault-server.js';
import { fixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import type { ProfileInput as WarehouseProfileInput } from '../../warehouse/app.js';
import type { Warehouse } from '../../warehouse/db.js';
import { upsertMatches } from '../../warehouse/ml.js';
import { createHttpServer, listen } from '../http-server.js';
import { ReadModel } from '../read-model/read-model.js';
import type { AppRouter } from '../router.js';

export interface PipelineApi {
  warehouse: Warehouse;
  /** The read model the API is served through, when asked for; read ahead before the tests. */
  readModel: ReadModel | null;
  dir: string;
  baseUrl: string;
  /** A new account, signed in, with the CSRF token its mutations need. */
  signedIn(email: string): Promise<ReturnType<typeof apiClient>>;
  /** The score stage as plain functions: features → ONNX → matches, for every profile that needs it. */
  score(): Promise<void>;
  userId(email: string): Promise<string>;
}

export type ProfileInput = Omit<WarehouseProfileInput, 'userId' | 'displayName'>;

/** A whole profile.update input: someone in Brazil open to remote work, with what a test cares about. */
export function profileInput(over: Partial<ProfileInput>): ProfileInput {
  return {
    country: 'BR',
    timezone: 'America/Sao_Paulo',
    yearsExperience: 3,
    seniority: 'mid',
    skills: ['sql'],
    salaryFloorUsdMonth: 3000,
    remoteScopes: ['global', 'latam', 'brazil'],
    languages: ['pt', 'en'],
    ...over,
  };
}

/**
 * Registers beforeAll/afterAll that build the warehouse and serve the API; the returned object is
 * filled in once beforeAll ran. `readModel`: served through the in-memory read model, as the app serves it.
 */
export function usePipelineApi(opts: { readModel?: boolean } = {}): PipelineApi {
  let faults: FaultServer | undefined;
  let server: Server | undefined;
  let readModel: ReadModel | null = null;
  const api = {} as PipelineApi;
  beforeAll(async () => {
    faults = await startFaultServer();
    const { warehouse, dir } = await fixtureWarehouse(faults);
    readModel = opts.readModel ? new ReadModel(warehouse) : null;
    await readModel?.warm();
    server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse, readModel, publicUrl: 'http://127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
    Object.assign(api, {
      warehouse,
      readModel,
      dir,
      baseUrl,
      async signedIn(email: string) {
        const client = apiClient(baseUrl);
        client.state.csrfToken = (await client.client.auth.signUp.mutate({ email, password: 'a long enough passphrase', displayName: email })).csrfToken;
        return client;
      },
      async score() {
        const staging = new Staging(join(dir, 'staging'));
        const runId = `score-${Date.now()}`;
        const batch = await warehouse.withConnection((conn) => prepareScoring(conn, { runId, staging }));
        const scored = await runMatcher({ runId, path: batch.path, model: batch.model }, { staging, projectRoot: PROJECT_ROOT });
        await warehouse.withConnection((conn) => upsertMatches(conn, scored.path));
      },
      async userId(email: string) {
        const [row] = await warehouse.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
        if (!row) throw new Error(`no account ${email}`);
        return row.id;
      },
    });
  });
  afterAll(async () => {
    if (server) await new Promise((resolve) => server?.close(resolve));
    readModel?.close();
    api.warehouse?.close();
    await faults?.close();
    if (api.dir) rmSync(api.dir, { recursive: true, force: true });
  });
  return api;
}

/** The tRPC error code a call fails with (the call must fail). */
export async function errorCode(call: () => Promise<unknown>): Promise<string | undefined> {
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return (error as TRPCClientError<AppRouter>).data?.code;
}
