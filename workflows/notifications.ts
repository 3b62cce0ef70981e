import { proxyActivities } from '@temporalio/workflow';
import type { NotifyActivities } from '../activities/notify/notify-activities.js';
import { PIPELINE_QUEUE } from './task-queues.js';

const compose = proxyActivities<NotifyActivities>({
  taskQueue: PIPELINE_QUEUE,
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

// Sending is retried for about an hour of provider trouble (429 / 5xx, with Retry-After honoured);
// deliverEmail itself makes sure a retry never sends a message the provider may already have.
const send = proxyActivities<NotifyActivities>({
  taskQueue: PIPELINE_QUEUE,
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12 },
});

export interface DeliverySummary {
  queued: number;
  results: Record<string, number>;
}

const SEND_CONCURRENCY = 4;

async function deliverAll(outboxIds: string[]): Promise<DeliverySummary> {
  const results: Record<string, number> = {};
  const queue = [...outboxIds];
  const lane = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const result = await send.deliverEmail({ outboxId: id }).catch(() => 'failed' as const);
      results[result] = (results[result] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: SEND_CONCURRENCY }, lane));
  return { queued: outboxIds.length, results };
}

export interface WeeklyDigestInput {
  /** When the digest is for (its period ends on this date in São Paulo); default: now. */
  at?: string;
}

/** Every opted-in user's digest for the week, each queued once (idempotency key user + week) and then sent. */
export async function weeklyDigestWorkflow(input: WeeklyDigestInput = {}): Promise<DeliverySummary & { periodEnd: string }> {
  const plan = await compose.planWeeklyDigest({ at: input.at ?? new Date().toISOString() });
  const outboxIds: string[] = [];
  for (const userId of plan.userIds) {
    const id = await compose.composeWeeklyDigest({ userId, periodEnd: plan.periodEnd });
    if (id) outboxIds.push(id);
  }
  return { periodEnd: plan.periodEnd, ...(await deliverAll(outboxIds)) };
}

/** After a pipeline run: one alert per opted-in user with new jobs above their threshold. */
export async function matchAlertsWorkflow(input: { runId: string }): Promise<DeliverySummary> {
  return deliverAll(await compose.composeMatchAlerts({ runId: input.runId }));
}

/** One message queued outside the scheduled e-mails (a password reset): sent with the same retries. */
export async function sendEmailWorkflow(input: { outboxId: string }): Promise<DeliverySummary> {
  return deliverAll([input.outboxId]);
}
