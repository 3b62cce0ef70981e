import type { SkillProgress, TargetJobRow } from '../../warehouse/skill-gaps.js';
import { importance, partialCredit, share, trendOf, type Requirement, type Trend } from './importance.js';
import type { RelatedHeld, SkillGraph } from './skill-graph.js';

/** A target job as the analysis reads it: every skill the canonical posting names, and how. */
export type TargetJob = Pick<TargetJobRow, 'clusterId' | 'title' | 'company' | 'skills' | 'skillsRequired' | 'skillsNice'>;

/** Jobs first seen in the last 30 and 90 days before `asOf`, in total and per skill. */
export interface MarketDemand {
  asOf: string;
  totals: { last30: number; last90: number };
  bySkill: ReadonlyMap<string, { last30: number; last90: number }>;
  /** The highest 90-day share of any skill: the market component is relative to it. */
  maxShare90: number;
}

export interface SkillGap {
  skill: string;
  name: string;
  /** Target jobs asking for the skill, and how each asks. */
  targetJobs: number;
  required: number;
  nice: number;
  unspecified: number;
  jobs: { clusterId: string; requirement: Requirement }[];
  market: { last30: { jobs: number; share: number }; last90: { jobs: number; share: number }; trend: Trend };
  /** Skills the user has that are related to this one: partial credit. */
  relatedHeld: RelatedHeld[];
  partialCredit: number;
  importance: number;
  components: { target: number; market: number; trend: number };
  /** The user said they are learning it. */
  learning: boolean;
}

export interface MatchedSkill {
  skill: string;
  name: string;
  targetJobs: number;
}

export interface GapAnalysis {
  /** Missing skills, most important first. */
  missing: SkillGap[];
  /** Skills the target jobs ask for that the user has, most asked first. */
  matched: MatchedSkill[];
}

export function requirementIn(job: TargetJob, skill: string): Requirement {
  if (job.skillsRequired.includes(skill)) return 'required';
  if (job.skillsNice.includes(skill)) return 'nice';
  return 'unspecified';
}

/** Skills the analysis counts as held: the profile's, and those the user marked learned. */
export function effectiveSkills(profileSkills: readonly string[], progress: readonly { skill: string; status: SkillProgress }[]): Set<string> {
  return new Set([...profileSkills, ...progress.filter((p) => p.status === 'learned').map((p) => p.skill)]);
}

export function analyzeGaps(input: {
  have: ReadonlySet<string>;
  learning: ReadonlySet<string>;
  targets: readonly TargetJob[];
  demand: MarketDemand;
  graph: SkillGraph;
}): GapAnalysis {
  const { have, targets, demand, graph } = input;
  const asked = new Map<string, { clusterId: string; requirement: Requirement }[]>();
  for (const job of targets) {
    for (const skill of new Set(job.skills)) asked.set(skill, [...(asked.get(skill) ?? []), { clusterId: job.clusterId, requirement: requirementIn(job, skill) }]);
  }

  const missing: SkillGap[] = [];
  const matched: MatchedSkill[] = [];
  for (const [skill, jobs] of asked) {
    if (have.has(skill)) {
      matched.push({ skill, name: graph.name(skill), targetJobs: jobs.length });
      continue;
    }
    const count = (r: Requirement) => jobs.filter((j) => j.requirement === r).length;
    const requirements = { required: count('required'), nice: count('nice'), unspecified: count('unspecified') };
    const inMarket = demand.bySkill.get(skill) ?? { last30: 0, last90: 0 };
    const last30 = { jobs: inMarket.last30, total: demand.totals.last30 };
    const last90 = { jobs: inMarket.last90, total: demand.totals.last90 };
    const prior60 = { jobs: inMarket.last90 - inMarket.last30, total: demand.totals.last90 - demand.totals.last30 };
    const trend = trendOf(last30, prior60);
    const relatedHeld = graph.relatedHeld(skill, have);
    const credit = partialCredit(relatedHeld.length);
    missing.push({
      skill,
      name: graph.name(skill),
      targetJobs: jobs.length,
      ...requirements,
      jobs,
      market: { last30: { jobs: last30.jobs, share: roundShare(share(last30)) }, last90: { jobs: last90.jobs, share: roundShare(share(last90)) }, trend },
      relatedHeld,
      partialCredit: credit,
      ...importance({ requirements, targets: targets.length, share90: share(last90), maxShare90: demand.maxShare90, trendScore: trend.score, partialCredit: credit }),
      learning: input.learning.has(skill),
    });
  }
  missing.sort((a, b) => b.importance - a.importance || b.targetJobs - a.targetJobs || a.skill.localeCompare(b.skill));
  matched.sort((a, b) => b.targetJobs - a.targetJobs || a.skill.localeCompare(b.skill));
  return { missing, matched };
}

const roundShare = (x: number) => Math.round(x * 10_000) / 10_000;
