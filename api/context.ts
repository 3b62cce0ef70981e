import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Client } from '@temporalio/client';
import { parseCookie, stringifySetCookie } from 'cookie';
import { findAccountById, findLiveSession } from '../warehouse/accounts.js';
import type { NotifyDeps } from '../activities/notify/notify-activities.js';
import type { Warehouse } from '../warehouse/db.js';
import { tokenHash } from './auth/secrets.js';
import type { ResumeDeps } from './routers/resume.js';

export const SESSION_COOKIE = 'sid';
export const SESSION_TTL_HOURS = 24 * 30;

export interface ApiUser {
  id: string;
  email: string;
  displayName: string;
  role: 'user' | 'admin';
  locale: string;
}

export interface ApiContext {
  warehouse: Warehouse;
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
  /** Résumé uploads: the file store and the size limit; absent where the process takes no uploads. */
  resumes?: ResumeDeps | null;
  setSessionCookie(token: string | null): void;
}

export interface ContextOptions {
  warehouse: Warehouse;
  publicUrl: string;
  secureCookies: boolean;
  notify?: NotifyDeps | null;
  temporal?: Client | null;
  resumes?: ResumeDeps | null;
}

/** Who is calling: the session cookie is looked up by its hash; an unknown or expired one is anonymous. */
export async function createContext(opts: ContextOptions, req: IncomingMessage, res: ServerResponse): Promise<ApiContext> {
  const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
  let user: ApiUser | null = null;
  let session: ApiContext['session'] = null;
  if (token) {
    const hash = tokenHash(token);
    await opts.warehouse.withConnection(async (conn) => {
      const live = await findLiveSession(conn, hash);
      const account = live ? await findAccountById(conn, live.user_id) : null;
      if (live && account) {
        session = { tokenHash: hash, csrfToken: live.csrf_token };
        user = { id: account.id, email: account.email, displayName: account.display_name, role: account.role, locale: account.locale };
      }
    });
  }
  const csrf = req.headers['x-csrf-token'];
  return {
    warehouse: opts.warehouse,
    user,
    session,
    csrfHeader: typeof csrf === 'string' ? csrf : null,
    ip: req.socket.remoteAddress ?? 'unknown',
    publicUrl: opts.publicUrl,
    notify: opts.notify ?? null,
    temporal: opts.temporal ?? null,
    resumes: opts.resumes ?? null,
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
