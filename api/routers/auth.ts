import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  clearLoginFailures,
  consumePasswordReset,
  deleteOtherSessions,
  deleteSession,
  enqueueEmail,
  findAccountByEmail,
  findAccountById,
  insertAccount,
  insertPasswordReset,
  insertSession,
  recentLoginFailures,
  recordLoginFailure,
  setLocale,
  setPasswordHash,
} from '../../warehouse/accounts.js';
import { hashPassword, newToken, tokenHash, verifyPassword } from '../auth/secrets.js';
import { SESSION_TTL_HOURS, type ApiContext } from '../context.js';
import { passwordResetEmail } from '../auth/reset-email.js';
import { publicProcedure, router, userProcedure } from '../trpc.js';
import { startEmailDelivery } from '../../workflows/email-client.js';

const email = z.email().max(254).transform((e) => e.toLowerCase());
// Long passphrases welcome; the upper bound only keeps hashing cost bounded.
const password = z.string().min(10, 'at least 10 characters').max(200);
const LOCALES = ['pt-BR', 'es', 'en'] as const;

// Failed log-ins allowed per window before further attempts are refused.
const FAILURE_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_IP = 20;
const MAX_RESET_REQUESTS_PER_IP = 5;
const RESET_TTL_MINUTES = 30;

async function startSession(ctx: ApiContext, userId: string): Promise<string> {
  const token = newToken();
  const csrfToken = newToken();
  await ctx.warehouse.withConnection((conn) => insertSession(conn, { tokenHash: tokenHash(token), userId, csrfToken, ttlHours: SESSION_TTL_HOURS }));
  ctx.setSessionCookie(token);
  return csrfToken;
}

async function refuseIfLimited(ctx: ApiContext, keys: [string, number][]): Promise<void> {
  for (const [key, max] of keys) {
    const failures = await ctx.warehouse.withConnection((conn) => recentLoginFailures(conn, key, FAILURE_WINDOW_MINUTES));
    if (failures >= max) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `too many attempts: try again in ${FAILURE_WINDOW_MINUTES} minutes` });
    }
  }
}

