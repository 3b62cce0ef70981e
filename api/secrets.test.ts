// Secrets never leak: real flows on the app as `npm start` runs it (Temporal dev server, workers,
// DuckDB file, HTTP API through the real tRPC client) with every secret set to a sentinel value and
// the pino log at debug in its file. Afterwards the log, every API response, every warehouse table
// and every Temporal workflow history are searched for the sentinels, passwords, password hashes,
// session tokens, CSRF tokens and reset tokens: each may appear only where it must.
import { readFileSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../cli/app.js';
import { createLogger } from '../cli/logger.js';
import { runPipeline } from '../cli/run-pipeline.js';
import { apiClient } from '../cli/test-support/api-client.js';
import { startFakeAnthropic, type FakeAnthropic } from '../cli/test-support/fake-anthropic.js';
import { startFakeSendGrid, type FakeSendGrid } from '../cli/test-support/fake-sendgrid.js';
import { serveOnLoopback } from '../cli/test-support/loopback-server.js';
import { testConfig } from '../cli/test-support/test-config.js';
import { startBoardServer, type BoardServer } from '../fixtures/custom-sources/board-server.js';
import type { CustomSourceConfigInput } from '../activities/ingest/custom/config.js';
import { makeOperator } from '../cli/test-support/operators.js';

const SENTINEL = {
  sendgrid: 'SG.sentinel-sendgrid-key.0f3a9c77e1d24b5a',
  anthropic: 'sk-ant-sentinel-anthropic-key-51d2e8a90b',
  bearer: 'sentinel-board-bearer-93be41c7d0',
  password: 'sentinel passphrase 6c1f0e22',
  newPassword: 'sentinel new passphrase 7a9d3b10',
  rejectedPassword: 'x7e2c',
  literalKey: 'sentinel-literal-api-key-4f8e2b',
  urlPassword: 'sentinelurlpass51c',
};
const TOKEN_VAR = 'CUSTOM_SOURCE_SECRETS_TEST_TOKEN';

interface Exchange {
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let app: App;
let proxy: { url: string; exchanges: Exchange[]; close(): Promise<void> };
let board: BoardServer;
let wrongBoard: BoardServer;
let sendgrid: FakeSendGrid;
let anthropic: FakeAnthropic;
const saved: Record<string, string | undefined> = {};

/** A pass-through to the app that keeps every answer, the way a browser's network panel would. */
async function recordingProxy(target: string) {
  const exchanges: Exchange[] = [];
  const upstream = new URL(target);
  const server = await serveOnLoopback((req, res) => {
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        exchanges.push({ path: req.url ?? '', status: answer.statusCode ?? 0, headers: answer.headers, body: body.toString('utf8') });
        res.writeHead(answer.statusCode ?? 502, answer.headers).end(body);
      });
    });
    req.pipe(forward);
  });
  return { url: server.url, exchanges, close: server.close };
}

function setEnv(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
}

const apiSource = (endpoint: string, params: Record<string, string> = {}): CustomSourceConfigInput => ({
  kind: 'api',
  endpoint,
  params,
  auth: { type: 'bearer', value: `\${${TOKEN_VAR}}` },
  mapping: { jobs_path: '$.data.results[*]', id_path: '$.id', title_path: '$.position.title', description_path: '$.body_html' },
  pagination: { type: 'page', param: 'page', max_pages: 3 },
});

/** A call that must fail: its error message (the client's view of the response body). */
async function failure(call: () => Promise<unknown>): Promise<string> {
  const error = await call().then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error).toBeInstanceOf(Error);
  return JSON.stringify({ message: error?.message, data: (error as { data?: unknown } | null)?.data });
}

/** What was learned while the flows ran: the values that must stay out of everything but their one place. */
const seen = { sessionTokens: new Set<string>(), csrfTokens: new Set<string>(), resetTokens: new Set<string>() };

beforeAll(async () => {
  board = await startBoardServer({ token: SENTINEL.bearer });
  wrongBoard = await startBoardServer({ token: 'a-token-the-source-does-not-have' });
  sendgrid = await startFakeSendGrid(SENTINEL.sendgrid);
  anthropic = await startFakeAnthropic(SENTINEL.anthropic);
  const allowList = [board.url, wrongBoard.url].map((u) => new URL(u).host).join(',');
  // The workers and the API run in this process and read these, as `npm start` would.
  setEnv({
    SENDGRID_API_KEY: SENTINEL.sendgrid,
    SENDGRID_BASE_URL: sendgrid.url,
    ANTHROPIC_API_KEY: SENTINEL.anthropic,
    ANTHROPIC_BASE_URL: anthropic.url,
    [TOKEN_VAR]: SENTINEL.bearer,
    SOURCE_ALLOWLIST: allowList,
  });
  const config = await testConfig({ SOURCE_ALLOWLIST: allowList, LOG_LEVEL: 'debug' });
  app = await startApp(config, createLogger({ level: 'debug', file: config.logFile, consoleLevel: 'fatal' }));
  proxy = await recordingProxy(app.httpUrl);
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await proxy?.close();
  await Promise.all([board, wrongBoard, sendgrid, anthropic].map((s) => s?.close()));
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  if (app) rmSync(app.config.dataDir, { recursive: true, force: true });
});

