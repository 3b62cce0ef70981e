import { proxyActivities } from '@temporalio/workflow';
import type { Operator, OperatorActivities } from '../activities/accounts/operator-activities.js';
import { PIPELINE_QUEUE } from './task-queues.js';

// A person waits at the command line: a few quick tries, then the error.
const accounts = proxyActivities<OperatorActivities>({
  taskQueue: PIPELINE_QUEUE,
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumAttempts: 5 },
});

export async function setOperatorWorkflow(input: { email: string; operator: boolean }): Promise<{ userId: string }> {
  return accounts.setOperator(input);
}

export async function operatorsWorkflow(): Promise<Operator[]> {
  return accounts.listOperators();
}
