import { eligibleFrom, type RemoteScope } from '../../activities/normalize/remote-scope.js';
import { overlapHours } from '../../activities/normalize/timezone.js';
import { collaborativeValue, type CollaborativeSignals, type Vote } from './collaborative.js';
import type { SkillSpace } from './skill-space.js';

/**
 * The matcher's feature specification, shared by training and serving: every feature is scaled to
 * [0, 1] (1 = perfect fit, 0.5 = unknown). A model version takes a subset, in the order its card
 * lists; v1 takes the first four (the product's prior), whose definitions never change.
 */
export const FEATURE_NAMES = [
  'skills',
  'experience',
  'location',
  'salary',
  'skillImportance',
  'skillSimilarity',
  'seniority',
  'remote',
  'timezone',
  'salaryLocal',
  'language',
  'recency',
  'collaborative',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

export const PRIOR_FEATURES = ['skills', 'experience', 'location', 'salary'] as const satisfies readonly FeatureName[];
export type PriorFeature = (typeof PRIOR_FEATURES)[number];

/** What each feature says, for model cards and for the web app to explain a score. */
export const FEATURE_DESCRIPTIONS: Record<FeatureName, string> = {
  skills: 'share of the job’s skills the profile has',
  experience: 'years of experience against what the job asks (stated, else usual for its seniority)',
  location: 'may apply from where the person lives, scaled by shared working hours',
  salary: 'job’s top monthly pay (USD) against the person’s floor',
  skillImportance: 'skill overlap weighted by rarity in the job corpus (TF-IDF) and required over nice-to-have',
  skillSimilarity: 'like skillImportance, with partial credit for related skills (co-occurrence vectors, taxonomy relations)',
  seniority: 'seniority level of the job against the person’s (one level apart: 0.5)',
  remote: 'may apply from where the person lives (1 yes, 0 no)',
  timezone: 'shared working hours between the person’s time zone and the job’s window (4 h or more: 1)',
  salaryLocal: 'pay comparable across contracts (CLT counts 13.33 salaries a year and 8% FGTS) against the floor',
  language: 'the posting’s language is one the person speaks',
  recency: 'how fresh the posting is (halves every 30 days)',
  collaborative: 'what people with similar skills did with this job (saved, applied… or dismissed)',
};

export interface MatchProfile {
  userId: string;
  skills: string[];
  yearsExperience: number;
  seniority: string | null;
  /** ISO 3166-1 alpha-2: where the person lives and would work from. */
  country: string | null;
  /** IANA zone, for the working-hours overlap. */
  timezone: string | null;
  salaryFloorUsdMonth: number | null;
  /** ISO 639-1 codes of the languages the person works in. */
  languages: string[];
}

export interface MatchJob {
  clusterId: string;
  skills: string[];
  skillsRequired: string[];
  skillsNice: string[];
  seniority: string | null;
  yearsRequired: number | null;
  remoteScope: RemoteScope;
  remoteCountries: string[];
  tzMinUtcOffset: number | null;
  tzMaxUtcOffset: number | null;
  salaryUsdMonthMax: number | null;
  contractType: string | null;
  language: string | null;
  /** When the job was posted (else first seen), in epoch milliseconds. */
  postedAtMs: number | null;
}

export interface FeatureContext {
  /** The moment the features describe: time-zone offsets (daylight saving) and recency are read at it. */
  now: Date;
  /** Corpus statistics of the model version; required by skillImportance and skillSimilarity. */
  skillSpace: SkillSpace | null;
  /** Other users' feedback; without it the collaborative feature is unknown. */
  collaborative: CollaborativeSignals | null;
}

const UNKNOWN = 0.5;
/** Hours of shared working day from which time zones stop mattering. */
const ENOUGH_OVERLAP_HOURS = 4;
const RECENCY_HALF_LIFE_DAYS = 30;
const DAY_MS = 86_400_000;
// Years a posting of each seniority usually expects, when it does not say; unknown reads as mid-level.
const YEARS_EXPECTED: Record<string, number> = { intern: 0, junior: 0, mid: 2, senior: 5, staff: 8, lead: 7 };
const SENIORITY_LEVEL: Record<string, number> = { intern: 0, junior: 1, mid: 2, senior: 3, staff: 4, lead: 4 };
// A required skill counts twice a nice-to-have one; one the posting does not qualify sits between.
const REQUIRED_WEIGHT = 1;
const NICE_WEIGHT = 0.5;
const UNQUALIFIED_WEIGHT = 0.75;
// A CLT month is worth more than a PJ month: 13th salary and 1/3 vacation bonus (13.33 salaries a
// year) plus the employer's 8% FGTS deposit. Contractor pay is compared as stated.
const CLT_MONTHLY_FACTOR = ((13 + 1 / 3) * 1.08) / 12;

/** A monthly pay stated as CLT or as is (PJ, contractor), as the PJ-equivalent the salary features compare. */
export function comparableMonthlyPay(amount: number, contract: 'clt' | 'pj' | null): number {
  return contract === 'clt' ? amount * CLT_MONTHLY_FACTOR : amount;
}

/** A profile prepared once for scoring against many jobs. */
export interface CompiledProfile {
  readonly source: MatchProfile;
  readonly has: Uint8Array;
  /** Best similarity of each vocabulary skill to any of the profile's skills (1 for its own). */
  readonly similar: Float32Array;
  readonly level: number | null;
  readonly languages: ReadonlySet<string>;
  /** Memos by the job's place class, shared by profiles of the same country and of the same time zone. */
  readonly eligibility: (boolean | null | undefined)[];
  readonly overlap: (number | null | undefined)[];
  /** How alike each user with feedback is (collaborative feature); empty when the model does not use it. */
  readonly peers: Float64Array;
}

/** A job prepared once for scoring against many profiles. */
export interface CompiledJob {
  readonly source: MatchJob;
  // Plain arrays, not typed ones: a typed array per job costs more to allocate and collect than it saves.
  readonly skills: number[];
  /** TF-IDF × requirement weight of each skill, and their sum. */
  readonly weights: number[];
  readonly weightSum: number;
  readonly expectedYears: number;
  readonly level: number | null;
  /** Jobs with the same remote scope, countries and time-zone window share a class: profiles memoize by it. */
  readonly placeClass: number;
  readonly comparablePay: number | null;
  /** Other users' verdicts on the job (collaborative feature). */
  readonly votes: readonly Vote[] | null;
}

type FeatureFn = (p: CompiledProfile, j: CompiledJob, atMs: number, encoder: FeatureEncoder) => number;

function skillShare(p: CompiledProfile, j: CompiledJob): number {
  const n = j.skills.length;
  if (n === 0) return UNKNOWN;
  let have = 0;
  for (let i = 0; i < n; i += 1) have += p.has[j.skills[i] ?? -1] ?? 0;
  return have / n;
}

function weightedOverlap(p: CompiledProfile, j: CompiledJob, credit: Uint8Array | Float32Array): number {
  if (j.skills.length === 0 || j.weightSum <= 0) return UNKNOWN;
  let sum = 0;
  for (let i = 0; i < j.skills.length; i += 1) sum += (j.weights[i] ?? 0) * (credit[j.skills[i] ?? -1] ?? 0);
  return sum / j.weightSum;
}

function eligibility(p: CompiledProfile, j: CompiledJob): boolean | null {
  let eligible = p.eligibility[j.placeClass];
  if (eligible === undefined) {
    const country = p.source.country;
    eligible = country ? eligibleFrom({ scope: j.source.remoteScope, countries: j.source.remoteCountries, reasons: [] }, country) : null;
    p.eligibility[j.placeClass] = eligible;
  }
  return eligible;
}

/** Shared working hours, or null when either side's time zone is unknown. */
function sharedHours(p: CompiledProfile, j: CompiledJob, encoder: FeatureEncoder): number | null {
  let hours = p.overlap[j.placeClass];
  if (hours === undefined) {
    const { tzMinUtcOffset: min, tzMaxUtcOffset: max } = j.source;
    const zone = p.source.timezone;
    hours = min === null || max === null || !zone ? null : overlapHours({ minUtcOffset: min, maxUtcOffset: max, text: '' }, zone, [9, 18], encoder.context.now);
    p.overlap[j.placeClass] = hours;
  }
  return hours;
}

function payFit(pay: number | null, floor: number | null): number {
  if (pay == null || floor == null || floor <= 0) return UNKNOWN;
  return Math.min(1, pay / floor);
}

const SPEC: Record<FeatureName, FeatureFn> = {
  skills: skillShare,
  experience: (p, j) => Math.min(1, (p.source.yearsExperience + 1) / (j.expectedYears + 1)),
  /** Can this person do this job from where they live, and how much of the working day is shared. */
  location: (p, j, _at, encoder) => {
    const eligible = eligibility(p, j);
    if (eligible === false) return 0;
    const base = eligible === null ? UNKNOWN : 1;
    const hours = sharedHours(p, j, encoder);
    return hours === null ? base : base * (0.5 + 0.5 * Math.min(1, hours / ENOUGH_OVERLAP_HOURS));
  },
  salary: (p, j) => payFit(j.source.salaryUsdMonthMax, p.source.salaryFloorUsdMonth),
  skillImportance: (p, j) => weightedOverlap(p, j, p.has),
  skillSimilarity: (p, j) => weightedOverlap(p, j, p.similar),
  seniority: (p, j) => (p.level === null || j.level === null ? UNKNOWN : Math.max(0, 1 - Math.abs(p.level - j.level) / 2)),
  remote: (p, j) => {
    const eligible = eligibility(p, j);
    return eligible === null ? UNKNOWN : eligible ? 1 : 0;
  },
  timezone: (p, j, _at, encoder) => {
    const hours = sharedHours(p, j, encoder);
    return hours === null ? UNKNOWN : Math.min(1, hours / ENOUGH_OVERLAP_HOURS);
  },
  // Ratios do not depend on the currency, so the user's currency changes what the web app shows, not the fit.
  salaryLocal: (p, j) => payFit(j.comparablePay, p.source.salaryFloorUsdMonth),
  language: (p, j) => (j.source.language === null || p.languages.size === 0 ? UNKNOWN : p.languages.has(j.source.language) ? 1 : 0),
  recency: (_p, j, atMs) =>
    j.source.postedAtMs === null ? UNKNOWN : 0.5 ** (Math.max(0, atMs - j.source.postedAtMs) / DAY_MS / RECENCY_HALF_LIFE_DAYS),
  collaborative: (p, j) => (j.votes === null ? UNKNOWN : (collaborativeValue(j.votes, p.peers) ?? UNKNOWN)),
};

function memo<T>(byKey: Map<string, T[]>, key: string): T[] {
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = []));
  return list;
}

