import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { getProfile, type Profile } from '../../warehouse/app.js';
import { activeModelVersion } from '../../warehouse/ml.js';
import { insertAnalysis, listSkillProgress, marketDemand, targetJobs, type SkillProgressRow, type TargetJobRow, type TargetKind, type TargetQuery } from '../../warehouse/skill-gaps.js';
import { PermanentError } from '../errors.js';
import { activeMatcher } from './active-matcher.js';
import { analyzeGaps, effectiveSkills, type MarketDemand, type MatchedSkill, type SkillGap } from './gap-analysis.js';
import { IMPORTANCE_WEIGHTS, PARTIAL_CREDIT_PER_RELATED, MAX_PARTIAL_CREDIT, REQUIREMENT_WEIGHT, TREND } from './importance.js';
import { POTENTIAL_TOP_N, improvementPotential, type ImprovementPotential } from './improvement-potential.js';
import { languagePreference, learningPath, type LearningPath } from './learning-path.js';
import type { SkillGraph } from './skill-graph.js';

/** Best current matches an analysis of type "top" targets by default, and the most saved jobs read. */
export const TOP_MATCHES_DEFAULT = 10;
export const SAVED_JOBS_LIMIT = 50;

export type AnalysisTarget = { kind: 'chosen'; clusterIds: string[] } | { kind: 'saved' } | { kind: 'top'; limit?: number };

/** The analysis cannot run for this user yet (no profile, no target jobs): retrying will not help, the user must act. */
export class SkillGapPreconditionError extends PermanentError {
  constructor(message: string) {
    super(message);
    this.name = 'SkillGapPreconditionError';
  }
}

/** The constants the numbers were computed with, so the app can explain them. */
export const FORMULA = {
  importance: `100 × (${IMPORTANCE_WEIGHTS.target} × target + ${IMPORTANCE_WEIGHTS.market} × market + ${IMPORTANCE_WEIGHTS.trend} × trend) × (1 − partialCredit)`,
  weights: IMPORTANCE_WEIGHTS,
  requirementWeight: REQUIREMENT_WEIGHT,
  partialCreditPerRelated: PARTIAL_CREDIT_PER_RELATED,
  maxPartialCredit: MAX_PARTIAL_CREDIT,
  trend: TREND,
  potentialTopN: POTENTIAL_TOP_N,
} as const;

export interface SkillGapAnalysis {
  id: string;
  createdAt: string;
  trigger: 'user' | 'schedule';
  /** The market-demand windows end here. */
  asOf: string;
  target: { kind: TargetKind; jobs: { clusterId: string; title: string; company: string | null }[] };
  catalogueVersion: string;
  formula: typeof FORMULA;
  /** Skills counted as held: the profile's and those marked learned. */
  have: string[];
  matched: MatchedSkill[];
  /** Most important first. */
  missing: SkillGap[];
  learningPath: LearningPath;
  potential: ImprovementPotential;
}

export interface AnalysisDeps {
  graph: SkillGraph;
  now?: () => Date;
}

/** What an analysis of one user reads: their profile, their marks, and what those make them hold. */
export interface UserSkills {
  profile: Profile;
  progress: SkillProgressRow[];
  have: Set<string>;
  learning: Set<string>;
}

export async function userSkills(conn: DuckDBConnection, userId: string): Promise<UserSkills> {
  const profile = await getProfile(conn, userId);
  if (!profile) throw new SkillGapPreconditionError('create your profile first: the analysis compares it with the jobs');
  const progress = await listSkillProgress(conn, userId);
  const have = effectiveSkills(profile.skills, progress);
  const learning = new Set(progress.filter((p) => p.status === 'learning' && !have.has(p.skill)).map((p) => p.skill));
  return { profile, progress, have, learning };
}

export async function loadTargets(conn: DuckDBConnection, userId: string, target: AnalysisTarget): Promise<TargetJobRow[]> {
  const query: TargetQuery =
    target.kind === 'chosen'
      ? { kind: 'chosen', clusterIds: target.clusterIds }
      : target.kind === 'saved'
        ? { kind: 'saved', limit: SAVED_JOBS_LIMIT }
        : { kind: 'top', limit: target.limit ?? TOP_MATCHES_DEFAULT, modelVersion: (await activeModelVersion(conn, 'matcher')).version };
  const rows = await targetJobs(conn, userId, query);
  if (target.kind === 'chosen') {
    const unknown = target.clusterIds.filter((id) => !rows.some((r) => r.clusterId === id));
    if (unknown.length) throw new SkillGapPreconditionError(`no such jobs: ${unknown.join(', ')}`);
  }
  if (rows.length === 0) {
    throw new SkillGapPreconditionError(
      target.kind === 'saved' ? 'save some jobs first, or choose jobs to compare with' : 'no matches yet: they appear after the next pipeline run',
    );
  }
  return rows;
}

