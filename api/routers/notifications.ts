import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { previewDigest } from '../../activities/notify/compose.js';
import { getEmailPreferences, listOutbox, setEmailPreferences } from '../../warehouse/notifications.js';
import { adminProcedure, router, userProcedure } from '../trpc.js';

const preferences = z.object({
  emailDigest: z.boolean(),
  matchAlerts: z.boolean(),
  alertThreshold: z.number().min(0.5).max(1),
});

export const notificationsRouter = router({
  /** The caller's e-mail choices: weekly digest, new-match alerts and the score an alert needs. */
  preferences: userProcedure.query(({ ctx }) => ctx.warehouse.withConnection((conn) => getEmailPreferences(conn, ctx.user.id))),

  setPreferences: userProcedure.input(preferences).mutation(async ({ ctx, input }) => {
    await ctx.warehouse.withConnection((conn) => setEmailPreferences(conn, ctx.user.id, input));
    return input;
  }),

  /** The outbox, newest first: what was queued, sent, failed or bounced (bodies left out). */
  outbox: adminProcedure
    .input(z.object({ status: z.enum(['pending', 'sent', 'failed', 'bounced']).nullable().default(null), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => ctx.warehouse.withConnection((conn) => listOutbox(conn, input))),

  /** A user's digest for a period as it would be sent, not queued: for checking templates in the browser. */
  previewDigest: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(100), periodEnd: z.iso.date() }))
    .query(async ({ ctx, input }) => {
      if (!ctx.notify) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'e-mail is not configured in this process' });
      const email = await previewDigest(ctx.notify, input.userId, input.periodEnd);
      if (!email) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such user with an e-mail address' });
      return email;
    }),
});
