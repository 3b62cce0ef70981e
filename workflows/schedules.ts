// Client-side: the Temporal Schedules the app registers at start-up (not part of the workflow bundle).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import type { PipelineInput } from './pipeline.js';
import { PIPELINE_QUEUE } from './task-queues.js';

export const PIPELINE_SCHEDULE_ID = 'pipeline-every-6h';

/** Creates the 6-hourly pipeline schedule, or brings an existing one up to date: safe at every start. */
export async function ensurePipelineSchedule(client: Client): Promise<'created' | 'updated'> {
  const spec = { intervals: [{ every: '6 hours' as const }] };
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: 'pipelineWorkflow',
    workflowId: 'pipeline-scheduled',
    taskQueue: PIPELINE_QUEUE,
    args: [{ trigger: 'schedule' } satisfies PipelineInput],
  };
  // A run still going when the next one is due is left to finish; the due run is skipped.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP };
  try {
    await client.schedule.create({ scheduleId: PIPELINE_SCHEDULE_ID, spec, action, policies });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(PIPELINE_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action, policies }));
    return 'updated';
  }
}
