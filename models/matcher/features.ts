import { eligibleFrom, type RemoteScope } from '../../activities/normalize/remote-scope.js';
import { overlapHours } from '../../activities/normalize/timezone.js';

/**
 * The matcher's feature specification, shared by training and serving: every model version takes
 * these features, in this order, each scaled to [0, 1] (1 = perfect fit, 0.5 = unknown).
 */
export const FEATURE_NAMES = ['skills', 'experience', 'location', 'salary'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface MatchProfile {
  skills: string[];
  yearsExperience: number;
  /** ISO 3166-1 alpha-2: where the person lives and would work from. */
  country: string | null;
  /** IANA zone, for the working-hours overlap. */
  timezone: string | null;
  salaryFloorUsdMonth: number | null;
}

export interface MatchJob {
  skills: string[];
  seniority: string | null;
  yearsRequired: number | null;
  remoteScope: RemoteScope;
  remoteCountries: string[];
  tzMinUtcOffset: number | null;
  tzMaxUtcOffset: number | null;
  salaryUsdMonthMax: number | null;
}

const UNKNOWN = 0.5;
/** Hours of shared working day from which time zones stop mattering. */
const ENOUGH_OVERLAP_HOURS = 4;

// Years a posting of each seniority usually expects, when it does not say; unknown reads as mid-level.
const YEARS_EXPECTED: Record<string, number> = { intern: 0, junior: 0, mid: 2, senior: 5, staff: 8, lead: 7 };

function skillFit(profile: MatchProfile, job: MatchJob): number {
  if (job.skills.length === 0) return UNKNOWN;
  const have = new Set(profile.skills);
  return job.skills.filter((skill) => have.has(skill)).length / job.skills.length;
}

function experienceFit(profile: MatchProfile, job: MatchJob): number {
  const expected = job.yearsRequired ?? YEARS_EXPECTED[job.seniority ?? 'mid'] ?? 2;
  return Math.min(1, (profile.yearsExperience + 1) / (expected + 1));
}

/** Can this person do this job from where they live, and how much of the working day is shared. */
function locationFit(profile: MatchProfile, job: MatchJob): number {
  const eligible = profile.country
    ? eligibleFrom({ scope: job.remoteScope, countries: job.remoteCountries, reasons: [] }, profile.country)
    : null;
  if (eligible === false) return 0;
  const base = eligible === null ? UNKNOWN : 1;
  if (job.tzMinUtcOffset === null || job.tzMaxUtcOffset === null || !profile.timezone) return base;
  const window = { minUtcOffset: job.tzMinUtcOffset, maxUtcOffset: job.tzMaxUtcOffset, text: '' };
  return base * (0.5 + 0.5 * Math.min(1, overlapHours(window, profile.timezone) / ENOUGH_OVERLAP_HOURS));
}

function salaryFit(profile: MatchProfile, job: MatchJob): number {
  if (job.salaryUsdMonthMax == null || profile.salaryFloorUsdMonth == null || profile.salaryFloorUsdMonth <= 0) return UNKNOWN;
  return Math.min(1, job.salaryUsdMonthMax / profile.salaryFloorUsdMonth);
}

export function matchFeatures(profile: MatchProfile, job: MatchJob): number[] {
  return [skillFit(profile, job), experienceFit(profile, job), locationFit(profile, job), salaryFit(profile, job)];
}
