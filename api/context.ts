import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Client } from '@temporalio/client';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Logger } from 'pino';
import { findAccountById, findLiveSession, type Account, type SessionRow } from '../warehouse/accounts.js';
import type { NotifyDeps } from '../activities/notify/notify-activities.js';
import type { Warehouse } from '../warehouse/db.js';
import { tokenHash } from './auth/secrets.js';
import type { ReadModel } from './read-model/read-model.js';
import type { ResumeDeps } from './routers/resume.js';

export const SESSION_COOKIE = 'sid';
export const SESSION_TTL_HOURS = 24 * 30;

export interface TemporalUi {
  url: string;
  namespace: string;
}

export interface ApiUser {
  id: string;
  email: string;
  displayName: string;
  role: 'user' | 'admin';
  locale: string;
}

export interface ApiContext {
  warehouse: Warehouse;
  /** The in-memory serving layer in front of the warehouse (read-model/); null: every answer from the warehouse. */
  readModel?: ReadModel | null;
  user: ApiUser | null;
  session: { tokenHash: string; csrfToken: string } | null;
  /** The synchronizer token the client must echo in `x-csrf-token` on every mutation of a cookie session. */
  csrfHeader: string | null;
  ip: string;
  publicUrl: string;
  /** E-mail rendering for previews; absent where the process sends no e-mail. */
  notify?: NotifyDeps | null;
  /** Starts operator workflows (retraining, promotion, rollback); absent where no Temporal client is connected. */
  temporal?: Client | null;
  /** The Temporal Web UI and namespace, for links to workflow runs; null when its address is not known. */
  temporalUi?: TemporalUi | null;
  /** Résumé uploads: the file store and the size limit; absent where the process takes no uploads. */
  resumes?: ResumeDeps | null;
  /** Where failures the caller is not told about are recorded; absent in tests that need none. */
  logger?: Logger | null;
  setSessionCookie(token: string | null): void;
}

export interface ContextOptions {
  warehouse: Warehouse;
  readModel?: ReadModel | null;
  publicUrl: string;
  secureCookies: boolean;
  notify?: NotifyDeps | null;
  temporal?: Client | null;
  resumes?: ResumeDeps | null;
  temporalUi?: TemporalUi | null;
  logger?: Logger | null;
}

export interface Caller {
  user: ApiUser;
  session: NonNullable<ApiContext['session']>;
}

/** The live session of a token hash and its user; null when unknown or expired. */
export async function loadCaller(conn: DuckDBConnection, hash: string): Promise<(Caller & { expiresMs: number }) | null> {
  const live = await findLiveSession(conn, hash);
  const account = live ? await findAccountById(conn, live.user_id) : null;
  return live && account ? callerOf(hash, live, account) : null;
}

export function callerOf(hash: string, live: SessionRow, account: Account): Caller & { expiresMs: number } {
  return {
    session: { tokenHash: hash, csrfToken: live.csrf_token },
    user: { id: account.id, email: account.email, displayName: account.display_name, role: account.role, locale: account.locale },
    expiresMs: live.expires_ms,
  };
}

/** Who is calling: the session cookie is looked up by its hash (in the read model when there is one); an unknown or expired one is anonymous (null). */
export async function sessionOf(warehouse: Warehouse, req: IncomingMessage, readModel: ReadModel | null = null): Promise<Caller | null> {
  const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
  if (!token) return null;
  const hash = tokenHash(token);
  if (readModel) return readModel.caller(hash);
  const caller = await warehouse.withConnection((conn) => loadCaller(conn, hash));
  return caller && { user: caller.user, session: caller.session };
}

export async function createContext(opts: ContextOptions, req: IncomingMessage, res: ServerResponse): Promise<ApiContext> {
  const caller = await sessionOf(opts.warehouse, req, opts.readModel ?? null);
  const csrf = req.headers['x-csrf-token'];
  return {
    warehouse: opts.warehouse,
    readModel: opts.readModel ?? null,
    user: caller?.user ?? null,
    session: caller?.session ?? null,
    csrfHeader: typeof csrf === 'string' ? csrf : null,
    ip: req.socket.remoteAddress ?? 'unknown',
    publicUrl: opts.publicUrl,
    notify: opts.notify ?? null,
    temporal: opts.temporal ?? null,
    temporalUi: opts.temporalUi ?? null,
    resumes: opts.resumes ?? null,
    logger: opts.logger ?? null,
    setSessionCookie(value) {
      res.appendHeader(
        'set-cookie',
        stringifySetCookie(SESSION_COOKIE, value ?? '', {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          secure: opts.secureCookies,
          maxAge: value ? SESSION_TTL_HOURS * 3600 : 0,
        }),
      );
    },
  };
}
