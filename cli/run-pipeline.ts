import type { Client } from '@temporalio/client';
import type { PipelineInput, PipelineProgress } from '../workflows/pipeline.js';
import { PIPELINE_QUEUE } from '../workflows/task-queues.js';

export const newPipelineWorkflowId = (trigger: PipelineInput['trigger']) => `pipeline-${trigger}-${new Date().toISOString().replace(/[:.]/g, '-')}`;

/** Starts pipelineWorkflow and waits for it. */
export async function runPipeline(
  client: Client,
  opts: { trigger: PipelineInput['trigger']; workflowId?: string },
): Promise<{ workflowId: string; result: PipelineProgress }> {
  const workflowId = opts.workflowId ?? newPipelineWorkflowId(opts.trigger);
  const handle = await client.workflow.start('pipelineWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId,
    args: [{ trigger: opts.trigger } satisfies PipelineInput],
  });
  return { workflowId, result: (await handle.result()) as PipelineProgress };
}
