// Client-side: how the API and the CLI start the matcher's operator workflows (not part of the workflow bundle).
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { ModelVersionRow } from '../warehouse/ml.js';
import {
  MATCHER_ACTIVATION_WORKFLOW_ID,
  MATCHER_RETRAIN_WORKFLOW_ID,
  type ActivationResult,
  type RetrainInput,
  type RetrainResult,
  type matcherVersionsWorkflow,
  type promoteMatcherWorkflow,
  type retrainMatcherWorkflow,
  type rollbackMatcherWorkflow,
} from './retrain-matcher.js';
import { PIPELINE_QUEUE } from './task-queues.js';

/** Starts a retraining run; one manual run at a time (a second start fails while one is running). */
export function startRetrain(client: Client, input: RetrainInput): Promise<WorkflowHandleWithFirstExecutionRunId<typeof retrainMatcherWorkflow>> {
  return client.workflow.start<typeof retrainMatcherWorkflow>('retrainMatcherWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId: MATCHER_RETRAIN_WORKFLOW_ID,
    workflowExecutionTimeout: '3 hours',
    args: [input],
  });
}

export async function retrainMatcher(client: Client, input: RetrainInput): Promise<RetrainResult> {
  return (await startRetrain(client, input)).result();
}

/** Scores with `version`, then makes it the active matcher; promotions and rollbacks never overlap. */
export function promoteMatcher(client: Client, version: string, reason: string): Promise<ActivationResult> {
  return client.workflow.execute<typeof promoteMatcherWorkflow>('promoteMatcherWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId: MATCHER_ACTIVATION_WORKFLOW_ID,
    workflowExecutionTimeout: '1 hour',
    args: [{ version, reason }],
  });
}

export function rollbackMatcher(client: Client, reason: string): Promise<ActivationResult> {
  return client.workflow.execute<typeof rollbackMatcherWorkflow>('rollbackMatcherWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId: MATCHER_ACTIVATION_WORKFLOW_ID,
    workflowExecutionTimeout: '1 hour',
    args: [{ reason }],
  });
}

/** The registry, read by the warehouse owner; fails after a minute when no pipeline worker answers. */
export function matcherVersions(client: Client): Promise<ModelVersionRow[]> {
  return client.workflow.execute<typeof matcherVersionsWorkflow>('matcherVersionsWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId: `matcher-versions-${Date.now()}`,
    workflowExecutionTimeout: '1 minute',
    args: [],
  });
}