const NEEDS_SKILL_SPACE: ReadonlySet<FeatureName> = new Set(['skillImportance', 'skillSimilarity']);
const NO_PEERS = new Float64Array(0);

/**
 * Computes one model version's features. Jobs and profiles are compiled once (skills to vocabulary
 * indices, weights, levels), so a pair costs a few array reads per feature: that is what lets one
 * profile be scored against 100,000 jobs in milliseconds.
 */
export class FeatureEncoder {
  readonly width: number;
  private readonly fns: FeatureFn[];
  private readonly usesCollaborative: boolean;
  private readonly vocabulary = new Map<string, number>();
  private readonly places = new Map<string, number>();
  // Eligibility depends on the country only, shared hours on the time zone only: profiles share the memos.
  private readonly eligibilityByCountry = new Map<string, (boolean | null | undefined)[]>();
  private readonly overlapByZone = new Map<string, (number | null | undefined)[]>();

  constructor(
    readonly names: readonly FeatureName[],
    readonly context: FeatureContext,
  ) {
    const unknown = names.filter((name) => !(name in SPEC));
    if (unknown.length) throw new Error(`unknown features: ${unknown.join(', ')}`);
    if (!context.skillSpace && names.some((name) => NEEDS_SKILL_SPACE.has(name))) {
      throw new Error('skillImportance and skillSimilarity need the skill space the model was trained with');
    }
    this.width = names.length;
    this.fns = names.map((name) => SPEC[name]);
    this.usesCollaborative = names.includes('collaborative');
  }

