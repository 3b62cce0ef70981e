// Client-side: how the CLI makes and lists operators through the warehouse's owner (not part of the workflow bundle).
import type { Client } from '@temporalio/client';
import type { Operator } from '../activities/accounts/operator-activities.js';
import type { operatorsWorkflow, setOperatorWorkflow } from './operators.js';
import { PIPELINE_QUEUE } from './task-queues.js';

/** Fails with the activity's own words when no account has the e-mail, and after a minute when no pipeline worker answers. */
export async function setOperator(client: Client, email: string, operator: boolean): Promise<{ userId: string }> {
  return client.workflow.execute<typeof setOperatorWorkflow>('setOperatorWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId: `operator-role-${Date.now()}`,
    workflowExecutionTimeout: '1 minute',
    args: [{ email, operator }],
  });
}

export function listOperators(client: Client): Promise<Operator[]> {
  return client.workflow.execute<typeof operatorsWorkflow>('operatorsWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId: `operators-${Date.now()}`,
    workflowExecutionTimeout: '1 minute',
    args: [],
  });
}
