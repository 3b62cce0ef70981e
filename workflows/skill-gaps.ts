import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RefreshOutcome, SkillGapActivities } from '../activities/skills/skill-gap-activities.js';
import { PIPELINE_QUEUE } from './task-queues.js';

const skills = proxyActivities<SkillGapActivities>({
  taskQueue: PIPELINE_QUEUE,
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/** Users per activity: keeps the workflow history short with many users, and a retry small. */
export const REFRESH_BATCH = 25;

export interface SkillGapRefreshResult {
  users: number;
  refreshed: number;
  skipped: { userId: string; reason: string }[];
}

/** Refreshes the skill-gap analysis of every recently active user (the daily schedule runs it). */
export async function refreshSkillGapsWorkflow(): Promise<SkillGapRefreshResult> {
  const users = await skills.listUsersToRefresh();
  const outcomes: RefreshOutcome[] = [];
  for (let i = 0; i < users.length; i += REFRESH_BATCH) {
    outcomes.push(...(await skills.refreshSkillGaps({ runId: workflowInfo().runId, users: users.slice(i, i + REFRESH_BATCH) })));
  }
  const result = {
    users: users.length,
    refreshed: outcomes.filter((o) => o.analysisId !== null).length,
    skipped: outcomes.flatMap((o) => (o.skipped ? [{ userId: o.userId, reason: o.skipped }] : [])),
  };
  log.info('skill gaps refreshed', { users: result.users, refreshed: result.refreshed, skipped: result.skipped.length });
  return result;
}
