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
  /** The vocabulary indices of its skills, each once. */
  readonly own: Int32Array;
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

/**
 * Jobs prepared once for scoring against many profiles, as columns: a profile's pass over them reads
 * a few flat typed arrays in order, not an object and two small arrays per job scattered over the heap.
 * Unknown numbers are NaN, unknown levels -1.
 */
export interface CompiledJobs {
  readonly length: number;
  readonly sources: readonly MatchJob[];
  /** Job i's skills are `skills[skillStart[i] … skillStart[i + 1])`, as vocabulary indices. */
  readonly skillStart: Int32Array;
  readonly skills: Int32Array;
  /** The other way round: the jobs with vocabulary skill s are `jobsWith[jobsWithStart[s] … jobsWithStart[s + 1])`, ascending (a job once per mention). */
  readonly jobsWithStart: Int32Array;
  readonly jobsWith: Int32Array;
  /** TF-IDF × requirement weight of each of those skills, and each job's sum of them. */
  readonly weights: Float64Array;
  readonly weightSum: Float64Array;
  readonly expectedYears: Float64Array;
  readonly level: Int8Array;
  /** Jobs with the same remote scope, countries and time-zone window share a class: profiles memoize by it. */
  readonly placeClass: Int32Array;
  /** Place classes known when the jobs were compiled: every job's is below it. */
  readonly placeClasses: number;
  readonly salaryUsdMonthMax: Float64Array;
  readonly comparablePay: Float64Array;
  readonly postedAtMs: Float64Array;
  /** Other users' verdicts on each job (collaborative feature). */
  readonly votes: readonly (readonly Vote[] | null)[] | null;
}

/**
 * Writes one feature of jobs [from, to) for one profile: job i's value goes to out[at + (i − from) × stride].
 * A loop per feature, not a call per pair and feature, so each loop stays monomorphic and its numbers
 * go straight into the buffer (a double returned from a call that is not inlined is allocated).
 */
type FeatureKernel = (p: CompiledProfile, j: CompiledJobs, from: number, to: number, out: Float32Array | Float64Array, at: number, stride: number, atMs: number, encoder: FeatureEncoder) => void;

/** Job i's skills weighted by `weights` and credited by the profile's `credit`, over their weight. */
function weightedOverlap(j: CompiledJobs, i: number, credit: Uint8Array | Float32Array, weights: Float64Array): number {
  const start = j.skillStart[i] as number;
  const end = j.skillStart[i + 1] as number;
  if (end === start) return UNKNOWN;
  const weightSum = j.weightSum[i] as number;
  if (weightSum <= 0) return UNKNOWN;
  let sum = 0;
  for (let s = start; s < end; s += 1) sum += (weights[s] as number) * (credit[j.skills[s] as number] ?? 0);
  return sum / weightSum;
}

// Scratch of the kernels, reused across calls (one thread runs one kernel at a time): counts per job of a batch, and values per place class.
let counts = new Int32Array(0);
let placeStamp = new Int32Array(0);
let placeValue = new Float64Array(0);
let placeGeneration = 0;

