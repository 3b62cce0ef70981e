import type { SkillGaps } from '../../warehouse/resumes.js';

/**
 * A minimal, honest skill-gap reading: the skills the user's best matches ask for that the profile
 * does not have, by how many of those jobs ask for each. No weighting, no learning path: what the
 * full analysis (skill_gap_analyses) adds later.
 */
export function topMissingSkills(
  profileSkills: readonly string[],
  matches: readonly { clusterId: string; title: string; skills: readonly string[] | null }[],
  modelVersion: string,
  limit = 10,
): SkillGaps {
  const have = new Set(profileSkills);
  const asked = new Map<string, { clusterId: string; title: string }[]>();
  for (const m of matches) {
    for (const skill of new Set(m.skills ?? [])) {
      if (have.has(skill)) continue;
      const jobs = asked.get(skill) ?? [];
      jobs.push({ clusterId: m.clusterId, title: m.title });
      asked.set(skill, jobs);
    }
  }
  const gaps = [...asked]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([skill, jobs]) => ({ skill, jobs: jobs.length, share: Math.round((jobs.length / matches.length) * 100) / 100, examples: jobs.slice(0, 3) }));
  return { modelVersion, matches: matches.length, gaps };
}
