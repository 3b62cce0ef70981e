import { z } from 'zod';
import { FEATURE_DESCRIPTIONS } from '../../models/matcher/features.js';
import { readModelFiles, resolveModelPath } from '../../models/matcher/model-store.js';
import { acceptedContracts } from '../../warehouse/app.js';
import { activeModelVersion, listMatches } from '../../warehouse/ml.js';
import { router, userProcedure } from '../trpc.js';

export const matchesRouter = router({
  /** The caller's matches, best first, each with the components that explain its score; jobs under a contract they do not accept left out. */
  list: userProcedure
    .input(
      z.object({
        minScore: z.number().min(0).max(1).default(0),
        limit: z.number().int().min(1).max(100).default(20),
        offset: z.number().int().min(0).max(10_000).default(0),
      }),
    )
    .query(async ({ ctx, input }) =>
      // The read model answers once its search index is read; the warehouse until then.
      (await ctx.readModel?.listMatches(ctx.user.id, input)) ??
      ctx.warehouse.withConnection(async (conn) => {
        const model = await activeModelVersion(conn, 'matcher');
        return listMatches(conn, { userId: ctx.user.id, modelVersion: model.version, acceptedContracts: await acceptedContracts(conn, ctx.user.id), ...input });
      }),
    ),

  /** What the components of a score mean: the active matcher's features, each with what it measures and its weight. */
  explanation: userProcedure.query(({ ctx }) =>
    ctx.warehouse.withConnection(async (conn) => {
      const model = await activeModelVersion(conn, 'matcher');
      const { card } = readModelFiles(resolveModelPath(model.path), model.sha256);
      return {
        modelVersion: model.version,
        features: card.features.map((name) => ({ name, description: FEATURE_DESCRIPTIONS[name], weight: card.weights[name] ?? 0 })),
      };
    }),
  ),
});