  private index(skill: string): number {
    let i = this.vocabulary.get(skill);
    if (i === undefined) {
      i = this.vocabulary.size;
      this.vocabulary.set(skill, i);
    }
    return i;
  }

  compileJob(job: MatchJob): CompiledJob {
    const space = this.context.skillSpace;
    const skills: number[] = [];
    const weights: number[] = [];
    let weightSum = 0;
    for (const s of job.skills) {
      skills.push(this.index(s));
      const idf = space ? (space.idf[s] ?? space.defaultIdf) : 1;
      const weight = idf * (job.skillsRequired.includes(s) ? REQUIRED_WEIGHT : job.skillsNice.includes(s) ? NICE_WEIGHT : UNQUALIFIED_WEIGHT);
      weights.push(weight);
      weightSum += weight;
    }
    const place = `${job.remoteScope}:${job.remoteCountries.join(',')}:${job.tzMinUtcOffset}:${job.tzMaxUtcOffset}`;
    let placeClass = this.places.get(place);
    if (placeClass === undefined) this.places.set(place, (placeClass = this.places.size));
    return {
      source: job,
      skills,
      weights,
      weightSum,
      expectedYears: job.yearsRequired ?? YEARS_EXPECTED[job.seniority ?? 'mid'] ?? 2,
      level: job.seniority ? (SENIORITY_LEVEL[job.seniority] ?? null) : null,
      placeClass,
      comparablePay: job.salaryUsdMonthMax == null ? null : comparableMonthlyPay(job.salaryUsdMonthMax, job.contractType === 'clt' ? 'clt' : null),
      votes: this.usesCollaborative ? (this.context.collaborative?.votesFor(job.clusterId) ?? null) : null,
    };
  }

