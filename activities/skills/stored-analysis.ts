import type { DuckDBConnection } from '@duckdb/node-api';
import { findAnalysis } from '../../warehouse/skill-gaps.js';
import { activeMatcher } from './active-matcher.js';
import type { SkillGap } from './gap-analysis.js';
import { POTENTIAL_TOP_N, improvementPotential, type ImprovementPotential } from './improvement-potential.js';
import { LEARNING_PATH_GAPS, languagePreference, learningPath, type LearningPath } from './learning-path.js';
import { loadTargets, readAnalysis, userSkills, type AnalysisDeps, type SkillGapAnalysis, type UserSkills } from './run-analysis.js';

/** The user's analysis by id, or their latest when `id` is null; null when there is none they own. */
export async function ownedAnalysis(conn: DuckDBConnection, userId: string, id: string | null): Promise<SkillGapAnalysis | null> {
  const stored = await findAnalysis(conn, userId, id);
  return stored ? readAnalysis(stored) : null;
}

/** An analysis's gaps as they stand now: skills marked learned since are gone, learning marks are current. */
function currentGaps(analysis: SkillGapAnalysis, user: UserSkills): SkillGap[] {
  return analysis.missing.filter((g) => !user.have.has(g.skill)).map((g) => ({ ...g, learning: user.learning.has(g.skill) }));
}

/** The learning path of a stored analysis, against the user's skills and marks now. */
export async function pathFromAnalysis(
  conn: DuckDBConnection,
  analysis: SkillGapAnalysis,
  req: { userId: string; maxGaps?: number },
  deps: AnalysisDeps,
): Promise<LearningPath> {
  const user = await userSkills(conn, req.userId);
  return learningPath(currentGaps(analysis, user), {
    graph: deps.graph,
    have: user.have,
    learning: user.learning,
    languages: languagePreference(user.profile.languages),
    maxGaps: req.maxGaps ?? LEARNING_PATH_GAPS,
  });
}

/** Rescores a stored analysis's target jobs with its top `n` gaps (still missing now) added, through the active matcher. */
export async function potentialFromAnalysis(
  conn: DuckDBConnection,
  analysis: SkillGapAnalysis,
  req: { userId: string; n?: number },
  deps: AnalysisDeps,
): Promise<ImprovementPotential> {
  const user = await userSkills(conn, req.userId);
  const jobs = await loadTargets(conn, req.userId, { kind: 'chosen', clusterIds: analysis.target.jobs.map((j) => j.clusterId) });
  const added = currentGaps(analysis, user)
    .slice(0, req.n ?? POTENTIAL_TOP_N)
    .map((g) => g.skill);
  const scorer = await activeMatcher(conn, deps.now?.() ?? new Date());
  return improvementPotential({ ...user.profile, skills: [...user.have] }, jobs, added, scorer);
}
