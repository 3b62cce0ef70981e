import { z } from 'zod';
import { listFeedback, setFeedback } from '../../warehouse/app.js';
import { router, userProcedure } from '../trpc.js';

const clusterId = z.string().regex(/^job_[0-9a-f]{24}$/);

export const feedbackRouter = router({
  /** Save, dismiss or rate a job; fields left out keep their value, `rating: null` clears it. */
  set: userProcedure
    .input(
      z
        .object({ clusterId, saved: z.boolean().optional(), dismissed: z.boolean().optional(), rating: z.number().int().min(1).max(5).nullable().optional() })
        .refine((f) => f.saved !== undefined || f.dismissed !== undefined || f.rating !== undefined, 'say what to change'),
    )
    .mutation(async ({ ctx, input }) => {
      await ctx.warehouse.withConnection((conn) => setFeedback(conn, ctx.user.id, input));
      return { ok: true };
    }),

  list: userProcedure
    .input(z.object({ saved: z.boolean().optional(), dismissed: z.boolean().optional() }))
    .query(({ ctx, input }) => ctx.warehouse.withConnection((conn) => listFeedback(conn, ctx.user.id, input))),
});
