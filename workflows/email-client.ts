// Client-side: how the API hands one queued e-mail to Temporal (not part of the workflow bundle).
import type { Client } from '@temporalio/client';
import type { sendEmailWorkflow } from './notifications.js';
import { PIPELINE_QUEUE } from './task-queues.js';

/** Starts the delivery of one outbox message; its id names the workflow, so a repeated start is refused, not sent twice. */
export async function startEmailDelivery(client: Client, outboxId: string): Promise<void> {
  await client.workflow.start<typeof sendEmailWorkflow>('sendEmailWorkflow', { taskQueue: PIPELINE_QUEUE, workflowId: `email-${outboxId}`, args: [{ outboxId }] });
}
