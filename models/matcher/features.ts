/**
 * The matcher's feature specification, shared by training and serving: every model version takes
 * these features, in this order, each scaled to [0, 1] (1 = perfect fit, 0.5 = unknown).
 */
export const FEATURE_NAMES = ['skills', 'experience', 'location', 'salary'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface MatchProfile {
  skills: string[];
  yearsExperience: number;
  remoteScopes: string[];
  salaryFloorUsdMonth: number | null;
}

export interface MatchJob {
  skills: string[];
  seniority: string | null;
  remoteScope: string;
  salaryUsdMonth: number | null;
}

const UNKNOWN = 0.5;

// Years a posting of each seniority usually expects; unknown seniority is read as mid-level.
const YEARS_EXPECTED: Record<string, number> = { junior: 0, mid: 2, senior: 5, lead: 7 };

function skillFit(profile: MatchProfile, job: MatchJob): number {
  if (job.skills.length === 0) return UNKNOWN;
  const have = new Set(profile.skills);
  return job.skills.filter((skill) => have.has(skill)).length / job.skills.length;
}

function experienceFit(profile: MatchProfile, job: MatchJob): number {
  const expected = YEARS_EXPECTED[job.seniority ?? 'mid'] ?? 2;
  return Math.min(1, (profile.yearsExperience + 1) / (expected + 1));
}

function locationFit(profile: MatchProfile, job: MatchJob): number {
  if (job.remoteScope === 'unknown') return UNKNOWN;
  return profile.remoteScopes.includes(job.remoteScope) ? 1 : 0;
}

function salaryFit(profile: MatchProfile, job: MatchJob): number {
  if (job.salaryUsdMonth == null || profile.salaryFloorUsdMonth == null || profile.salaryFloorUsdMonth <= 0) return UNKNOWN;
  return Math.min(1, job.salaryUsdMonth / profile.salaryFloorUsdMonth);
}

export function matchFeatures(profile: MatchProfile, job: MatchJob): number[] {
  return [skillFit(profile, job), experienceFit(profile, job), locationFit(profile, job), salaryFit(profile, job)];
}