  compileProfile(profile: MatchProfile): CompiledProfile {
    const own = profile.skills.map((s) => this.index(s));
    const related: [number, number][] = [];
    for (const skill of profile.skills) {
      for (const [other, similarity] of this.context.skillSpace?.neighbors[skill] ?? []) related.push([this.index(other), similarity]);
    }
    const has = new Uint8Array(this.vocabulary.size);
    const similar = new Float32Array(this.vocabulary.size);
    for (const [i, similarity] of related) similar[i] = Math.max(similar[i] ?? 0, similarity);
    for (const i of own) {
      has[i] = 1;
      similar[i] = 1;
    }
    return {
      source: profile,
      has,
      similar,
      level: profile.seniority ? (SENIORITY_LEVEL[profile.seniority] ?? null) : null,
      languages: new Set(profile.languages),
      eligibility: memo(this.eligibilityByCountry, profile.country ?? ''),
      overlap: memo(this.overlapByZone, profile.timezone ?? ''),
      peers: (this.usesCollaborative && this.context.collaborative?.peers(profile.userId, profile.skills)) || NO_PEERS,
    };
  }

  /** Writes the pair's features at `out[offset…offset + width)`; `atMs` is when the pair is judged (recency). */
  write(p: CompiledProfile, j: CompiledJob, out: Float32Array | Float64Array, offset: number, atMs = this.context.now.getTime()): void {
    const fns = this.fns;
    for (let k = 0; k < fns.length; k += 1) out[offset + k] = (fns[k] as FeatureFn)(p, j, atMs, this);
  }

  /** The pair's features as numbers in full precision: the reference the ONNX model is checked against. */
  values(profile: MatchProfile | CompiledProfile, job: MatchJob | CompiledJob, atMs?: number): number[] {
    const p = 'has' in profile ? profile : this.compileProfile(profile);
    const j = 'weights' in job ? job : this.compileJob(job);
    const out = new Float64Array(this.width);
    this.write(p, j, out, 0, atMs);
    return [...out];
  }
}
