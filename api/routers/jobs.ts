import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { getJob, listJobs } from '../../warehouse/job-queries.js';
import { publicProcedure, router } from '../trpc.js';

const SCOPES = ['global', 'latam', 'americas', 'brazil', 'countries', 'onsite', 'hybrid', 'unknown'] as const;
const SENIORITY = ['intern', 'junior', 'mid', 'senior', 'staff', 'lead'] as const;

export const jobsRouter = router({
  list: publicProcedure
    .input(
      z.object({
        includeInactive: z.boolean().default(false),
        q: z.string().trim().min(1).max(100).optional(),
        skill: z.string().regex(/^[a-z0-9][a-z0-9+#.-]{0,79}$/).optional(),
        scope: z.enum(SCOPES).optional(),
        seniority: z.enum(SENIORITY).optional(),
        language: z.enum(['pt', 'es', 'en']).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        offset: z.number().int().min(0).max(10_000).default(0),
      }),
    )
    .query(({ ctx, input }) => ctx.warehouse.withConnection((conn) => listJobs(conn, input))),

  get: publicProcedure.input(z.object({ clusterId: z.string().regex(/^job_[0-9a-f]{24}$/) })).query(async ({ ctx, input }) => {
    const job = await ctx.warehouse.withConnection((conn) => getJob(conn, input.clusterId));
    if (!job) throw new TRPCError({ code: 'NOT_FOUND', message: `no job ${input.clusterId}` });
    return job;
  }),
});
