// Client-side: how the API starts, signals and reads résumé workflows (not part of the workflow bundle).
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { resumeAcceptedSignal, resumeProgressQuery, type ResumeProgress, type ResumeWorkflowInput, type resumeWorkflow } from './resume.js';
import { PIPELINE_QUEUE } from './task-queues.js';

export const resumeWorkflowId = (resumeId: string) => `resume-${resumeId}`;

// A progress read must not hang the API when no worker is there to answer the query.
const QUERY_TIMEOUT_MS = 3_000;

export async function startResumeWorkflow(client: Client, input: ResumeWorkflowInput): Promise<void> {
  await client.workflow.start<typeof resumeWorkflow>('resumeWorkflow', { taskQueue: PIPELINE_QUEUE, workflowId: resumeWorkflowId(input.resumeId), args: [input] });
}

/**
 * Tells the résumé's workflow its draft was accepted, so it rescores and reads skill gaps. If that
 * run has ended (it stopped waiting), a new run starts straight at the rescore.
 */
export async function signalAccepted(client: Client, input: Omit<ResumeWorkflowInput, 'reviewed'>): Promise<void> {
  await client.workflow.signalWithStart<typeof resumeWorkflow, []>('resumeWorkflow', {
    taskQueue: PIPELINE_QUEUE,
    workflowId: resumeWorkflowId(input.resumeId),
    args: [{ ...input, reviewed: true }],
    signal: resumeAcceptedSignal,
    signalArgs: [],
  });
}

/** The latest run's progress, or null when Temporal has no such workflow or does not answer in time. */
export async function readResumeProgress(client: Client, resumeId: string): Promise<ResumeProgress | null> {
  // A query waits (and retries) while no worker is up; aborting it keeps the API answering.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), QUERY_TIMEOUT_MS);
  try {
    return await client.withAbortSignal(deadline.signal, () => client.workflow.getHandle(resumeWorkflowId(resumeId)).query(resumeProgressQuery));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError || deadline.signal.aborted) return null;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
