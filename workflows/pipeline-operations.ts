// Client-side: how the API starts a pipeline run on demand (not part of the workflow bundle).
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { PipelineInput, pipelineWorkflow } from './pipeline.js';
import { PIPELINE_QUEUE } from './task-queues.js';

/** One operator-started run at a time: a second start fails while this id is running. */
export const MANUAL_PIPELINE_WORKFLOW_ID = 'pipeline-manual';

export function startManualPipeline(client: Client): Promise<WorkflowHandleWithFirstExecutionRunId<typeof pipelineWorkflow>> {
  return client.workflow.start<typeof pipelineWorkflow>('pipelineWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId: MANUAL_PIPELINE_WORKFLOW_ID,
    args: [{ trigger: 'manual' } satisfies PipelineInput],
  });
}