export async function readMarketDemand(conn: DuckDBConnection, asOf: Date): Promise<MarketDemand> {
  const rows = await marketDemand(conn, asOf.toISOString());
  const total90 = rows.totals.last90;
  return {
    asOf: asOf.toISOString(),
    totals: rows.totals,
    bySkill: new Map(rows.bySkill.map((r) => [r.skill, { last30: r.last30, last90: r.last90 }])),
    maxShare90: total90 > 0 ? Math.max(0, ...rows.bySkill.map((r) => r.last90)) / total90 : 0,
  };
}

/** Gaps, learning path and improvement potential of one user against one set of target jobs; nothing is stored. */
export async function computeAnalysis(
  conn: DuckDBConnection,
  req: { userId: string; target: AnalysisTarget; potentialN?: number; user?: UserSkills },
  deps: AnalysisDeps,
): Promise<Omit<SkillGapAnalysis, 'id' | 'createdAt' | 'trigger'>> {
  const asOf = deps.now?.() ?? new Date();
  const user = req.user ?? (await userSkills(conn, req.userId));
  const jobs = await loadTargets(conn, req.userId, req.target);
  const demand = await readMarketDemand(conn, asOf);
  const gaps = analyzeGaps({ have: user.have, learning: user.learning, targets: jobs, demand, graph: deps.graph });
  const path = learningPath(gaps.missing, {
    graph: deps.graph,
    have: user.have,
    learning: user.learning,
    languages: languagePreference(user.profile.languages),
  });
  const scorer = await activeMatcher(conn, asOf);
  const added = gaps.missing.slice(0, req.potentialN ?? POTENTIAL_TOP_N).map((g) => g.skill);
  const potential = await improvementPotential({ ...user.profile, skills: [...user.have] }, jobs, added, scorer);
  return {
    asOf: demand.asOf,
    target: { kind: req.target.kind, jobs: jobs.map((j) => ({ clusterId: j.clusterId, title: j.title, company: j.company })) },
    catalogueVersion: deps.graph.catalogue.version,
    formula: FORMULA,
    have: [...user.have].sort(),
    ...gaps,
    learningPath: path,
    potential,
  };
}

/** Computes an analysis and stores it in the user's history. */
export async function runSkillGapAnalysis(
  conn: DuckDBConnection,
  req: { userId: string; target: AnalysisTarget; potentialN?: number; trigger: 'user' | 'schedule'; id?: string },
  deps: AnalysisDeps,
): Promise<SkillGapAnalysis> {
  const computed = await computeAnalysis(conn, req, deps);
  const analysis: SkillGapAnalysis = { id: req.id ?? newAnalysisId(), createdAt: computed.asOf, trigger: req.trigger, ...computed };
  await insertAnalysis(conn, {
    id: analysis.id,
    userId: req.userId,
    createdAt: analysis.createdAt,
    asOf: analysis.asOf,
    trigger: analysis.trigger,
    targetKind: analysis.target.kind,
    targetClusterIds: analysis.target.jobs.map((j) => j.clusterId),
    modelVersion: analysis.potential.modelVersion,
    catalogueVersion: analysis.catalogueVersion,
    missingCount: analysis.missing.length,
    topMissing: analysis.missing.slice(0, 5).map((g) => g.skill),
    pathHours: analysis.learningPath.totalHours,
    currentAverage: analysis.potential.currentAverage,
    potentialAverage: analysis.potential.potentialAverage,
    result: JSON.stringify(analysis),
  });
  return analysis;
}

export const newAnalysisId = () => `sga_${randomBytes(12).toString('hex')}`;

/** A stored analysis as the API returns it. */
export function readAnalysis(stored: { result: string }): SkillGapAnalysis {
  return JSON.parse(stored.result) as SkillGapAnalysis;
}
