import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError, type Client } from '@temporalio/client';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { splitClusterIdFor } from '../../activities/dedupe/assign-clusters.js';
import { FEATURE_NAMES } from '../../models/matcher/features.js';
import { recentRuns, sourceHealthHistory, splitClusterMember } from '../../warehouse/core.js';
import { findModelVersion, listModelVersions } from '../../warehouse/ml.js';
import { syncVisibility } from '../../warehouse/search-index.js';
import { failureMessage } from '../../workflows/failure-message.js';
import { promoteMatcher, rollbackMatcher, startRetrain } from '../../workflows/matcher-operations.js';
import { startManualPipeline } from '../../workflows/pipeline-operations.js';
import type { ApiContext } from '../context.js';
import { adminProcedure, router } from '../trpc.js';

/** Runs an operator workflow through the app's Temporal client, with its failures as API errors. */
async function operatorWorkflow<T>(ctx: ApiContext, run: (client: Client) => Promise<T>): Promise<T> {
  if (!ctx.temporal) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'this process has no Temporal connection' });
  try {
    return await run(ctx.temporal);
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw new TRPCError({ code: 'CONFLICT', message: 'another run of this operation is still going' });
    if (error instanceof WorkflowFailedError) throw new TRPCError({ code: 'BAD_REQUEST', message: failureMessage(error) });
    throw error;
  }
}

const modelVersion = z.string().regex(/^v\d{1,6}$/);

/** A run's page in the Temporal Web UI; null when the UI's address is not known (an external cluster without TEMPORAL_UI_URL). */
function temporalRunUrl(ctx: ApiContext, workflowId: string, runId: string): string | null {
  const ui = ctx.temporalUi;
  if (!ui) return null;
  return `${ui.url}/namespaces/${encodeURIComponent(ui.namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}`;
}

/** ok or partial when the publish stage finished; failed when any stage failed; otherwise unfinished (running, or stopped: see Temporal). */
function runStatus(stages: { stage: string; status: string }[]): 'ok' | 'partial' | 'failed' | 'unfinished' {
  if (stages.some((s) => s.status === 'failed')) return 'failed';
  if (!stages.some((s) => s.stage === 'publish')) return 'unfinished';
  return stages.some((s) => s.status === 'partial') ? 'partial' : 'ok';
}

export const opsRouter = router({
  /** Latest pipeline runs with each stage's status, duration, counts and error, and the run's page in the Temporal Web UI. */
  runs: adminProcedure.input(z.object({ limit: z.number().int().min(1).max(100).default(20) })).query(async ({ ctx, input }) => {
    const runs = await ctx.warehouse.withConnection((conn) => recentRuns(conn, input.limit));
    return runs.map((run) => ({ ...run, status: runStatus(run.stages), temporalUrl: temporalRunUrl(ctx, run.workflowId, run.runId) }));
  }),

  /** Starts a pipeline run now (one operator-started run at a time); it shows in `runs` as its stages finish. */
  triggerRun: adminProcedure.input(z.object({}).optional()).mutation(async ({ ctx }) => {
    const handle = await operatorWorkflow(ctx, startManualPipeline);
    return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId, temporalUrl: temporalRunUrl(ctx, handle.workflowId, handle.firstExecutionRunId) };
  }),

  /** Every source's latest fetches (newest first), its last success and failures since, each fetch linked to its run in Temporal. */
  sourceHealth: adminProcedure.input(z.object({ perSource: z.number().int().min(1).max(50).default(10) }).optional()).query(async ({ ctx, input }) => {
    const history = await ctx.warehouse.withConnection((conn) => sourceHealthHistory(conn, input?.perSource ?? 10));
    return history.map((source) => ({
      ...source,
      recent: source.recent.map((check) => ({ ...check, temporalUrl: check.workflowId ? temporalRunUrl(ctx, check.workflowId, check.runId) : null })),
    }));
  }),

  /** Undo a wrong merge: the posting becomes a job of its own, and later runs leave it so. */
  splitCluster: adminProcedure.input(z.object({ postingId: z.string().regex(/^[0-9a-f]{24}$/) })).mutation(async ({ ctx, input }) => {
    const moved = await ctx.warehouse.transaction(async (conn) => {
      const runId = `split-${randomUUID()}`;
      const split = await splitClusterMember(conn, { postingId: input.postingId, newClusterId: (current) => splitClusterIdFor(input.postingId, current, runId), runId });
      // Either job may now be found only on a user's own sources: search hides it from others at once.
      if (split) await syncVisibility(conn, [split.from, split.to]);
      return split;
    });
    if (!moved) throw new TRPCError({ code: 'BAD_REQUEST', message: 'that posting is not in a cluster with other postings' });
    return moved;
  }),

  /** Every matcher version, newest first: status, held-out metrics, features, training data hash. */
  modelVersions: adminProcedure.query(({ ctx }) => ctx.warehouse.withConnection((conn) => listModelVersions(conn, 'matcher'))),

  /** Scores every profile with the version, then makes it the active matcher. */
  promoteModel: adminProcedure.input(z.object({ version: modelVersion })).mutation(async ({ ctx, input }) => {
    const known = await ctx.warehouse.withConnection((conn) => findModelVersion(conn, 'matcher', input.version));
    if (!known) throw new TRPCError({ code: 'NOT_FOUND', message: `matcher version ${input.version} is not registered` });
    return operatorWorkflow(ctx, (client) => promoteMatcher(client, input.version, `promoted by ${ctx.user.email}`));
  }),

  /** Back to the version the active one was promoted over. */
  rollbackModel: adminProcedure.mutation(({ ctx }) =>
    operatorWorkflow(ctx, (client) => rollbackMatcher(client, `rolled back by ${ctx.user.email}`)),
  ),

  /** Starts retraining on the feedback so far; the run is followed in the Temporal Web UI or with `modelVersions`. */
  retrainMatcher: adminProcedure
    .input(z.object({ features: z.array(z.enum(FEATURE_NAMES)).min(1).max(FEATURE_NAMES.length).optional() }))
    .mutation(async ({ ctx, input }) => {
      const handle = await operatorWorkflow(ctx, (client) => startRetrain(client, { trigger: 'manual', features: input.features }));
      return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    }),
});