/** How many of the profile's skills each job of [from, to) has, at counts[i − from]: walks the profile's skills' job lists, not every job's skills. */
function skillsHad(p: CompiledProfile, j: CompiledJobs, from: number, to: number): Int32Array {
  if (counts.length < to - from) counts = new Int32Array(to - from);
  counts.fill(0, 0, to - from);
  const { jobsWithStart, jobsWith } = j;
  for (let k = 0; k < p.own.length; k += 1) {
    const skill = p.own[k] as number;
    if (skill + 1 >= jobsWithStart.length) continue; // a skill no job of the set names
    let lo = jobsWithStart[skill] as number;
    let hi = jobsWithStart[skill + 1] as number;
    const end = hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((jobsWith[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let m = lo; m < end; m += 1) {
      const job = jobsWith[m] as number;
      if (job >= to) break;
      counts[job - from] = (counts[job - from] as number) + 1;
    }
  }
  return counts;
}

/**
 * Writes a value that depends on the job's place class only (and the profile): computed once per
 * class a call meets, through `value` (which may memoize across profiles), then copied.
 */
function byPlace(
  p: CompiledProfile,
  j: CompiledJobs,
  from: number,
  to: number,
  out: Float32Array | Float64Array,
  at: number,
  stride: number,
  encoder: FeatureEncoder,
  value: (p: CompiledProfile, j: CompiledJobs, i: number, encoder: FeatureEncoder) => number,
): void {
  if (placeStamp.length < j.placeClasses) {
    placeStamp = new Int32Array(j.placeClasses);
    placeValue = new Float64Array(j.placeClasses);
  }
  placeGeneration += 1;
  for (let i = from; i < to; i += 1, at += stride) {
    const place = j.placeClass[i] as number;
    if (placeStamp[place] !== placeGeneration) {
      placeStamp[place] = placeGeneration;
      placeValue[place] = value(p, j, i, encoder);
    }
    out[at] = placeValue[place] as number;
  }
}

function eligibility(p: CompiledProfile, j: CompiledJobs, i: number): boolean | null {
  const place = j.placeClass[i] as number;
  let eligible = p.eligibility[place];
  if (eligible === undefined) {
    const country = p.source.country;
    const job = j.sources[i] as MatchJob;
    eligible = country ? eligibleFrom({ scope: job.remoteScope, countries: job.remoteCountries, reasons: [] }, country) : null;
    p.eligibility[place] = eligible;
  }
  return eligible;
}

/** Shared working hours, or null when either side's time zone is unknown. */
function sharedHours(p: CompiledProfile, j: CompiledJobs, i: number, encoder: FeatureEncoder): number | null {
  const place = j.placeClass[i] as number;
  let hours = p.overlap[place];
  if (hours === undefined) {
    const { tzMinUtcOffset: min, tzMaxUtcOffset: max } = j.sources[i] as MatchJob;
    const zone = p.source.timezone;
    hours = min === null || max === null || !zone ? null : overlapHours({ minUtcOffset: min, maxUtcOffset: max, text: '' }, zone, [9, 18], encoder.context.now);
    p.overlap[place] = hours;
  }
  return hours;
}

function payFit(pay: number, floor: number | null): number {
  if (Number.isNaN(pay) || floor == null || floor <= 0) return UNKNOWN;
  return Math.min(1, pay / floor);
}

const SPEC: Record<FeatureName, FeatureKernel> = {
  skills: (p, j, from, to, out, at, stride) => {
    const had = skillsHad(p, j, from, to);
    for (let i = from; i < to; i += 1, at += stride) {
      const n = (j.skillStart[i + 1] as number) - (j.skillStart[i] as number);
      out[at] = n === 0 ? UNKNOWN : (had[i - from] as number) / n;
    }
  },
  experience: (p, j, from, to, out, at, stride) => {
    const years = p.source.yearsExperience + 1;
    for (let i = from; i < to; i += 1, at += stride) out[at] = Math.min(1, years / ((j.expectedYears[i] as number) + 1));
  },
  /** Can this person do this job from where they live, and how much of the working day is shared. */
  location: (p, j, from, to, out, at, stride, _atMs, encoder) =>
    byPlace(p, j, from, to, out, at, stride, encoder, (p, j, i, encoder) => {
      const eligible = eligibility(p, j, i);
      if (eligible === false) return 0;
      const base = eligible === null ? UNKNOWN : 1;
      const hours = sharedHours(p, j, i, encoder);
      return hours === null ? base : base * (0.5 + 0.5 * Math.min(1, hours / ENOUGH_OVERLAP_HOURS));
    }),
  salary: (p, j, from, to, out, at, stride) => {
    const floor = p.source.salaryFloorUsdMonth;
    for (let i = from; i < to; i += 1, at += stride) out[at] = payFit(j.salaryUsdMonthMax[i] as number, floor);
  },
  skillImportance: (p, j, from, to, out, at, stride) => {
    for (let i = from; i < to; i += 1, at += stride) out[at] = weightedOverlap(j, i, p.has, j.weights);
  },
  skillSimilarity: (p, j, from, to, out, at, stride) => {
    for (let i = from; i < to; i += 1, at += stride) out[at] = weightedOverlap(j, i, p.similar, j.weights);
  },
  seniority: (p, j, from, to, out, at, stride) => {
    for (let i = from; i < to; i += 1, at += stride) {
      const level = j.level[i] as number;
      out[at] = p.level === null || level < 0 ? UNKNOWN : Math.max(0, 1 - Math.abs(p.level - level) / 2);
    }
  },
  remote: (p, j, from, to, out, at, stride, _atMs, encoder) =>
    byPlace(p, j, from, to, out, at, stride, encoder, (p, j, i) => {
      const eligible = eligibility(p, j, i);
      return eligible === null ? UNKNOWN : eligible ? 1 : 0;
    }),
  timezone: (p, j, from, to, out, at, stride, _atMs, encoder) =>
    byPlace(p, j, from, to, out, at, stride, encoder, (p, j, i, encoder) => {
      const hours = sharedHours(p, j, i, encoder);
      return hours === null ? UNKNOWN : Math.min(1, hours / ENOUGH_OVERLAP_HOURS);
    }),
  // Ratios do not depend on the currency, so the user's currency changes what the web app shows, not the fit.
  salaryLocal: (p, j, from, to, out, at, stride) => {
    const floor = p.source.salaryFloorUsdMonth;
    for (let i = from; i < to; i += 1, at += stride) out[at] = payFit(j.comparablePay[i] as number, floor);
  },
  language: (p, j, from, to, out, at, stride) => {
    for (let i = from; i < to; i += 1, at += stride) {
      const language = (j.sources[i] as MatchJob).language;
      out[at] = language === null || p.languages.size === 0 ? UNKNOWN : p.languages.has(language) ? 1 : 0;
    }
  },
  recency: (_p, j, from, to, out, at, stride, atMs) => {
    for (let i = from; i < to; i += 1, at += stride) {
      const posted = j.postedAtMs[i] as number;
      out[at] = Number.isNaN(posted) ? UNKNOWN : 0.5 ** (Math.max(0, atMs - posted) / DAY_MS / RECENCY_HALF_LIFE_DAYS);
    }
  },
  collaborative: (p, j, from, to, out, at, stride) => {
    for (let i = from; i < to; i += 1, at += stride) {
      const votes = j.votes?.[i] ?? null;
      out[at] = votes === null ? UNKNOWN : (collaborativeValue(votes, p.peers) ?? UNKNOWN);
    }
  },
};

function memo<T>(byKey: Map<string, T[]>, key: string): T[] {
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = []));
  return list;
}

