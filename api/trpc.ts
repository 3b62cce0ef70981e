import { initTRPC } from '@trpc/server';
import type { Warehouse } from '../warehouse/db.js';

export interface ApiContext {
  warehouse: Warehouse;
}

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
/** Procedures anyone may call: market data that is public on the boards anyway. */
export const publicProcedure = t.procedure;
