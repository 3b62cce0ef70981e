import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { clusterIdFor } from '../../activities/dedupe/assign-clusters.js';
import { recentRuns, splitClusterMember } from '../../warehouse/core.js';
import { adminProcedure, router } from '../trpc.js';

export const opsRouter = router({
  /** Latest pipeline runs with each stage's status, duration and counts. */
  runs: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => ctx.warehouse.withConnection((conn) => recentRuns(conn, input.limit))),

  /** Undo a wrong merge: the posting becomes a job of its own, and later runs leave it so. */
  splitCluster: adminProcedure.input(z.object({ postingId: z.string().regex(/^[0-9a-f]{24}$/) })).mutation(async ({ ctx, input }) => {
    const moved = await ctx.warehouse.transaction((conn) =>
      splitClusterMember(conn, { postingId: input.postingId, newClusterId: clusterIdFor(input.postingId), runId: `split-${randomUUID()}` }),
    );
    if (!moved) throw new TRPCError({ code: 'BAD_REQUEST', message: 'that posting is not in a cluster with other postings' });
    return moved;
  }),
});