export const authRouter = router({
  /** The caller, and the CSRF token their mutations must send; null when signed out. */
  me: publicProcedure.query(({ ctx }) => (ctx.user && ctx.session ? { user: ctx.user, csrfToken: ctx.session.csrfToken } : null)),

  signUp: publicProcedure
    .input(z.object({ email, password, displayName: z.string().trim().min(1).max(100), locale: z.enum(LOCALES).default('pt-BR') }))
    .mutation(async ({ ctx, input }) => {
      const id = `u_${randomUUID()}`;
      const hash = await hashPassword(input.password);
      const created = await ctx.warehouse.withConnection(async (conn) => {
        if (await findAccountByEmail(conn, input.email)) return false;
        await insertAccount(conn, { id, email: input.email, display_name: input.displayName, locale: input.locale, password_hash: hash });
        return true;
      });
      if (!created) throw new TRPCError({ code: 'CONFLICT', message: 'an account with this e-mail exists: log in or reset the password' });
      return { userId: id, csrfToken: await startSession(ctx, id) };
    }),

  logIn: publicProcedure.input(z.object({ email, password: z.string().min(1).max(200) })).mutation(async ({ ctx, input }) => {
    const accountKey = `account:${input.email}`;
    const ipKey = `ip:${ctx.ip}`;
    await refuseIfLimited(ctx, [
      [accountKey, MAX_FAILURES_PER_ACCOUNT],
      [ipKey, MAX_FAILURES_PER_IP],
    ]);
    const account = await ctx.warehouse.withConnection((conn) => findAccountByEmail(conn, input.email));
    // Always verify (against a dummy hash when there is no account): the time taken must not tell who has one.
    const passwordOk = await verifyPassword(account?.password_hash ?? null, input.password);
    if (!account || !passwordOk) {
      await ctx.warehouse.withConnection((conn) => recordLoginFailure(conn, [accountKey, ipKey]));
      // One message for unknown e-mail and wrong password: the answer must not reveal who has an account.
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'wrong e-mail or password' });
    }
    await ctx.warehouse.withConnection((conn) => clearLoginFailures(conn, accountKey));
    return { userId: account.id, csrfToken: await startSession(ctx, account.id) };
  }),

  logOut: userProcedure.mutation(async ({ ctx }) => {
    await ctx.warehouse.withConnection((conn) => deleteSession(conn, ctx.session.tokenHash));
    ctx.setSessionCookie(null);
    return { ok: true };
  }),

  /** The language the user chose in the app, so their e-mails follow it. */
  setLocale: userProcedure.input(z.object({ locale: z.enum(LOCALES) })).mutation(async ({ ctx, input }) => {
    await ctx.warehouse.withConnection((conn) => setLocale(conn, ctx.user.id, input.locale));
    return { locale: input.locale };
  }),

  changePassword: userProcedure.input(z.object({ currentPassword: z.string().min(1).max(200), newPassword: password })).mutation(async ({ ctx, input }) => {
    const account = await ctx.warehouse.withConnection((conn) => findAccountById(conn, ctx.user.id));
    if (!(await verifyPassword(account?.password_hash ?? null, input.currentPassword))) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'the current password is wrong' });
    }
    const hash = await hashPassword(input.newPassword);
    await ctx.warehouse.transaction(async (conn) => {
      await setPasswordHash(conn, ctx.user.id, hash);
      await deleteOtherSessions(conn, ctx.user.id, ctx.session.tokenHash);
    });
    return { ok: true };
  }),

  /** Always answers ok, whether or not the e-mail has an account; the link goes out through the e-mail outbox. */
  requestPasswordReset: publicProcedure.input(z.object({ email })).mutation(async ({ ctx, input }) => {
    const ipKey = `reset-ip:${ctx.ip}`;
    await refuseIfLimited(ctx, [[ipKey, MAX_RESET_REQUESTS_PER_IP]]);
    const outboxId = await ctx.warehouse.transaction(async (conn) => {
      await recordLoginFailure(conn, [ipKey]);
      const account = await findAccountByEmail(conn, input.email);
      if (!account) return null;
      const token = newToken();
      await insertPasswordReset(conn, { tokenHash: tokenHash(token), userId: account.id, ttlMinutes: RESET_TTL_MINUTES });
      const link = `${ctx.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
      const id = randomUUID();
      await enqueueEmail(conn, { id, idempotencyKey: `password_reset:${tokenHash(token)}`, userId: account.id, to: account.email, ...passwordResetEmail(account.locale, link, RESET_TTL_MINUTES) });
      return id;
    });
    // The answer is the same whether the address has an account or the hand-over failed: either
    // would otherwise tell a stranger which e-mails have accounts. A failure stays pending in the
    // outbox (operators see it there) and in the log.
    if (outboxId) {
      if (!ctx.temporal) ctx.logger?.warn({ outboxId }, 'password reset e-mail queued, but this process cannot start its delivery');
      else await startEmailDelivery(ctx.temporal, outboxId).catch((error: unknown) => ctx.logger?.error({ err: error, outboxId }, 'could not start a password reset e-mail delivery'));
    }
    return { ok: true };
  }),

  resetPassword: publicProcedure.input(z.object({ token: z.string().min(20).max(100), newPassword: password })).mutation(async ({ ctx, input }) => {
    const hash = await hashPassword(input.newPassword);
    const reset = await ctx.warehouse.transaction(async (conn) => {
      const userId = await consumePasswordReset(conn, tokenHash(input.token));
      if (!userId) return false;
      await setPasswordHash(conn, userId, hash);
      await deleteOtherSessions(conn, userId, null);
      return true;
    });
    if (!reset) throw new TRPCError({ code: 'BAD_REQUEST', message: 'this reset link is unknown, used or expired: ask for a new one' });
    return { ok: true };
  }),
});
