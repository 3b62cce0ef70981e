// The GET fast path answers as tRPC's stock handler does: the same requests to two servers over one
// warehouse, one with the fast path and one without, get the same status, headers that matter and
// body, byte for byte. Which one answered shows on the wire: the stock adapter streams its body
// (chunked), the fast path ends with the whole body (content-length).
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../cli/test-support/api-client.js';
import { startFaultServer, type FaultServer } from '../cli/test-support/fault-server.js';
import { fixtureWarehouse } from '../cli/test-support/fixture-warehouse.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import { createHttpServer, listen, type HttpDeps } from './http-server.js';
import { ReadModel } from './read-model/read-model.js';
import type { AppRouter } from './router.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface Served {
  url: string;
  /** What the server logged: failures with their cause. */
  log: Array<{ msg: string; path?: string; err?: { message: string } }>;
  server: Server;
}

async function serve(deps: Pick<HttpDeps, 'warehouse' | 'readModel' | 'queryFastPath'>): Promise<Served> {
  const log: Served['log'] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void log.push(JSON.parse(line) as Served['log'][number]) });
  const server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, publicUrl: 'http://127.0.0.1', logger, ...deps });
  return { url: `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`, log, server };
}

function send(base: string, path: string, opts: { method?: string; cookie?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers };
    const req = request(`${base}${path}`, { method: opts.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const q = (path: string, input?: unknown, extra = '') => `/trpc/${path}?${input === undefined ? '' : `input=${encodeURIComponent(JSON.stringify(input))}`}${extra}`;
/** Marks a case sent with the signed-in test user's session cookie. */
const ANA = {};
const batch = (paths: string[], inputs?: Record<number, unknown>) => `/trpc/${paths.join(',')}?batch=1${inputs ? `&input=${encodeURIComponent(JSON.stringify(inputs))}` : ''}`;

/** Both servers' answers to one request, asserted equal on the wire; returns the fast one and who answered it. */
async function both(fast: Served, stock: Served, path: string, opts: Parameters<typeof send>[2] = {}) {
  const a = await send(fast.url, path, opts);
  const b = await send(stock.url, path, opts);
  const label = `${opts.method ?? 'GET'} ${decodeURIComponent(path)}`;
  expect(a.status, label).toBe(b.status);
  expect(a.headers['content-type'], label).toBe(b.headers['content-type']);
  expect(a.headers.vary, label).toBe(b.headers.vary);
  expect(a.headers['set-cookie'], label).toEqual(b.headers['set-cookie']);
  expect(a.headers['cache-control'], label).toBe(b.headers['cache-control']);
  expect(a.body, label).toBe(b.body);
  // The stock adapter always streams (chunked); so a chunked answer from the fast server means it fell through.
  expect(b.headers['transfer-encoding'], label).toBe('chunked');
  return { ...a, fastPath: a.headers['transfer-encoding'] !== 'chunked' && a.headers['content-length'] === String(Buffer.byteLength(a.body)) };
}

describe('GET queries through the fast path and through the stock handler', () => {
  let faults: FaultServer;
  let warehouse: Warehouse;
  let readModel: ReadModel;
  let dir: string;
  let fast: Served;
  let stock: Served;
  let cookie: string;

  beforeAll(async () => {
    faults = await startFaultServer();
    ({ warehouse, dir } = await fixtureWarehouse(faults));
    readModel = new ReadModel(warehouse);
    await readModel.warm();
    fast = await serve({ warehouse, readModel });
    stock = await serve({ warehouse, readModel, queryFastPath: false });
    const ana = apiClient(stock.url);
    await ana.client.auth.signUp.mutate({ email: 'ana@example.com', password: 'a long enough passphrase', displayName: 'Ana' });
    cookie = ana.state.cookie;
  });

  afterAll(async () => {
    for (const s of [fast, stock]) if (s) await new Promise((resolve) => s.server.close(resolve));
    readModel?.close();
    warehouse?.close();
    await faults?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers successes, batches and every kind of failure as tRPC does, itself', async () => {
    const cases: Array<[string, Parameters<typeof send>[2], number]> = [
      [q('jobs.search', { remote: 'any', limit: 5 }), {}, 200],
      [q('jobs.list', { limit: 3 }), {}, 200],
      [q('jobs.list'), {}, 400], // no input at all, where one is required
      [`/trpc/jobs.list?input=`, {}, 400], // an empty input is none
      [batch(['jobs.list', 'jobs.search'], { 0: { limit: 2 }, 1: { limit: 2, remote: 'any' } }), {}, 200],
      [batch(['jobs.list', 'matches.list'], { 0: { limit: 2 } }), {}, 207], // one call refused: anonymous
      [batch(['auth.me', 'auth.me']), {}, 200], // a batch without input
      [`/trpc/jobs.search?input=${encodeURIComponent('{"q": "py')}`, {}, 400], // not JSON
      [`/trpc/auth.me?input=${encodeURIComponent('{not json')}`, {}, 200], // not JSON, but never read: no input
      [`/trpc/jobs.list,jobs.list?batch=1&input=${encodeURIComponent('[1,2]')}`, {}, 400], // a batch's input must be an object
      [q('jobs.search', { limit: -1, remote: 'nowhere' }), {}, 400], // zod issues
      [q('matches.list', { limit: 5 }), {}, 401],
      [q('no.such'), {}, 404],
      [batch(['jobs.list', 'no.such'], { 0: { limit: 1 } }), {}, 207],
      ['/trpc/', {}, 404],
      [q('auth.logOut'), ANA, 405], // a mutation through GET
      [q('matches.list', { limit: 5 }), ANA, 200], // signed in (the cookie is filled in below)
      [batch(['auth.me', 'profile.get', 'matches.list'], { 2: { limit: 3, offset: 1 } }), ANA, 200],
    ];
    for (const [path, opts, status] of cases) {
      const answer = await both(fast, stock, path, opts === ANA ? { cookie } : opts);
      expect(answer.status, path).toBe(status);
      expect(answer.fastPath, path).toBe(true);
    }
    // The signed-in caller was seen as signed in.
    expect(JSON.parse((await send(fast.url, q('auth.me'), { cookie })).body)).toMatchObject({ result: { data: { user: { email: 'ana@example.com' } } } });
    expect(fast.log).toEqual([]);
    expect(stock.log).toEqual([]);
  });

  it("answers the web app's client (httpBatchLink) as the stock handler does", async () => {
    const through = (base: string) => {
      const framing: string[] = [];
      const client = createTRPCClient<AppRouter>({
        links: [
          httpBatchLink({
            url: `${base}/trpc`,
            headers: { cookie },
            fetch: async (input, init) => {
              const response = await fetch(input, init);
              framing.push(response.headers.has('content-length') ? 'whole' : 'chunked');
              return response;
            },
          }),
        ],
      });
      // One batch: the calls are made in the same tick.
      const calls = Promise.all([
        client.auth.me.query(),
        client.jobs.search.query({ remote: 'any', limit: 3 }),
        client.matches.list.query({ limit: 3 }),
        client.jobs.get.query({ clusterId: 'job_000000000000000000000000' }).catch((error: unknown) => ({ failed: (error as { data?: unknown }).data })),
      ]);
      return calls.then((answers) => ({ answers, framing }));
    };
    const viaFast = await through(fast.url);
    const viaStock = await through(stock.url);
    expect(viaFast.answers).toEqual(viaStock.answers);
    expect(viaFast.answers[3]).toMatchObject({ failed: { code: 'NOT_FOUND' } });
    expect(viaFast.framing).toEqual(['whole']);
    expect(viaStock.framing).toEqual(['chunked']);
  });

  it('leaves what it does not handle to the stock handler, which answers as it always has', async () => {
    const cases: Array<[string, Parameters<typeof send>[2]]> = [
      [q('jobs.list', { limit: 1 }, '&connectionParams=%7B%7D'), {}],
      [q('jobs.list', { limit: 1 }, '&unknown=1'), {}],
      [q('jobs.list', { limit: 1 }, '&input=%7B%7D'), {}], // input twice
      [`/trpc/jobs.list?batch=true&input=${encodeURIComponent('{"limit":1}')}`, {}],
      [batch(['jobs.list', 'auth.logOut']), ANA], // query and mutation in one call
      [q('jobs.list', { limit: 1 }), { headers: { 'trpc-accept': 'application/jsonl' } }],
      [batch(['jobs.list'], { 0: { limit: 1 } }), { headers: { accept: 'application/jsonl' } }],
      [q('jobs.list', { limit: 1 }), { headers: { 'content-type': 'application/json' } }],
      [q('jobs%2Elist', { limit: 1 }), {}], // an encoded path
      ['/trpc/jobs.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"limit":1}' }], // a query by POST
      ['/trpc/auth.logOut', { method: 'POST', headers: { 'content-type': 'application/json' } }], // a mutation by POST, anonymous
    ];
    for (const [path, opts] of cases) {
      const answer = await both(fast, stock, path, opts === ANA ? { cookie } : opts);
      expect(answer.fastPath, path).toBe(false);
    }
  });

  it('answers an internal failure with the generic message and logs its cause, as tRPC does', async () => {
    // A warehouse that is gone: every read fails, and so does looking up a session cookie (the context).
    const goneDir = mkdtempSync(join(tmpdir(), 'vagas-fast-path-'));
    const gone = await Warehouse.open(join(goneDir, 'warehouse.duckdb'));
    await migrate(gone);
    gone.close();
    const fastGone = await serve({ warehouse: gone });
    const stockGone = await serve({ warehouse: gone, queryFastPath: false });
    try {
      const failing = await both(fastGone, stockGone, q('jobs.list', { limit: 1 }));
      expect(failing.status).toBe(500);
      expect(JSON.parse(failing.body)).toMatchObject({ error: { message: 'internal error', data: { code: 'INTERNAL_SERVER_ERROR', path: 'jobs.list' } } });
      expect(failing.fastPath).toBe(true);
      // The context fails for a signed-in caller; the unknown procedure is still a 404 beside it.
      const mixed = await both(fastGone, stockGone, batch(['auth.me', 'no.such']), { cookie: 'sid=whatever' });
      expect(mixed.status).toBe(207);
      expect(mixed.fastPath).toBe(true);
      for (const { log } of [fastGone, stockGone]) {
        expect(log.map((entry) => [entry.msg, entry.path, entry.err?.message])).toEqual([
          ['API procedure failed', 'jobs.list', expect.stringContaining('instance closed')],
          ['API procedure failed', 'auth.me', expect.stringContaining('instance closed')],
        ]);
      }
    } finally {
      for (const s of [fastGone, stockGone]) await new Promise((resolve) => s.server.close(resolve));
      rmSync(goneDir, { recursive: true, force: true });
    }
  });
});