describe('secrets through real flows', () => {
  it('signs up, fails and succeeds to log in, resets a password: the API keeps tokens to their own places', async () => {
    const ana = apiClient(proxy.url);
    await failure(() => ana.client.auth.signUp.mutate({ email: 'ana@example.com', password: SENTINEL.rejectedPassword, displayName: 'Ana' }));
    ana.state.csrfToken = (await ana.client.auth.signUp.mutate({ email: 'ana@example.com', password: SENTINEL.password, displayName: 'Ana' })).csrfToken;
    seen.csrfTokens.add(ana.state.csrfToken);
    seen.sessionTokens.add(ana.state.cookie.split('=')[1] ?? '');
    await makeOperator(app.warehouse, 'ana@example.com');

    const intruder = apiClient(proxy.url);
    await failure(() => intruder.client.auth.logIn.mutate({ email: 'ana@example.com', password: `${SENTINEL.password}!` }));
    await ana.client.auth.logOut.mutate();
    ana.state.csrfToken = (await ana.client.auth.logIn.mutate({ email: 'ana@example.com', password: SENTINEL.password })).csrfToken;
    seen.csrfTokens.add(ana.state.csrfToken);
    seen.sessionTokens.add(ana.state.cookie.split('=')[1] ?? '');

    // The reset e-mail goes out through Temporal and SendGrid with the sentinel key: refused once
    // (5xx, recorded), then sent by the retry; the token is read from the e-mail as received.
    sendgrid.answers.push({ status: 500 });
    await intruder.client.auth.requestPasswordReset.mutate({ email: 'ana@example.com' });
    const sent = async () => (await app.warehouse.query(`SELECT 1 FROM email_outbox WHERE kind = 'password_reset' AND status = 'sent'`)).length > 0;
    const until = Date.now() + 60_000;
    while (!(await sent()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));
    const received = sendgrid.received.find((m) => m.personalizations[0]?.to[0]?.email === 'ana@example.com');
    const text = received?.content.find((c) => c.type === 'text/plain')?.value ?? '';
    const resetToken = decodeURIComponent(/token=([^\s&]+)/.exec(text)?.[1] ?? '');
    expect(resetToken.length).toBeGreaterThan(20);
    seen.resetTokens.add(resetToken);
    await intruder.client.auth.resetPassword.mutate({ token: resetToken, newPassword: SENTINEL.newPassword });
    await failure(() => intruder.client.auth.resetPassword.mutate({ token: resetToken, newPassword: SENTINEL.newPassword }));
    const back = apiClient(proxy.url);
    back.state.csrfToken = (await back.client.auth.logIn.mutate({ email: 'ana@example.com', password: SENTINEL.newPassword })).csrfToken;
    seen.csrfTokens.add(back.state.csrfToken);
    seen.sessionTokens.add(back.state.cookie.split('=')[1] ?? '');
    expect((await back.client.auth.me.query())?.user?.email).toBe('ana@example.com');

    const attempts = await app.warehouse.query<{ outcome: string; http_status: number | null }>(
      `SELECT a.outcome, a.http_status FROM email_send_attempts a JOIN email_outbox o ON o.id = a.outbox_id WHERE o.kind = 'password_reset' ORDER BY a.attempt`,
    );
    expect(attempts).toEqual([{ outcome: 'retry', http_status: 500 }, { outcome: 'sent', http_status: 202 }]);
  });

  it('a custom API source with a bearer token from the environment fails and succeeds, tested and in a pipeline run', async () => {
    const ops = apiClient(proxy.url);
    ops.state.csrfToken = (await ops.client.auth.logIn.mutate({ email: 'ana@example.com', password: SENTINEL.newPassword })).csrfToken;
    seen.csrfTokens.add(ops.state.csrfToken);
    seen.sessionTokens.add(ops.state.cookie.split('=')[1] ?? '');

    expect(await ops.client.sources.test.mutate({ config: apiSource(`${board.url}/api/jobs`) })).toMatchObject({ ok: true });
    const refused = await ops.client.sources.test.mutate({ config: apiSource(`${wrongBoard.url}/api/jobs`) });
    expect(refused.error).toMatch(/HTTP 401/);
    // A literal secret is refused, and the refusal does not repeat it.
    await failure(() => ops.client.sources.test.mutate({ config: apiSource(`${board.url}/api/jobs`, { api_key: SENTINEL.literalKey }) }));
    await failure(() => ops.client.sources.test.mutate({ config: apiSource(`http://ops:${SENTINEL.urlPassword}@${new URL(board.url).host}/api/jobs`) }));

    await ops.client.sources.createGlobal.mutate({ name: 'board with the token', config: apiSource(`${board.url}/api/jobs`) });
    await ops.client.sources.createGlobal.mutate({ name: 'board refusing the token', config: apiSource(`${wrongBoard.url}/api/jobs`) });
    const { result } = await runPipeline(app.client, { trigger: 'manual' });
    expect(result.sources.map((s) => s.ok).sort()).toEqual([false, true, true, true]);
    expect(board.hits('/api/jobs').every((r) => r.headers.authorization === `Bearer ${SENTINEL.bearer}`)).toBe(true);
  });

  it('a résumé structured through Anthropic with the sentinel key, which the provider refuses', async () => {
    const api = apiClient(proxy.url);
    api.state.csrfToken = (await api.client.auth.signUp.mutate({ email: 'bia@example.com', password: SENTINEL.password, displayName: 'Bia' })).csrfToken;
    seen.csrfTokens.add(api.state.csrfToken);
    seen.sessionTokens.add(api.state.cookie.split('=')[1] ?? '');
    anthropic.replies.push({ status: 401 }, { status: 401 }, { status: 401 });
    const form = new FormData();
    form.append('file', new File([readFileSync(join(import.meta.dirname, '../fixtures/resumes/ana-souza-pt.pdf'))], 'cv.pdf'));
    const uploaded = await api.client.resume.upload.mutate(form);
    const deadline = Date.now() + 120_000;
    let status = await api.client.resume.status.query({ id: uploaded.id });
    while (status.status !== 'draft' && status.status !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = await api.client.resume.status.query({ id: uploaded.id });
    }
    expect(status.status).toBe('draft');
    expect(status.parsePath).toBe('offline'); // the provider refused the key; the offline parser took over
    expect(anthropic.received.length).toBeGreaterThan(0);
  });

  it('leaves no secret in the log, the API responses, the warehouse or the Temporal histories', async () => {
    const log = readFileSync(app.config.logFile, 'utf8');
    expect(log).toContain('source fetched'); // the log really holds the runs above

    const hashes = (await app.warehouse.query<{ h: string }>('SELECT password_hash AS h FROM users WHERE password_hash IS NOT NULL')).map((r) => r.h);
    expect(hashes.every((h) => h.startsWith('$argon2id$'))).toBe(true);
    const everywhere = [...Object.values(SENTINEL), ...hashes, '$argon2id$', ...seen.sessionTokens, ...seen.resetTokens];
    const neverLogged = [...everywhere, ...seen.csrfTokens];
    for (const secret of [...seen.sessionTokens, ...seen.csrfTokens]) expect(secret.length).toBeGreaterThan(20);

    for (const secret of neverLogged) expect(log.includes(secret), `log holds ${secret}`).toBe(false);

    // The search can see what it looks for: the CSRF token is in log-in answers, where it belongs.
    expect(proxy.exchanges.some((e) => e.path.startsWith('/trpc/auth.logIn') && [...seen.csrfTokens].some((t) => e.body.includes(t)))).toBe(true);
    for (const exchange of proxy.exchanges) {
      const answer = `${JSON.stringify({ ...exchange.headers, 'set-cookie': undefined })}\n${exchange.body}`;
      for (const secret of everywhere) expect(answer.includes(secret), `${exchange.path} answered with ${secret}`).toBe(false);
      // The CSRF token is the answer of exactly these calls; the session token travels only in Set-Cookie.
      if (!/^\/trpc\/auth\.(me|signUp|logIn)\b/.test(exchange.path)) {
        for (const secret of seen.csrfTokens) expect(answer.includes(secret), `${exchange.path} answered with a CSRF token`).toBe(false);
      }
    }

    const tables = await app.warehouse.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'`);
    for (const { name } of tables) {
      const rows = (await app.warehouse.query<{ r: string }>(`SELECT t::VARCHAR AS r FROM "${name}" t`)).map((r) => r.r).join('\n');
      for (const secret of neverLogged) {
        // Where a value must be kept: a password hash in users, the reset link in the e-mail it is sent
        // in, the CSRF token with its session (compared on every mutation; the session token is only a hash).
        const home = hashes.includes(secret) || secret === '$argon2id$' ? 'users' : seen.resetTokens.has(secret) ? 'email_outbox' : seen.csrfTokens.has(secret) ? 'sessions' : null;
        if (name !== home) expect(rows.includes(secret), `${name} holds ${secret}`).toBe(false);
      }
    }

    const histories: string[] = [];
    for await (const workflow of app.client.workflow.list()) {
      const history = await app.client.workflow.getHandle(workflow.workflowId, workflow.runId).fetchHistory();
      // Payloads come as base64 in the history's JSON form: decoded, so that a secret inside one is seen.
      histories.push(JSON.stringify(history).replace(/"data":"([A-Za-z0-9+/=]*)"/g, (_all, data: string) => Buffer.from(data, 'base64').toString('utf8')));
    }
    expect(histories.length).toBeGreaterThan(3);
    const recorded = histories.join('\n');
    expect(recorded).toContain('HTTP 401'); // the failing source's error is in there
    expect(recorded).toContain(`\${${TOKEN_VAR}}`); // and the payloads are read: the sources' configurations name the variable
    for (const secret of neverLogged) expect(recorded.includes(secret), `a workflow history holds ${secret}`).toBe(false);
  });
});
