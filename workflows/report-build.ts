import { log, proxyActivities } from '@temporalio/workflow';
import type { PipelineActivities, RunRef } from '../activities/pipeline-activities.js';
import { PIPELINE_QUEUE } from './task-queues.js';

/** One id for every report build: at most one runs at a time, and a second request finds it running. */
export const REPORT_BUILD_WORKFLOW_ID = 'report-build';
const MAX_BUILDS = 3;

const reports = proxyActivities<PipelineActivities>({
  taskQueue: PIPELINE_QUEUE,
  // The build enforces its own, shorter time limit (ReportSite.timeLimitMs) and records a timeout.
  startToCloseTimeout: '45 minutes',
  heartbeatTimeout: '30 seconds',
  // Retries are for a worker that died mid-build; a build that fails is recorded, not thrown.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
});

/**
 * Builds the Evidence report from the newest snapshot, apart from the pipeline run: a build takes
 * minutes, and neither the run's summary nor the next stages should wait for it. A snapshot
 * published while it built is built again (at most MAX_BUILDS times), so the last run always shows.
 */
export async function reportBuildWorkflow(run: RunRef): Promise<{ builds: number; status: string }> {
  for (let builds = 1; ; builds++) {
    const outcome = await reports.buildReport(run);
    log.info('report build finished', { status: outcome.status, builds });
    if (!outcome.snapshotStale || builds === MAX_BUILDS) return { builds, status: outcome.status };
  }
}
