// App layer: accounts, sessions, password resets, log-in failures and the e-mail outbox.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './db.js';

export interface Account {
  id: string;
  email: string;
  display_name: string;
  role: 'user' | 'admin';
  locale: string;
  password_hash: string | null;
}

const ACCOUNT_COLUMNS = 'id, email, display_name, role, locale, password_hash';

export async function findAccountByEmail(conn: DuckDBConnection, email: string): Promise<Account | null> {
  const [row] = await queryRows<Account>(conn, `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE email = $1`, [email]);
  return row ?? null;
}

export async function findAccountById(conn: DuckDBConnection, id: string): Promise<Account | null> {
  const [row] = await queryRows<Account>(conn, `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE id = $1`, [id]);
  return row ?? null;
}

export async function insertAccount(conn: DuckDBConnection, a: Omit<Account, 'role'>): Promise<void> {
  await conn.run(
    `INSERT INTO users (id, email, display_name, role, locale, password_hash, created_at) VALUES ($1, $2, $3, 'user', $4, $5, now())`,
    [a.id, a.email, a.display_name, a.locale, a.password_hash],
  );
}

/** Makes the account with this e-mail an operator (admin) or a user again; its id, or null when no account has it. */
export async function setRoleByEmail(conn: DuckDBConnection, email: string, role: Account['role']): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(conn, 'UPDATE users SET role = $2 WHERE email = $1 RETURNING id', [email.toLowerCase(), role]);
  return row?.id ?? null;
}

export async function listOperators(conn: DuckDBConnection): Promise<Pick<Account, 'id' | 'email' | 'display_name'>[]> {
  return queryRows(conn, "SELECT id, email, display_name FROM users WHERE role = 'admin' ORDER BY email");
}

export async function setPasswordHash(conn: DuckDBConnection, userId: string, hash: string): Promise<void> {
  await conn.run('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash]);
}

/** The language of the user's e-mails (digest, alerts, password resets). */
export async function setLocale(conn: DuckDBConnection, userId: string, locale: string): Promise<void> {
  await conn.run('UPDATE users SET locale = $2 WHERE id = $1', [userId, locale]);
}

export interface SessionRow {
  user_id: string;
  csrf_token: string;
  /** When it expires, epoch milliseconds: a cached session is refused from then on too. */
  expires_ms: number;
}

export async function insertSession(conn: DuckDBConnection, s: { tokenHash: string; userId: string; csrfToken: string; ttlHours: number }): Promise<void> {
  await conn.run(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
     VALUES ($1, $2, $3, now(), now() + to_hours($4::BIGINT), now())`,
    [s.tokenHash, s.userId, s.csrfToken, s.ttlHours],
  );
}

export async function findLiveSession(conn: DuckDBConnection, tokenHash: string): Promise<SessionRow | null> {
  const [row] = await queryRows<SessionRow>(conn, 'SELECT user_id, csrf_token, epoch_ms(expires_at) AS expires_ms FROM sessions WHERE token_hash = $1 AND expires_at > now()', [tokenHash]);
  return row ?? null;
}

/** The live sessions last seen most recently, with their accounts: what an API process starting up reads ahead. */
export async function recentLiveSessions(conn: DuckDBConnection, limit: number): Promise<(SessionRow & { token_hash: string; account: Account })[]> {
  const rows = await queryRows<SessionRow & { token_hash: string } & Account>(
    conn,
    `SELECT s.token_hash, s.user_id, s.csrf_token, epoch_ms(s.expires_at) AS expires_ms, u.id, u.email, u.display_name, u.role, u.locale, u.password_hash
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.expires_at > now() ORDER BY s.last_seen_at DESC LIMIT $1`,
    [limit],
  );
  return rows.map(({ token_hash, user_id, csrf_token, expires_ms, ...account }) => ({ token_hash, user_id, csrf_token, expires_ms, account }));
}

export async function deleteSession(conn: DuckDBConnection, tokenHash: string): Promise<void> {
  await conn.run('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Every session of a user but one (after a password change, the other devices are logged out). */
export async function deleteOtherSessions(conn: DuckDBConnection, userId: string, keepTokenHash: string | null): Promise<void> {
  await conn.run('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [userId, keepTokenHash]);
}

export async function insertPasswordReset(conn: DuckDBConnection, r: { tokenHash: string; userId: string; ttlMinutes: number }): Promise<void> {
  await conn.run(
    `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, now(), now() + to_minutes($3::BIGINT))`,
    [r.tokenHash, r.userId, r.ttlMinutes],
  );
}

/** Marks a live, unused reset token as used and returns its user; null when it is unknown, used or expired. */
export async function consumePasswordReset(conn: DuckDBConnection, tokenHash: string): Promise<string | null> {
  const [row] = await queryRows<{ user_id: string }>(
    conn,
    `UPDATE password_resets SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
    [tokenHash],
  );
  return row?.user_id ?? null;
}

export async function recordLoginFailure(conn: DuckDBConnection, keys: string[]): Promise<void> {
  for (const key of keys) await conn.run('INSERT INTO login_failures (key, failed_at) VALUES ($1, now())', [key]);
}

export async function recentLoginFailures(conn: DuckDBConnection, key: string, windowMinutes: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    conn,
    'SELECT count(*) AS n FROM login_failures WHERE key = $1 AND failed_at > now() - to_minutes($2::BIGINT)',
    [key, windowMinutes],
  );
  return row?.n ?? 0;
}

export async function clearLoginFailures(conn: DuckDBConnection, key: string): Promise<void> {
  await conn.run('DELETE FROM login_failures WHERE key = $1', [key]);
}

export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  userId: string | null;
  kind: 'password_reset' | 'weekly_digest' | 'match_alert';
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/** Queued once per idempotency key: a retried request never queues the same message twice. */
export async function enqueueEmail(conn: DuckDBConnection, m: OutboxMessage): Promise<void> {
  await conn.run(
    `INSERT INTO email_outbox (id, idempotency_key, user_id, kind, to_address, subject, body_text, body_html, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT DO NOTHING`,
    [m.id, m.idempotencyKey, m.userId, m.kind, m.to, m.subject, m.text, m.html],
  );
}
