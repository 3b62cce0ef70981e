import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, defineQuery, executeChild, log, proxyActivities, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import type { FetchActivities } from '../activities/fetch-activities.js';
import type { PipelineActivities, RunRef } from '../activities/pipeline-activities.js';
import type { Stage } from '../warehouse/core.js';
import { ingestSourceWorkflow, type IngestSourceResult } from './ingest-source.js';
import { matchAlertsWorkflow } from './notifications.js';
import { REPORT_BUILD_WORKFLOW_ID, reportBuildWorkflow } from './report-build.js';
import { FETCH_QUEUE, PIPELINE_QUEUE } from './task-queues.js';

const warehouse = proxyActivities<PipelineActivities>({
  taskQueue: PIPELINE_QUEUE,
  startToCloseTimeout: '30 minutes',
  // Activities heartbeat every second: a killed worker's activity is retried elsewhere within seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
});

const matcher = proxyActivities<FetchActivities>({
  taskQueue: FETCH_QUEUE,
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
});

export interface PipelineInput {
  trigger: 'startup' | 'schedule' | 'manual';
}

export interface StageSummary {
  counts: Record<string, number>;
  durationMs: number;
}

export interface PipelineProgress {
  runId: string;
  current: Stage | 'done';
  stages: Partial<Record<Stage, StageSummary>>;
  sources: IngestSourceResult[];
}

export const pipelineProgressQuery = defineQuery<PipelineProgress>('pipelineProgress');

/** ingest → normalize → dedupe → score → trend → publish; each stage idempotent, so a retried or re-run pipeline adds nothing twice. */
export async function pipelineWorkflow(input: PipelineInput = { trigger: 'manual' }): Promise<PipelineProgress> {
  const info = workflowInfo();
  const run: RunRef = { runId: info.runId, workflowId: info.workflowId };
  const progress: PipelineProgress = { runId: run.runId, current: 'ingest', stages: {}, sources: [] };
  setHandler(pipelineProgressQuery, () => progress);
  log.info('pipeline started', { trigger: input.trigger });

  async function timed(stage: Stage, body: (startedAt: string) => Promise<Record<string, number>>): Promise<void> {
    progress.current = stage;
    const started = Date.now();
    const counts = await body(new Date(started).toISOString());
    progress.stages[stage] = { counts, durationMs: Date.now() - started };
  }

  await timed('ingest', async (startedAt) => {
    const sources = await warehouse.listSources();
    progress.sources = await Promise.all(
      sources.map((source) =>
        executeChild(ingestSourceWorkflow, { workflowId: `${info.workflowId}/ingest/${source.id}`, args: [run, source] }).catch(
          (error: Error): IngestSourceResult => ({ sourceId: source.id, ok: false, items: 0, newItems: 0, error: error.message }),
        ),
      ),
    );
    const failed = progress.sources.filter((s) => !s.ok);
    const counts = {
      sources: sources.length,
      failedSources: failed.length,
      items: progress.sources.reduce((n, s) => n + s.items, 0),
      newItems: progress.sources.reduce((n, s) => n + s.newItems, 0),
    };
    await warehouse.recordStage({
      ...run,
      stage: 'ingest',
      status: failed.length === 0 ? 'ok' : failed.length < sources.length ? 'partial' : 'failed',
      startedAt,
      counts,
      error: failed.length ? failed.map((s) => `${s.sourceId}: ${s.error}`).join('; ') : null,
    });
    return counts;
  });
  await timed('normalize', () => warehouse.normalize(run));
  await timed('dedupe', () => warehouse.dedupe(run));
  await timed('score', async (startedAt) => {
    const batch = await warehouse.prepareScoring(run);
    const scored = await matcher.runMatcher({ runId: run.runId, path: batch.path, model: batch.model });
    return warehouse.loadMatches({ ...run, path: scored.path, pairs: batch.pairs, startedAt });
  });
  await timed('trend', () => warehouse.trend(run));
  await timed('publish', () => warehouse.publish(run));
  // Alerts go out on their own: a provider that is slow or down must not hold the run open.
  await startChild(matchAlertsWorkflow, {
    workflowId: `${info.workflowId}/alerts/${run.runId}`,
    args: [{ runId: run.runId }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  // So does the report build (minutes of Evidence); one already running builds this snapshot next.
  await startChild(reportBuildWorkflow, {
    workflowId: REPORT_BUILD_WORKFLOW_ID,
    args: [run],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  }).catch((error: unknown) => {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    log.info('a report build is running; it builds this snapshot next');
  });
  progress.current = 'done';
  log.info('pipeline finished', { stages: progress.stages });
  return progress;
}
