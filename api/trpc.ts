import { TRPCError, initTRPC } from '@trpc/server';
import type { ApiContext } from './context.js';

const t = initTRPC.context<ApiContext>().create({
  // One error shape for every procedure: code, message and the zod issues of bad input; never a
  // stack trace or SQL (internal errors keep only a generic message; the log has the detail).
  errorFormatter({ shape, error }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      code: shape.code,
      message: internal ? 'internal error' : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        issues: error.code === 'BAD_REQUEST' && error.cause && 'issues' in error.cause ? error.cause.issues : undefined,
      },
    };
  },
});

export const router = t.router;

/**
 * Every mutation may change what the read model (read-model/) keeps, so once it is done (its
 * writes committed) the read model forgets: the caller's own data, every session after a password
 * reset (its user is not signed in), who owns which source after sources' mutations, and the jobs'
 * cards and visibility after operators' (a split cluster): the search index is read again then, so
 * only operators' rare mutations cost that.
 */
const forgetsAfterMutations = t.procedure.use(async ({ ctx, type, path, next }) => {
  const result = await next();
  const readModel = ctx.readModel;
  if (type === 'mutation' && readModel) {
    if (ctx.user) readModel.userChanged(ctx.user.id);
    if (path === 'auth.resetPassword') readModel.sessionsChanged();
    if (path.startsWith('sources.')) readModel.sourcesChanged();
    if (path.startsWith('ops.')) readModel.jobsChanged();
  }
  return result;
});

/** Procedures anyone may call: market data that is public on the boards anyway, sign-up and log-in. */
export const publicProcedure = forgetsAfterMutations;

/**
 * A signed-in caller. Mutations must also carry the session's CSRF token in `x-csrf-token`: a
 * cross-site form or script can send the cookie, but cannot read the token to send it back.
 */
export const userProcedure = forgetsAfterMutations.use(({ ctx, type, next }) => {
  if (!ctx.user || !ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'log in first' });
  if (type === 'mutation' && ctx.csrfHeader !== ctx.session.csrfToken) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'missing or wrong x-csrf-token header' });
  }
  return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } });
});

/** Operators only: global sources, pipeline runs, model versions. */
export const adminProcedure = userProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'operators only' });
  return next();
});
