import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { DuckDBConnection } from '@duckdb/node-api';
import { POTENTIAL_TOP_N } from '../../activities/skills/improvement-potential.js';
import { LEARNING_PATH_GAPS } from '../../activities/skills/learning-path.js';
import { SkillGapPreconditionError, TOP_MATCHES_DEFAULT, runSkillGapAnalysis, type SkillGapAnalysis } from '../../activities/skills/run-analysis.js';
import { shippedSkillGraph } from '../../activities/skills/skill-graph.js';
import { ownedAnalysis, pathFromAnalysis, potentialFromAnalysis } from '../../activities/skills/stored-analysis.js';
import type { Warehouse } from '../../warehouse/db.js';
import { SKILL_PROGRESS, analysisHistory, listSkillProgress, setSkillProgress } from '../../warehouse/skill-gaps.js';
import { router, userProcedure } from '../trpc.js';

const clusterId = z.string().regex(/^job_[0-9a-f]{24}$/);
const analysisId = z.string().regex(/^sga_[0-9a-f]{24}$/);
const skillId = z.string().regex(/^[a-z0-9][a-z0-9+#.-]{0,79}$/);

/** A user who must act first (create a profile, save jobs) gets PRECONDITION_FAILED with what to do. */
export async function asUserError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SkillGapPreconditionError) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message });
    throw error;
  }
}

/** The caller's analysis by id (their latest when no id is given); NOT_FOUND when it is not theirs. */
async function analysisOf(conn: DuckDBConnection, userId: string, id: string | undefined): Promise<SkillGapAnalysis> {
  const analysis = await ownedAnalysis(conn, userId, id ?? null);
  if (!analysis) throw new TRPCError({ code: 'NOT_FOUND', message: id ? `no analysis ${id}` : 'no analysis yet: run skills.analyze first' });
  return analysis;
}

/** Runs `work` on the caller's analysis (their latest when no id is given). */
function withAnalysis<T>(
  ctx: { warehouse: Warehouse; user: { id: string } },
  id: string | undefined,
  work: (conn: DuckDBConnection, analysis: SkillGapAnalysis) => Promise<T>,
): Promise<T> {
  return asUserError(() => ctx.warehouse.withConnection(async (conn) => work(conn, await analysisOf(conn, ctx.user.id, id))));
}

export const skillsRouter = router({
  /**
   * Skill gaps of the caller against a set of target jobs (chosen ones, saved ones, or the best
   * current matches), with a learning path and the improvement potential; stored in their history.
   */
  analyze: userProcedure
    .input(
      z.object({
        target: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('chosen'), clusterIds: z.array(clusterId).min(1).max(50) }),
          z.object({ kind: z.literal('saved') }),
          z.object({ kind: z.literal('top'), limit: z.number().int().min(1).max(50).default(TOP_MATCHES_DEFAULT) }),
        ]),
        potentialN: z.number().int().min(1).max(10).default(POTENTIAL_TOP_N),
      }),
    )
    .mutation(({ ctx, input }) =>
      asUserError(() =>
        ctx.warehouse.withConnection((conn) =>
          runSkillGapAnalysis(conn, { userId: ctx.user.id, target: input.target, potentialN: input.potentialN, trigger: 'user' }, { graph: shippedSkillGraph() }),
        ),
      ),
    ),

  /** The caller's latest analysis, or null before the first. */
  latest: userProcedure.query(({ ctx }) => ctx.warehouse.withConnection((conn) => ownedAnalysis(conn, ctx.user.id, null))),

  get: userProcedure.input(z.object({ id: analysisId })).query(({ ctx, input }) => ctx.warehouse.withConnection((conn) => analysisOf(conn, ctx.user.id, input.id))),

  /** The caller's analyses, newest first, as summaries: missing skills, path hours and match averages over time. */
  history: userProcedure
    .input(z.object({ limit: z.number().int().min(1).max(365).default(30) }))
    .query(({ ctx, input }) => ctx.warehouse.withConnection((conn) => analysisHistory(conn, ctx.user.id, input.limit))),

  /** Skills the caller marked learning or learned. */
  progress: userProcedure.query(({ ctx }) => ctx.warehouse.withConnection((conn) => listSkillProgress(conn, ctx.user.id))),

  /** Marks a skill learning or learned (learned skills count as held from then on); null clears the mark. */
  setProgress: userProcedure
    .input(z.object({ skill: skillId, status: z.enum(SKILL_PROGRESS).nullable() }))
    .mutation(async ({ ctx, input }) => {
      if (!shippedSkillGraph().has(input.skill)) throw new TRPCError({ code: 'BAD_REQUEST', message: `no skill ${input.skill} in the taxonomy` });
      return ctx.warehouse.withConnection(async (conn) => {
        await setSkillProgress(conn, ctx.user.id, input.skill, input.status);
        return listSkillProgress(conn, ctx.user.id);
      });
    }),

  /** The learning path of an analysis (the latest by default), recomputed with the caller's skills and marks as they are now. */
  learningPath: userProcedure
    .input(z.object({ analysisId: analysisId.optional(), maxGaps: z.number().int().min(1).max(20).default(LEARNING_PATH_GAPS) }))
    .query(({ ctx, input }) =>
      withAnalysis(ctx, input.analysisId, (conn, analysis) => pathFromAnalysis(conn, analysis, { userId: ctx.user.id, maxGaps: input.maxGaps }, { graph: shippedSkillGraph() })),
    ),

  /** Current against potential average match of an analysis's target jobs with its top `n` missing skills added, through the active matcher. */
  potential: userProcedure
    .input(z.object({ analysisId: analysisId.optional(), n: z.number().int().min(1).max(10).default(POTENTIAL_TOP_N) }))
    .query(({ ctx, input }) =>
      withAnalysis(ctx, input.analysisId, (conn, analysis) => potentialFromAnalysis(conn, analysis, { userId: ctx.user.id, n: input.n }, { graph: shippedSkillGraph() })),
    ),
});
