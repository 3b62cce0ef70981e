import { getProfile, profileSchema, upsertProfile } from '../../warehouse/app.js';
import { router, userProcedure } from '../trpc.js';

// The caller's own profile only: the user id always comes from the session, never from input.
const editable = profileSchema.omit({ userId: true, displayName: true });

export const profileRouter = router({
  get: userProcedure.query(({ ctx }) => ctx.warehouse.withConnection((conn) => getProfile(conn, ctx.user.id))),

  update: userProcedure.input(editable).mutation(async ({ ctx, input }) => {
    await ctx.warehouse.withConnection((conn) => upsertProfile(conn, { ...input, userId: ctx.user.id, displayName: ctx.user.displayName }));
    return ctx.warehouse.withConnection((conn) => getProfile(conn, ctx.user.id));
  }),
});
