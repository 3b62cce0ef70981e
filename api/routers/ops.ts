import { z } from 'zod';
import { recentRuns } from '../../warehouse/core.js';
import { adminProcedure, router } from '../trpc.js';

export const opsRouter = router({
  /** Latest pipeline runs with each stage's status, duration and counts. */
  runs: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => ctx.warehouse.withConnection((conn) => recentRuns(conn, input.limit))),
});
