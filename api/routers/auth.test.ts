import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../cli/test-support/api-client.js';
import { Warehouse } from '../../warehouse/db.js';
import { migrate } from '../../warehouse/migrate.js';
import { createHttpServer, listen } from '../http-server.js';
import type { AppRouter } from '../router.js';

let dir: string;
let warehouse: Warehouse;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vagas-auth-'));
  warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
  await migrate(warehouse);
  server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse, publicUrl: 'https://vagas.example' });
  baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  warehouse?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function failure(call: () => Promise<unknown>): Promise<string | undefined> {
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return (error as TRPCClientError<AppRouter>).data?.code;
}

const password = 'correct horse battery staple';

describe('auth router over HTTP', () => {
  it('signs up with an argon2id hash and an httpOnly, SameSite, Secure session cookie', async () => {
    const { client, state } = apiClient(baseUrl);
    const { csrfToken } = await client.auth.signUp.mutate({ email: 'Ana@Example.com', password, displayName: 'Ana Souza' });
    expect(csrfToken).toMatch(/^[\w-]{43}$/);
    expect(state.lastSetCookie).toMatch(/^sid=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const me = await client.auth.me.query();
    expect(me?.user).toMatchObject({ email: 'ana@example.com', displayName: 'Ana Souza', role: 'user', locale: 'pt-BR' });
    const [stored] = await warehouse.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'ana@example.com'`);
    expect(stored?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const sessions = await warehouse.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(sessions.map((s) => s.token_hash)).not.toContain(state.cookie.slice('sid='.length));
    expect(await failure(() => apiClient(baseUrl).client.auth.signUp.mutate({ email: 'ana@example.com', password, displayName: 'Again' }))).toBe('CONFLICT');
    expect(await failure(() => apiClient(baseUrl).client.auth.signUp.mutate({ email: 'short@example.com', password: 'short', displayName: 'S' }))).toBe('BAD_REQUEST');
  });

  it('refuses a mutation of a cookie session without its CSRF token', async () => {
    const { client, state } = apiClient(baseUrl);
    state.csrfToken = (await client.auth.logIn.mutate({ email: 'ana@example.com', password })).csrfToken;
    const real = state.csrfToken;
    state.csrfToken = null;
    expect(await failure(() => client.auth.logOut.mutate())).toBe('FORBIDDEN');
    state.csrfToken = 'forged-token-forged-token-forged-token-abcd';
    expect(await failure(() => client.auth.logOut.mutate())).toBe('FORBIDDEN');
    state.csrfToken = real;
    await client.auth.logOut.mutate();
    expect(await client.auth.me.query()).toBeNull();
  });

  it('answers a wrong password and an unknown e-mail alike, and limits failed attempts per account', async () => {
    const wrong = await failure(() => apiClient(baseUrl).client.auth.logIn.mutate({ email: 'ana@example.com', password: 'wrong password!' }));
    const unknown = await failure(() => apiClient(baseUrl).client.auth.logIn.mutate({ email: 'nobody@example.com', password: 'wrong password!' }));
    expect([wrong, unknown]).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED']);
    for (let i = 0; i < 4; i++) await failure(() => apiClient(baseUrl).client.auth.logIn.mutate({ email: 'ana@example.com', password: `nope ${i} nope!` }));
    // Five failures: even the right password is refused until the window passes.
    expect(await failure(() => apiClient(baseUrl).client.auth.logIn.mutate({ email: 'ana@example.com', password }))).toBe('TOO_MANY_REQUESTS');
    await warehouse.query(`DELETE FROM login_failures WHERE key = 'account:ana@example.com'`);
    await apiClient(baseUrl).client.auth.logIn.mutate({ email: 'ana@example.com', password });
  });

  it('limits failed attempts per IP across accounts', async () => {
    await warehouse.query('DELETE FROM login_failures');
    for (let i = 0; i < 20; i++) await failure(() => apiClient(baseUrl).client.auth.logIn.mutate({ email: `user${i}@example.com`, password: 'guess guess guess' }));
    expect(await failure(() => apiClient(baseUrl).client.auth.logIn.mutate({ email: 'ana@example.com', password }))).toBe('TOO_MANY_REQUESTS');
    await warehouse.query('DELETE FROM login_failures');
  });

  it('changes the password and logs out the other sessions', async () => {
    const phone = apiClient(baseUrl);
    await phone.client.auth.logIn.mutate({ email: 'ana@example.com', password });
    const laptop = apiClient(baseUrl);
    laptop.state.csrfToken = (await laptop.client.auth.logIn.mutate({ email: 'ana@example.com', password })).csrfToken;
    expect(await failure(() => laptop.client.auth.changePassword.mutate({ currentPassword: 'not it at all', newPassword: 'a new long passphrase' }))).toBe('UNAUTHORIZED');
    await laptop.client.auth.changePassword.mutate({ currentPassword: password, newPassword: 'a new long passphrase' });
    expect(await laptop.client.auth.me.query()).not.toBeNull();
    expect(await phone.client.auth.me.query()).toBeNull();
    await apiClient(baseUrl).client.auth.logIn.mutate({ email: 'ana@example.com', password: 'a new long passphrase' });
  });

  it('resets a password through a one-time link sent to the e-mail outbox', async () => {
    const anonymous = apiClient(baseUrl).client;
    expect(await anonymous.auth.requestPasswordReset.mutate({ email: 'nobody@example.com' })).toEqual({ ok: true });
    expect(await anonymous.auth.requestPasswordReset.mutate({ email: 'ana@example.com' })).toEqual({ ok: true });
    const outbox = await warehouse.query<{ to_address: string; subject: string; body_text: string }>('SELECT to_address, subject, body_text FROM email_outbox');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ to_address: 'ana@example.com', subject: 'Redefinir sua senha' });
    const token = /reset-password\?token=([\w-]+)/.exec(outbox[0]?.body_text ?? '')?.[1] ?? '';
    expect(outbox[0]?.body_text).toContain('https://vagas.example/reset-password?token=');

    await anonymous.auth.resetPassword.mutate({ token, newPassword: 'reset passphrase here' });
    expect(await failure(() => anonymous.auth.resetPassword.mutate({ token, newPassword: 'second use of link' }))).toBe('BAD_REQUEST');
    await apiClient(baseUrl).client.auth.logIn.mutate({ email: 'ana@example.com', password: 'reset passphrase here' });
    for (let i = 0; i < 3; i++) await anonymous.auth.requestPasswordReset.mutate({ email: 'ana@example.com' });
    expect(await failure(() => anonymous.auth.requestPasswordReset.mutate({ email: 'ana@example.com' }))).toBe('TOO_MANY_REQUESTS');
  });
});
