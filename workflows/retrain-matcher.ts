import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { FetchActivities } from '../activities/fetch-activities.js';
import type { MatcherFetchActivities, MatcherPipelineActivities } from '../activities/score/retrain-activities.js';
import type { HeldOutMetrics } from '../models/matcher/training.js';
import type { FeatureName } from '../models/matcher/features.js';
import type { ModelVersionRow } from '../warehouse/ml.js';
import { FETCH_QUEUE, PIPELINE_QUEUE } from './task-queues.js';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 } as const;

const warehouse = proxyActivities<MatcherPipelineActivities>({ taskQueue: PIPELINE_QUEUE, startToCloseTimeout: '30 minutes', heartbeatTimeout: '10 seconds', retry });
const trainer = proxyActivities<MatcherFetchActivities>({ taskQueue: FETCH_QUEUE, startToCloseTimeout: '2 hours', heartbeatTimeout: '30 seconds', retry });
const matcher = proxyActivities<FetchActivities>({ taskQueue: FETCH_QUEUE, startToCloseTimeout: '30 minutes', heartbeatTimeout: '10 seconds', retry });

/** One promotion or rollback at a time: they share this workflow id. */
export const MATCHER_ACTIVATION_WORKFLOW_ID = 'matcher-activation';
export const MATCHER_RETRAIN_WORKFLOW_ID = 'matcher-retrain';

export interface RetrainInput {
  trigger: 'schedule' | 'manual';
  /** Train the candidate on these features only (an operator's experiment); default all that apply. */
  features?: FeatureName[];
}

export interface RetrainResult {
  status: 'promoted' | 'kept' | 'skipped';
  reason: string;
  candidate: { version: string; features: FeatureName[]; metrics: HeldOutMetrics } | null;
  /** The version active when training started, measured on the same held-out feedback. */
  active: { version: string; metrics: HeldOutMetrics | null };
}

export interface ActivationResult {
  version: string;
  previous: string | null;
  matches: number;
}

/**
 * Scores every profile × active job with `version` first, then makes it active in the same
 * transaction as its scores land: matches never come from a version that has not scored them.
 */
async function activate(version: string, action: 'promote' | 'rollback', reason: string): Promise<ActivationResult> {
  const { runId } = workflowInfo();
  const batch = await warehouse.prepareMatcherScoring({ runId, version });
  const scored = await matcher.runMatcher({ runId, path: batch.path, model: batch.model });
  const { previous, matches } = await warehouse.activateMatcher({ version, scoresPath: scored.path, action, reason });
  log.info('matcher version activated', { version, previous, action, matches });
  return { version, previous, matches };
}

/** Gather feedback → train → evaluate against the active version → register → promote only if better. */
export async function retrainMatcherWorkflow(input: RetrainInput = { trigger: 'manual' }): Promise<RetrainResult> {
  const { runId } = workflowInfo();
  const batch = await warehouse.stageTrainingData({ runId });
  const trained = await trainer.trainMatcher({ runId, batch, features: input.features });
  if (!trained.trained) {
    log.info('matcher not retrained', { reason: trained.reason });
    return { status: 'skipped', reason: trained.reason, candidate: null, active: { version: batch.active.version, metrics: null } };
  }
  await warehouse.registerMatcherCandidate({ candidate: trained, dataSha256: batch.dataSha256 });
  const candidate = { version: trained.version, features: trained.features, metrics: trained.metrics };
  const active = trained.baseline;
  const compared = `NDCG@10 ${trained.metrics.ndcg10.toFixed(4)} vs ${active.metrics.ndcg10.toFixed(4)}, AUC ${trained.metrics.auc.toFixed(4)} vs ${active.metrics.auc.toFixed(4)} (${active.version}) on ${trained.metrics.heldOutExamples} held-out rows`;
  if (!trained.better) {
    log.info('matcher candidate kept as a candidate', { version: trained.version, compared });
    return { status: 'kept', reason: `not better than ${active.version}: ${compared}`, candidate, active };
  }
  await activate(trained.version, 'promote', `retrained (${input.trigger}): ${compared}`);
  return { status: 'promoted', reason: compared, candidate, active };
}

export async function promoteMatcherWorkflow(input: { version: string; reason: string }): Promise<ActivationResult> {
  return activate(input.version, 'promote', input.reason);
}

/** Back to the version the active one was promoted over. */
export async function rollbackMatcherWorkflow(input: { reason: string }): Promise<ActivationResult> {
  return activate(await warehouse.matcherRollbackTarget(), 'rollback', input.reason);
}

/** The registry as the warehouse owner sees it, for operators without warehouse access (the CLI). */
export async function matcherVersionsWorkflow(): Promise<ModelVersionRow[]> {
  return warehouse.listMatcherVersions();
}
