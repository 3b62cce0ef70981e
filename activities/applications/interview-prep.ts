import type { DuckDBConnection } from '@duckdb/node-api';
import type { Application } from '../../warehouse/applications.js';
import { getJob } from '../../warehouse/job-queries.js';
import type { SkillMention } from '../normalize/skills.js';
import { requirementIn, type TargetJob } from '../skills/gap-analysis.js';
import type { Requirement } from '../skills/importance.js';
import { computeAnalysis, userSkills, type AnalysisDeps, type SkillGapAnalysis, type UserSkills } from '../skills/run-analysis.js';
import type { RelatedHeld, SkillGraph } from '../skills/skill-graph.js';

/** What backs the user's claim to a skill, strongest first. */
export type EvidenceKind = 'profile' | 'learned' | 'learning' | 'related' | 'none';

export interface SkillEvidence {
  skill: string;
  name: string;
  requirement: Requirement;
  /** How the posting asked for it: the words it used, and years when stated. */
  posting: { text: string | null; years: number | null };
  user: { kind: EvidenceKind; since: string | null; related: RelatedHeld[] };
}

export interface InterviewPrep {
  applicationId: string;
  job: { clusterId: string; title: string; company: string | null };
  /** Required skills the user has (profile or learned) out of those the job requires. */
  readiness: { required: number; covered: number; share: number | null };
  /** Every skill the job names, required first, then unlabelled, then nice-to-have. */
  skills: SkillEvidence[];
  /** The skill gap for this job alone: missing skills, learning path and match potential. */
  gap: Omit<SkillGapAnalysis, 'id' | 'createdAt' | 'trigger'>;
}

const ORDER: Record<Requirement, number> = { required: 0, unspecified: 1, nice: 2 };

/** The user's evidence for each skill a job names. */
export function skillEvidence(job: TargetJob, mentions: readonly SkillMention[], user: UserSkills, graph: SkillGraph): SkillEvidence[] {
  const profile = new Set(user.profile.skills);
  const marks = new Map(user.progress.map((p) => [p.skill, p]));
  return [...new Set(job.skills)]
    .map((skill) => {
      const mention = mentions.find((m) => m.skill === skill);
      const mark = marks.get(skill);
      const related = graph.relatedHeld(skill, user.have);
      const kind: EvidenceKind = profile.has(skill)
        ? 'profile'
        : mark?.status === 'learned'
          ? 'learned'
          : mark?.status === 'learning'
            ? 'learning'
            : related.length
              ? 'related'
              : 'none';
      return {
        skill,
        name: graph.name(skill),
        requirement: requirementIn(job, skill),
        posting: { text: mention?.text ?? null, years: mention?.years ?? null },
        user: { kind, since: kind === 'learned' ? (mark?.learnedAt ?? null) : kind === 'learning' ? (mark?.startedAt ?? null) : null, related },
      };
    })
    .sort((a, b) => ORDER[a.requirement] - ORDER[b.requirement] || a.skill.localeCompare(b.skill));
}

/** Interview preparation for one of the user's applications (ownership is the caller's check). */
export async function interviewPrep(conn: DuckDBConnection, userId: string, application: Application, deps: AnalysisDeps): Promise<InterviewPrep> {
  const user = await userSkills(conn, userId);
  const gap = await computeAnalysis(conn, { userId, target: { kind: 'chosen', clusterIds: [application.clusterId] }, user }, deps);
  const job = await getJob(conn, application.clusterId, userId);
  const target: TargetJob = {
    clusterId: application.clusterId,
    title: application.title,
    company: application.company,
    skills: job?.skills ?? [],
    skillsRequired: job?.skillsRequired ?? [],
    skillsNice: job?.skillsNice ?? [],
  };
  const skills = skillEvidence(target, job?.evidence.skills ?? [], user, deps.graph);
  const required = skills.filter((s) => s.requirement === 'required');
  const covered = required.filter((s) => s.user.kind === 'profile' || s.user.kind === 'learned').length;
  return {
    applicationId: application.id,
    job: { clusterId: application.clusterId, title: application.title, company: application.company },
    readiness: { required: required.length, covered, share: required.length ? Math.round((covered / required.length) * 10_000) / 10_000 : null },
    skills,
    gap,
  };
}
