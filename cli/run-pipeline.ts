import type { Client } from '@temporalio/client';
import { pipelineProgressQuery, type PipelineInput, type PipelineProgress } from '../workflows/pipeline.js';
import { PIPELINE_QUEUE } from '../workflows/task-queues.js';

/** Starts pipelineWorkflow and waits for it, reporting each stage as it begins. */
export async function runPipeline(
  client: Client,
  opts: { trigger: PipelineInput['trigger']; workflowId?: string; onStage?: (stage: string) => void },
): Promise<{ workflowId: string; result: PipelineProgress }> {
  const workflowId = opts.workflowId ?? `pipeline-${opts.trigger}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const handle = await client.workflow.start('pipelineWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId,
    args: [{ trigger: opts.trigger } satisfies PipelineInput],
  });
  const onStage = opts.onStage;
  if (!onStage) return { workflowId, result: (await handle.result()) as PipelineProgress };

  // A query waits (and retries) while no worker is up; aborting it when the run ends keeps a
  // pending retry from outliving the connection.
  const queries = new AbortController();
  let shown = '';
  const poll = setInterval(() => {
    client.withAbortSignal(queries.signal, () => handle.query(pipelineProgressQuery)).then(
      (progress) => {
        if (progress.current !== shown && progress.current !== 'done') onStage((shown = progress.current));
      },
      () => undefined, // not answerable before the first workflow task ran, or aborted; the next poll will do
    );
  }, 300);
  try {
    return { workflowId, result: (await handle.result()) as PipelineProgress };
  } finally {
    clearInterval(poll);
    queries.abort();
  }
}
