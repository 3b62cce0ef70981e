// Client-side: the Temporal Schedules the app registers at start-up (not part of the workflow bundle).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { PipelineInput } from './pipeline.js';
import { MATCHER_RETRAIN_WORKFLOW_ID, type RetrainInput } from './retrain-matcher.js';
import { PIPELINE_QUEUE } from './task-queues.js';

export const PIPELINE_SCHEDULE_ID = 'pipeline-every-6h';

type ScheduleDefinition = Pick<ScheduleOptions, 'scheduleId' | 'spec' | 'action'>;

/**
 * Creates a schedule, or brings an existing one up to date: safe at every start. A run still going
 * when the next one is due is left to finish and the due run is skipped.
 */
export async function ensureSchedule(client: Client, definition: ScheduleDefinition): Promise<'created' | 'updated'> {
  const { scheduleId, spec, action } = definition;
  const policies = { overlap: ScheduleOverlapPolicy.SKIP };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, policies }));
    return 'updated';
  }
}

export function ensurePipelineSchedule(client: Client): Promise<'created' | 'updated'> {
  return ensureSchedule(client, {
    scheduleId: PIPELINE_SCHEDULE_ID,
    spec: { intervals: [{ every: '6 hours' }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'pipelineWorkflow',
      workflowId: 'pipeline-scheduled',
      taskQueue: PIPELINE_QUEUE,
      args: [{ trigger: 'schedule' } satisfies PipelineInput],
    },
  });
}

export const DIGEST_SCHEDULE_ID = 'weekly-digest';

/**
 * The weekly digest: Mondays 09:00 in São Paulo unless DIGEST_CRON / DIGEST_TIMEZONE say otherwise
 * (a cron expression read in that time zone).
 */
export function ensureDigestSchedule(client: Client, opts: { cron: string; timezone: string }): Promise<'created' | 'updated'> {
  return ensureSchedule(client, {
    scheduleId: DIGEST_SCHEDULE_ID,
    spec: { cronExpressions: [opts.cron], timezone: opts.timezone },
    action: { type: 'startWorkflow', workflowType: 'weeklyDigestWorkflow', workflowId: 'weekly-digest-scheduled', taskQueue: PIPELINE_QUEUE, args: [{}] },
  });
}

export const RETRAIN_SCHEDULE_ID = 'matcher-retrain-weekly';

/** Retrains the matcher on the week's feedback, Sundays 03:00 in São Paulo: a quiet hour, before the Monday digest. */
export function ensureRetrainSchedule(client: Client): Promise<'created' | 'updated'> {
  return ensureSchedule(client, {
    scheduleId: RETRAIN_SCHEDULE_ID,
    spec: { cronExpressions: ['0 3 * * 0'], timezone: 'America/Sao_Paulo' },
    action: {
      type: 'startWorkflow',
      workflowType: 'retrainMatcherWorkflow',
      workflowId: `${MATCHER_RETRAIN_WORKFLOW_ID}-scheduled`,
      taskQueue: PIPELINE_QUEUE,
      args: [{ trigger: 'schedule' } satisfies RetrainInput],
    },
  });
}

export const SKILL_GAPS_SCHEDULE_ID = 'skill-gaps-daily';

/** Refreshes the skill-gap analyses of active users every day at 05:00 in São Paulo, before the working day. */
export function ensureSkillGapSchedule(client: Client): Promise<'created' | 'updated'> {
  return ensureSchedule(client, {
    scheduleId: SKILL_GAPS_SCHEDULE_ID,
    spec: { cronExpressions: ['0 5 * * *'], timezone: 'America/Sao_Paulo' },
    action: { type: 'startWorkflow', workflowType: 'refreshSkillGapsWorkflow', workflowId: 'skill-gaps-daily-scheduled', taskQueue: PIPELINE_QUEUE, args: [] },
  });
}