const NEEDS_SKILL_SPACE: ReadonlySet<FeatureName> = new Set(['skillImportance', 'skillSimilarity']);
const NO_PEERS = new Float64Array(0);
const orNaN = (x: number | null) => x ?? NaN;

/**
 * Computes one model version's features. Jobs and profiles are compiled once (skills to vocabulary
 * indices, weights, levels), so a pair costs a few array reads per feature: that is what lets one
 * profile be scored against 100,000 jobs in milliseconds.
 */
export class FeatureEncoder {
  readonly width: number;
  private readonly kernels: FeatureKernel[];
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
    this.kernels = names.map((name) => SPEC[name]);
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

  compileJobs(jobs: readonly MatchJob[]): CompiledJobs {
    const space = this.context.skillSpace;
    const n = jobs.length;
    const skillStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i += 1) skillStart[i + 1] = (skillStart[i] as number) + (jobs[i] as MatchJob).skills.length;
    const skills = new Int32Array(skillStart[n] as number);
    const weights = new Float64Array(skills.length);
    const columns = {
      weightSum: new Float64Array(n),
      expectedYears: new Float64Array(n),
      level: new Int8Array(n),
      placeClass: new Int32Array(n),
      salaryUsdMonthMax: new Float64Array(n),
      comparablePay: new Float64Array(n),
      postedAtMs: new Float64Array(n),
    };
    jobs.forEach((job, i) => {
      let s = skillStart[i] as number;
      let weightSum = 0;
      for (const skill of job.skills) {
        skills[s] = this.index(skill);
        const idf = space ? (space.idf[skill] ?? space.defaultIdf) : 1;
        const weight = idf * (job.skillsRequired.includes(skill) ? REQUIRED_WEIGHT : job.skillsNice.includes(skill) ? NICE_WEIGHT : UNQUALIFIED_WEIGHT);
        weights[s] = weight;
        weightSum += weight;
        s += 1;
      }
      const place = `${job.remoteScope}:${job.remoteCountries.join(',')}:${job.tzMinUtcOffset}:${job.tzMaxUtcOffset}`;
      let placeClass = this.places.get(place);
      if (placeClass === undefined) this.places.set(place, (placeClass = this.places.size));
      columns.weightSum[i] = weightSum;
      columns.expectedYears[i] = job.yearsRequired ?? YEARS_EXPECTED[job.seniority ?? 'mid'] ?? 2;
      columns.level[i] = job.seniority ? (SENIORITY_LEVEL[job.seniority] ?? -1) : -1;
      columns.placeClass[i] = placeClass;
      columns.salaryUsdMonthMax[i] = orNaN(job.salaryUsdMonthMax);
      columns.comparablePay[i] = job.salaryUsdMonthMax == null ? NaN : comparableMonthlyPay(job.salaryUsdMonthMax, job.contractType === 'clt' ? 'clt' : null);
      columns.postedAtMs[i] = orNaN(job.postedAtMs);
    });
    // Jobs by skill, a counting sort: ascending job order within each skill's list.
    const jobsWithStart = new Int32Array(this.vocabulary.size + 1);
    for (const skill of skills) jobsWithStart[skill + 1] = (jobsWithStart[skill + 1] as number) + 1;
    for (let s = 0; s < this.vocabulary.size; s += 1) jobsWithStart[s + 1] = (jobsWithStart[s + 1] as number) + (jobsWithStart[s] as number);
    const jobsWith = new Int32Array(skills.length);
    const filled = jobsWithStart.slice(0, -1);
    for (let i = 0; i < n; i += 1) {
      for (let s = skillStart[i] as number; s < (skillStart[i + 1] as number); s += 1) {
        const skill = skills[s] as number;
        jobsWith[filled[skill] as number] = i;
        filled[skill] = (filled[skill] as number) + 1;
      }
    }
    const collaborative = this.usesCollaborative ? this.context.collaborative : null;
    return { length: n, sources: jobs, skillStart, skills, jobsWithStart, jobsWith, weights, ...columns, placeClasses: this.places.size, votes: collaborative ? jobs.map((job) => collaborative.votesFor(job.clusterId)) : null };
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
      own: Int32Array.from(new Set(own)),
      similar,
      level: profile.seniority ? (SENIORITY_LEVEL[profile.seniority] ?? null) : null,
      languages: new Set(profile.languages),
      eligibility: memo(this.eligibilityByCountry, profile.country ?? ''),
      overlap: memo(this.overlapByZone, profile.timezone ?? ''),
      peers: (this.usesCollaborative && this.context.collaborative?.peers(profile.userId, profile.skills)) || NO_PEERS,
    };
  }

  /**
   * Writes the features of jobs [from, to) for one profile, row-major from `out[offset]` (job i's at
   * offset + (i − from) × width); `atMs` is when the pairs are judged (recency).
   */
  write(p: CompiledProfile, jobs: CompiledJobs, from: number, to: number, out: Float32Array | Float64Array, offset: number, atMs = this.context.now.getTime()): void {
    const kernels = this.kernels;
    for (let k = 0; k < kernels.length; k += 1) (kernels[k] as FeatureKernel)(p, jobs, from, to, out, offset + k, this.width, atMs, this);
  }

  /** The pair's features as numbers in full precision: the reference the ONNX model is checked against. */
  values(profile: MatchProfile | CompiledProfile, job: MatchJob | { jobs: CompiledJobs; row: number }, atMs?: number): number[] {
    const p = 'has' in profile ? profile : this.compileProfile(profile);
    const { jobs, row } = 'jobs' in job ? job : { jobs: this.compileJobs([job]), row: 0 };
    const out = new Float64Array(this.width);
    this.write(p, jobs, row, row + 1, out, 0, atMs);
    return [...out];
  }
}
