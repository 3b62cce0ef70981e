import { ActivityFailure, condition, defineQuery, defineSignal, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { FetchActivities } from '../activities/fetch-activities.js';
import type { PipelineActivities, RunRef } from '../activities/pipeline-activities.js';
import type { ResumeFetchActivities, ResumePipelineActivities } from '../activities/resume/resume-activities.js';
import { FETCH_QUEUE, PIPELINE_QUEUE } from './task-queues.js';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 };

const resumeDb = proxyActivities<ResumePipelineActivities>({ taskQueue: PIPELINE_QUEUE, startToCloseTimeout: '5 minutes', heartbeatTimeout: '10 seconds', retry });
// Structuring may wait on the Anthropic API: a few tries of up to a minute each, then the offline parser.
const resumeWork = proxyActivities<ResumeFetchActivities>({ taskQueue: FETCH_QUEUE, startToCloseTimeout: '10 minutes', heartbeatTimeout: '10 seconds', retry });
const scoring = proxyActivities<PipelineActivities>({ taskQueue: PIPELINE_QUEUE, startToCloseTimeout: '30 minutes', heartbeatTimeout: '10 seconds', retry });
const matcher = proxyActivities<FetchActivities>({ taskQueue: FETCH_QUEUE, startToCloseTimeout: '30 minutes', heartbeatTimeout: '10 seconds', retry });

export const RESUME_STAGES = ['extract', 'structure', 'normalize-skills', 'save-draft', 'review', 'rescore', 'skill-gaps'] as const;
export type ResumeStage = (typeof RESUME_STAGES)[number];
/** `waiting`: the draft is ready and the workflow waits for the user to review and accept it. */
export type ResumeStageStatus = 'pending' | 'running' | 'done' | 'failed' | 'waiting' | 'skipped';

export interface ResumeProgress {
  resumeId: string;
  stages: { stage: ResumeStage; status: ResumeStageStatus; detail: string | null }[];
  /** Why the file could not be parsed, for the user; null otherwise. */
  error: { code: string; message: string } | null;
}

export interface ResumeWorkflowInput {
  resumeId: string;
  userId: string;
  /** Started by an acceptance that came after an earlier run stopped waiting: only rescore and skill gaps are left. */
  reviewed?: boolean;
}

export const resumeProgressQuery = defineQuery<ResumeProgress>('resumeProgress');
/** Sent by `resume.accept` once the accepted profile is saved. */
export const resumeAcceptedSignal = defineSignal('resumeAccepted');

/** How long a draft waits for review; accepting later still rescores (through a new run). */
export const REVIEW_WINDOW = '30 days';

const INTERNAL = { code: 'internal', message: 'Something went wrong while reading this file on our side. Please try uploading it again.' };

/**
 * extract text → structure → normalize skills → save draft → (the user reviews and accepts) →
 * rescore → skill gaps. Parsing runs on the fetch queue from a staged copy of the file (claim
 * check); the warehouse steps on the pipeline queue. A file that cannot be read ends the run with
 * its reason stored; nothing of the user's profile changes until they accept a draft.
 */
export async function resumeWorkflow(input: ResumeWorkflowInput): Promise<ResumeProgress> {
  const info = workflowInfo();
  const run: RunRef = { runId: info.runId, workflowId: info.workflowId };
  const progress: ResumeProgress = {
    resumeId: input.resumeId,
    stages: RESUME_STAGES.map((stage) => ({ stage, status: 'pending', detail: null })),
    error: null,
  };
  let accepted = false;
  setHandler(resumeProgressQuery, () => progress);
  setHandler(resumeAcceptedSignal, () => void (accepted = true));
  const at = (stage: ResumeStage) => progress.stages.find((s) => s.stage === stage)!;
  const mark = (stage: ResumeStage, status: ResumeStageStatus, detail: string | null = null) => Object.assign(at(stage), { status, detail });
  async function step<T>(stage: ResumeStage, body: () => Promise<T>, detail: (result: T) => string | null = () => null): Promise<T> {
    mark(stage, 'running');
    const result = await body();
    mark(stage, 'done', detail(result));
    return result;
  }
  const skipRest = (why: string) => progress.stages.filter((s) => s.status === 'pending' || s.status === 'waiting').forEach((s) => Object.assign(s, { status: 'skipped', detail: why }));

  if (input.reviewed) {
    for (const stage of ['extract', 'structure', 'normalize-skills', 'save-draft', 'review'] as const) mark(stage, 'done');
  } else {
    try {
      const file = await resumeDb.stageResumeFile({ runId: run.runId, resumeId: input.resumeId });
      const text = await step('extract', () => resumeWork.extractResume({ runId: run.runId, path: file.path }), (r) => (r.ok ? `${r.type}, ${r.pages} page(s), ${r.chars} characters` : null));
      if (!text.ok) {
        mark('extract', 'failed', text.code);
        progress.error = { code: text.code, message: text.message };
        // The progress is final before the stored status says failed: whoever reads one sees the other.
        skipRest('the file could not be read');
        await resumeDb.failResume({ resumeId: input.resumeId, code: text.code, message: text.message });
        return progress;
      }
      const structured = await step(
        'structure',
        () => resumeWork.structureResume({ runId: run.runId, textPath: text.path }),
        (s) => (s.parsePath === 'anthropic' ? `anthropic (${s.model})` : s.fallback ? `offline (the model path failed: ${s.fallback.reason})` : 'offline'),
      );
      const normalized = await step('normalize-skills', () => resumeWork.normalizeResumeSkills({ runId: run.runId, textPath: text.path, structuredPath: structured.path }), (n) => `${n.skills} skills`);
      await step('save-draft', () =>
        resumeDb.saveResumeDraft({ resumeId: input.resumeId, textPath: text.path, draftPath: normalized.path, parsePath: structured.parsePath, model: structured.model, fallback: structured.fallback }),
      );
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      const failed = progress.stages.find((s) => s.status === 'running');
      if (failed) mark(failed.stage, 'failed', error.cause?.message ?? error.message);
      progress.error = INTERNAL;
      skipRest('stopped by an earlier failure');
      await resumeDb.failResume({ resumeId: input.resumeId, ...INTERNAL });
      throw error;
    }
    mark('review', 'waiting');
    if (!(await condition(() => accepted, REVIEW_WINDOW))) {
      log.info('draft not accepted within the review window', { resumeId: input.resumeId });
      skipRest(`not accepted within ${REVIEW_WINDOW}; accepting it later rescores then`);
      return progress;
    }
    mark('review', 'done');
  }

  await step(
    'rescore',
    async () => {
      const startedAt = new Date().toISOString();
      // The score stage's own steps: features → ONNX matcher → matches; incremental, so the changed profile is what gets scored.
      const batch = await scoring.prepareScoring(run);
      const scored = await matcher.runMatcher({ runId: run.runId, path: batch.path, model: batch.model });
      return scoring.loadMatches({ ...run, path: scored.path, pairs: batch.pairs, startedAt });
    },
    (counts) => `${counts.matches ?? 0} matches updated`,
  );
  await step('skill-gaps', () => resumeDb.resumeSkillGaps({ resumeId: input.resumeId, userId: input.userId }), (g) => `${g.gaps} missing skills across ${g.matches} top matches`);
  return progress;
}
