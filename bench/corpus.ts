// Deterministic synthetic job postings for the benchmarks, with ground truth.
//
// A corpus of N postings is a stream of *jobs* (openings) and *copies* of recent jobs, each job
// a pure function of (seed, job number): the same seed and size give the very same corpus, and a
// copy re-derives its job instead of keeping every job in memory, so a million postings stream
// in constant memory. Jobs are written in Portuguese, Spanish or English from the phrase triples
// of corpus-vocab.ts, by thousands of companies (Zipf-sized: a few post a lot), in many role
// families × levels × specialisations, with descriptions composed sentence by sentence.
//
// Copies arrive at known rates (COPY_RATES): exact cross-posts on other boards, reposts with new
// ids, aggregator edits, translations. Hard negatives arrive at known rates too (VARIANT_RATES):
// new jobs built from a recent one — same title at another company, the same company's opening in
// another city, the same role at another level. Every posting carries `truth.job`: postings with
// the same job are duplicates, all others are not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { companyKey, companyPrefixKeys } from '../activities/dedupe/company-name.js';
import { mix32 } from '../activities/dedupe/minhash.js';
import type { ExtractedPosting } from '../activities/ingest/adapters/index.js';
import { remotiveAdapter } from '../activities/ingest/adapters/remotive.js';
import { rssAdapter } from '../activities/ingest/adapters/rss.js';
import type { RemoteScope } from '../activities/normalize/remote-scope.js';
import { PROJECT_ROOT } from '../cli/config.js';
import {
  AGGREGATORS,
  AGGREGATOR_LINES,
  BENEFITS,
  BOARDS,
  CLOSINGS,
  CLOUDS,
  COMPANY_FACTS,
  COUNTRIES,
  CULTURE_LINE,
  CULTURE_VALUES,
  DOMAINS,
  EEO,
  ENGLISH_LEVELS,
  FAMILIES,
  FIELDS,
  GENERIC_OBJECTS,
  HEADERS,
  HIRING_STEPS,
  INTRO_LINE,
  LANGS,
  LEVEL_WORDS,
  LEVEL_YEARS,
  NAME_TAILS,
  NAME_WORDS,
  NICE_TO_HAVE,
  PRACTICES,
  PROJECTS,
  PROJECT_TOPICS,
  PURPOSES,
  REOPENED_LINE,
  REQUIREMENTS,
  REQUISITION_LINE,
  ROLE_INTROS,
  SALARY_LINE,
  SECTORS,
  SENIORITY_LEVELS,
  SYLLABLES,
  VERBS,
  WORK_MODEL,
  YEARS_LINE,
} from './corpus-vocab.js';
import type { Lang, Level, RoleFamily } from './corpus-vocab.js';

// ---------- rates and shape ----------

/** Share of all postings that are copies of an earlier job, by kind. */
export const COPY_RATES = { cross_post: 0.08, repost: 0.04, edited_copy: 0.06, translated: 0.02 } as const;
/** Share of jobs that are hard negatives built from a recent job, by kind. */
export const VARIANT_RATES = { same_title_other_company: 0.03, same_company_other_city: 0.03, other_seniority: 0.02 } as const;
/** Latest day a copy of each kind appears after its job. */
const COPY_MAX_DAYS = { cross_post: 3, repost: 40, edited_copy: 10, translated: 5 } as const;
/** Variants are built from jobs at most this many days older. */
const VARIANT_MAX_DAYS = 20;
const SPAN_DAYS = 365;
const START_MS = Date.UTC(2025, 0, 1);

/**
 * What moves the corpus's year (2025) so that it ends today: read as it is, every posting is older
 * than the quality check's and the listings' windows, expired, and left out of the marts.
 */
export function shiftToTodayMs(now = Date.now()): number {
  return now - (START_MS + SPAN_DAYS * 86_400_000);
}

export type CopyKind = keyof typeof COPY_RATES;
export type JobKind = 'original' | keyof typeof VARIANT_RATES;
export type PostingKind = JobKind | CopyKind;

export interface CorpusPosting {
  /** Unique in the corpus: `${sourceId}:${externalId}`. */
  id: string;
  sourceId: string;
  externalId: string;
  title: string;
  company: string | null;
  location: string | null;
  remoteScope: RemoteScope;
  postedAt: string;
  applyUrl: string;
  salaryText: string | null;
  employmentType: string | null;
  skills: string[];
  language: (typeof LANGS)[number];
  /** Plain-text description, what normalize derives from the HTML. */
  text: string;
  /** The description as structured blocks; see descriptionHtml. */
  blocks: Block[];
  /** Postings with the same `job` are copies of one opening; `kind` says how this one came about. */
  truth: { job: string; kind: PostingKind };
}

export interface Block {
  header?: string;
  lines: string[];
  /** List items rather than paragraphs. */
  list?: boolean;
}

// ---------- randomness ----------

/** mulberry32, seeded from (seed, stream, index): each job and each posting has its own stream. */
export class Rand {
  private state: number;

  constructor(seed: number, stream = 0, index = 0) {
    this.state = mix32(mix32(seed ^ Math.imul(stream + 1, 0x9e3779b9)) ^ Math.imul(index + 1, 0x85ebca6b));
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** `k` distinct indices below `n`, in random order. */
  sample(n: number, k: number): number[] {
    const out: number[] = [];
    while (out.length < Math.min(k, n)) {
      const x = this.int(n);
      if (!out.includes(x)) out.push(x);
    }
    return out;
  }

  /** A key of `weights` drawn in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let x = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) if ((x -= w) < 0) return key;
    return entries[entries.length - 1]![0];
  }
}

// Templates split once into their alternatives ("x|y|z"), each into literal text (even places) and
// slot names (odd places): filling is the generator's hottest path, and a regex replace per
// sentence made a million postings take minutes.
const templateParts = new Map<string, string[][]>();

/** The `variant`-th way of saying `template` (modulo how many it has), with its slots filled. */
function fill(template: string, slots: Record<string, string | number>, variant = 0): string {
  let alternatives = templateParts.get(template);
  if (!alternatives) templateParts.set(template, (alternatives = template.split('|').map((alternative) => alternative.split(/\{(\w+)\}/))));
  const parts = alternatives[variant % alternatives.length] as string[];
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) out += String(slots[parts[i] as string] ?? `{${parts[i]}}`) + (parts[i + 1] as string);
  return out;
}

// ---------- companies ----------

interface Company {
  name: string;
  /** The company's house style: which way of saying each thing its postings use. */
  phrasing: number;
  /** The name without its legal suffix, as aggregators often print it. */
  shortName: string;
  country: number;
  sector: number;
  mission: number;
  fact: { template: number; year: number; n: number; k: number };
  culture: [number, number] | null;
  benefits: { index: number; n: number }[];
  eeo: number;
  headerStyle: number;
  about: boolean;
  offices: number[];
  ats: string;
  slug: string;
}

const ATS = ['gupy.io', 'greenhouse.io', 'lever.co', 'workable.com', 'ashbyhq.com', 'recruitee.com'];

function inventedWord(random: Rand): string {
  let word = '';
  for (let i = 0, n = random.between(2, 3); i < n; i++) word += random.pick(SYLLABLES);
  return word[0]!.toUpperCase() + word.slice(1);
}

/**
 * Companies with distinct employers: no two share a company key, and no key is a leading-word key
 * of another (sameEmployer would call "Nuvem" and "Nuvem Dados" one employer).
 */
function makeCompanies(count: number, seed: number): Company[] {
  const random = new Rand(seed, 1);
  const keys = new Set<string>();
  const prefixes = new Set<string>();
  const countryWeights = Object.fromEntries(COUNTRIES.map((c, i) => [String(i), c.weight]));
  const companies: Company[] = [];
  while (companies.length < count) {
    const country = Number(random.weighted(countryWeights));
    const lang = COUNTRIES[country]!.lang;
    const brand = random.chance(0.55) ? random.pick(NAME_WORDS[lang]) : inventedWord(random);
    const base = random.chance(0.7) ? `${brand} ${random.pick(NAME_TAILS[lang])}` : brand;
    const key = companyKey(base);
    const own = companyPrefixKeys(base);
    if (!key || keys.has(key) || prefixes.has(key) || own.some((p) => keys.has(p))) continue;
    keys.add(key);
    for (const p of own) prefixes.add(p);
    const suffix = random.pick(COUNTRIES[country]!.legalSuffixes);
    const cities = COUNTRIES[country]!.cities.length;
    companies.push({
      name: suffix ? `${base} ${suffix}` : base,
      phrasing: random.int(1 << 20),
      shortName: base,
      country,
      sector: random.int(SECTORS.length),
      mission: random.int(2),
      fact: { template: random.int(COMPANY_FACTS.length), year: random.between(1995, 2023), n: random.between(12, 4000), k: random.between(1, 9) },
      culture: random.chance(0.6) ? [random.int(CULTURE_VALUES.length), random.int(CULTURE_VALUES.length)] : null,
      benefits: random.sample(BENEFITS.length, 8).map((index) => {
        const [lo, hi] = BENEFITS[index]!.n ?? [0, 0];
        // Round figures, as companies state them: 150 not 147, 5 not 5.3.
        const step = hi >= 100 ? 50 : hi >= 20 ? 5 : 1;
        return { index, n: Math.round(random.between(lo, hi) / step) * step };
      }),
      eeo: random.chance(0.7) ? random.int(EEO.length) : -1,
      headerStyle: random.int(3),
      about: random.chance(0.5),
      offices: random.sample(cities, random.between(1, Math.min(3, cities))),
      ats: random.pick(ATS),
      slug: key.slice(0, 24),
    });
  }
  return companies;
}

/** Cumulative Zipf(0.5) weights: a few companies post a lot (the largest ~0.4 % of a million), most post a little. */
function zipfTable(n: number): Float64Array {
  const table = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) table[i] = sum += 1 / Math.sqrt(i + 1);
  for (let i = 0; i < n; i++) table[i]! /= sum;
  return table;
}

function drawZipf(table: Float64Array, x: number): number {
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((table[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------- jobs ----------

type Scope = 'global' | 'latam' | 'americas' | 'country' | 'hybrid' | 'onsite';

interface Sentence {
  template: number;
  slots: { verb?: number; object?: number; purpose?: number; domain: number; tool: string; other: string; cloud: number; practice: number; n: number; field: number; level: number };
}

interface Salary {
  currency: string;
  period: 'month' | 'year' | 'hour';
  min: number;
  max: number;
  contract: 'clt' | 'pj' | 'contractor' | 'employee';
  shape: number;
}

interface Job {
  k: number;
  kind: JobKind;
  /** Ground-truth id: postings of one opening share it (see otherCity and otherLevel). */
  truth: string;
  company: number;
  lang: Lang;
  family: number;
  titleVariant: number;
  level: Level;
  levelSpelling: number;
  specialisation: number;
  titleStyle: number;
  scope: Scope;
  /** For country scope: the country the job is open to; else the office country. */
  country: number;
  city: number;
  locationFormat: number;
  /** Milliseconds since the epoch. */
  postedMs: number;
  roleIntro: Sentence;
  goal: number;
  project: { template: number; topic: number } | null;
  duties: Sentence[];
  requirements: Sentence[];
  years: number;
  nice: Sentence[];
  benefits: number[];
  salary: Salary | null;
  salaryInText: boolean;
  hiring: number;
  closing: number;
  requisition: string | null;
  skills: string[];
  board: number;
  /** The job's id on its company's ATS, unique in the corpus: its apply URL must not meet another job's. */
  atsId: number;
}

/** ATS ids of jobs; reposts get ids from REPOST_IDS on, by posting number. */
const JOB_IDS = 1_000_000;
const REPOST_IDS = 50_000_000;

const LEVEL_WEIGHTS: Record<Level, number> = { intern: 3, junior: 15, mid: 22, senior: 30, staff: 5, lead: 5, none: 20 };
const SCOPE_WEIGHTS: Record<'home' | 'us' | 'eu', Record<Scope, number>> = {
  home: { country: 33, hybrid: 20, onsite: 10, latam: 20, global: 10, americas: 7 },
  us: { latam: 35, americas: 20, global: 25, country: 20, hybrid: 0, onsite: 0 },
  eu: { global: 40, country: 30, hybrid: 30, latam: 0, americas: 0, onsite: 0 },
};
const LEVEL_PAY: Record<Level, number> = { intern: 0.25, junior: 0.5, mid: 0.75, senior: 1, staff: 1.3, lead: 1.35, none: 0.8 };
// A senior's monthly pay in each currency, roughly; yearly is ×12 (×13.3 for CLT), hourly ÷160.
const MONTHLY_BASE: Record<string, number> = { BRL: 16_000, USD: 6_000, EUR: 5_000, MXN: 60_000, COP: 12_000_000, ARS: 2_500_000, CLP: 3_000_000, PEN: 10_000, UYU: 150_000 };

export class Corpus {
  readonly companies: Company[];
  private readonly zipf: Float64Array;
  private readonly jobsPerDay: number;
  private readonly cache = new Map<number, Job>();

  constructor(
    readonly size: number,
    readonly seed = 42,
  ) {
    // Thousands of employers at a million postings (16,667), a couple of hundred at ten thousand.
    this.companies = makeCompanies(Math.max(150, Math.round(size / 60)), seed);
    this.zipf = zipfTable(this.companies.length);
    const copyShare = Object.values(COPY_RATES).reduce((a, b) => a + b, 0);
    this.jobsPerDay = Math.max(1, (size * (1 - copyShare)) / SPAN_DAYS);
  }

  /** Job `k`, derived from the seed alone (and, for a hard negative, from the job it varies). */
  job(k: number): Job {
    const cached = this.cache.get(k);
    if (cached) return cached;
    const random = new Rand(this.seed, 2, k);
    const x = random.next();
    const recent = Math.min(k, Math.ceil(this.jobsPerDay * VARIANT_MAX_DAYS));
    const baseIndex = () => k - 1 - random.int(recent);
    const r = VARIANT_RATES;
    let job: Job | null = null;
    // Only an office job has another office to open in, only a levelled job another level: look
    // back for one, as a recruiter would.
    const lookBack = (make: (base: Job) => Job | null) => {
      for (let tries = 0; tries < 64 && !job; tries++) job = make(this.job(baseIndex()));
    };
    if (recent === 0) job = null;
    else if (x < r.same_title_other_company) job = this.otherCompany(this.job(baseIndex()), k, random);
    else if (x < r.same_title_other_company + r.same_company_other_city) lookBack((base) => this.otherCity(base, k, random));
    else if (x < r.same_title_other_company + r.same_company_other_city + r.other_seniority) lookBack((base) => this.otherLevel(base, k, random));
    job ??= this.fresh(k, random);
    // Copies and variants look back a few weeks, so a small cache serves almost every lookup.
    if (this.cache.size >= 50_000) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(k, job);
    return job;
  }


  private postedMs(k: number, random: Rand): number {
    return START_MS + ((k + random.next()) / this.jobsPerDay) * 86_400_000;
  }

  private fresh(k: number, random: Rand): Job {
    const companyIndex = drawZipf(this.zipf, random.next());
    const company = this.companies[companyIndex]!;
    const country = COUNTRIES[company.country]!;
    const lang: Lang = country.lang === 2 ? (random.chance(0.1) ? 1 : 2) : random.chance(country.lang === 0 ? 0.25 : 0.15) ? 2 : country.lang;
    const familyIndex = random.int(FAMILIES.length);
    const family = FAMILIES[familyIndex]!;
    const level = random.weighted(LEVEL_WEIGHTS);
    const scope = random.weighted(SCOPE_WEIGHTS[country.iso2 === 'US' ? 'us' : country.currency === 'EUR' ? 'eu' : 'home']);
    // US employers hiring "in one country" hire in Brazil or Mexico as often as at home.
    const openTo = scope === 'country' && country.iso2 === 'US' && random.chance(0.5) ? (random.chance(0.6) ? 0 : 1) : company.country;
    const job: Job = {
      k,
      kind: 'original',
      truth: String(k),
      company: companyIndex,
      lang,
      family: familyIndex,
      titleVariant: random.int(8),
      level,
      levelSpelling: random.int(3),
      specialisation: random.chance(0.35) ? random.int(family.specialisations.length) : -1,
      titleStyle: random.int(2),
      scope,
      country: openTo,
      city: random.pick(company.offices),
      locationFormat: random.int(4),
      postedMs: this.postedMs(k, random),
      roleIntro: this.sentence(random, ROLE_INTROS.length, family),
      goal: random.int(family.goals.length),
      project: random.chance(0.7) ? { template: random.int(PROJECTS.length), topic: random.int(PROJECT_TOPICS.length) } : null,
      duties: Array.from({ length: random.between(4, 7) }, () => this.duty(random, family)),
      requirements: Array.from({ length: random.between(3, 6) }, () => this.sentence(random, REQUIREMENTS.length, family)),
      years: random.between(...LEVEL_YEARS[level]),
      nice: random.chance(0.6) ? Array.from({ length: random.between(1, 3) }, () => this.sentence(random, NICE_TO_HAVE.length, family)) : [],
      benefits: random.sample(company.benefits.length, random.between(3, 6)),
      salary: random.chance(0.65) ? this.salary(random, company, level, scope) : null,
      salaryInText: random.chance(0.5),
      hiring: random.chance(0.5) ? random.int(HIRING_STEPS.length) : -1,
      closing: random.int(CLOSINGS.length),
      requisition: random.chance(0.4) ? `${company.slug.slice(0, 3).toUpperCase()}-${random.between(1000, 99999)}` : null,
      skills: random.sample(family.skills.length, random.between(4, 7)).map((i) => family.skills[i] as string),
      board: random.int(BOARDS.length),
      atsId: JOB_IDS + k,
    };
    return job;
  }

  private sentence(random: Rand, templates: number, family: RoleFamily): Sentence {
    return {
      template: random.int(templates),
      slots: {
        domain: random.int(DOMAINS.length),
        tool: random.pick(family.skills),
        other: random.pick(family.skills),
        cloud: random.int(CLOUDS.length),
        practice: random.int(PRACTICES.length),
        n: random.between(3, 40),
        field: random.int(FIELDS.length),
        level: random.int(ENGLISH_LEVELS.length),
      },
    };
  }

  private duty(random: Rand, family: RoleFamily): Sentence {
    const s = this.sentence(random, 0, family);
    s.slots.verb = random.int(VERBS.length);
    // Family work two times in three, work any team does otherwise: openings of one role differ.
    s.slots.object = random.chance(0.65) ? random.int(family.objects.length) : -1 - random.int(GENERIC_OBJECTS.length);
    s.slots.purpose = random.int(PURPOSES.length);
    return s;
  }

  private salary(random: Rand, company: Company, level: Level, scope: Scope): Salary {
    const country = COUNTRIES[company.country]!;
    // Remote jobs for foreign employers pay in dollars; local ones in the local currency.
    const currency = country.currency !== 'BRL' && country.currency !== 'USD' && (scope === 'latam' || scope === 'global') && random.chance(0.6) ? 'USD' : country.currency;
    const contract = currency === 'BRL' ? (random.chance(0.55) ? 'clt' : 'pj') : random.chance(0.5) ? 'contractor' : 'employee';
    const period = currency === 'USD' || currency === 'EUR' ? random.weighted({ year: 5, month: 4, hour: 1 }) : contract === 'pj' && random.chance(0.15) ? 'hour' : 'month';
    const monthly = MONTHLY_BASE[currency]! * LEVEL_PAY[level] * (0.75 + random.next() * 0.5);
    const scale = period === 'year' ? 12 : period === 'hour' ? 1 / 160 : 1;
    const round = (x: number) => {
      const step = x >= 1_000_000 ? 100_000 : x >= 10_000 ? 1_000 : x >= 1_000 ? 100 : 5;
      return Math.max(step, Math.round(x / step) * step);
    };
    const min = round(monthly * scale);
    return { currency, period, min, max: round(min * (1.15 + random.next() * 0.35)), contract, shape: random.int(3) };
  }

  private otherCompany(base: Job, k: number, random: Rand): Job {
    const fresh = this.fresh(k, random);
    // Same title, level and much of the role text (agencies and job templates copy it), another employer.
    let company = drawZipf(this.zipf, random.next());
    if (company === base.company) company = (company + 1) % this.companies.length;
    const family = FAMILIES[base.family]!;
    const keep = (xs: Sentence[], redraw: () => Sentence) => xs.map((x) => (random.chance(0.6) ? x : redraw()));
    return {
      ...fresh,
      kind: 'same_title_other_company',
      truth: String(k),
      company,
      city: random.pick(this.companies[company]!.offices),
      country: this.companies[company]!.country,
      lang: base.lang,
      family: base.family,
      titleVariant: base.titleVariant,
      level: base.level,
      levelSpelling: base.levelSpelling,
      specialisation: base.specialisation,
      titleStyle: base.titleStyle,
      duties: keep(base.duties, () => this.duty(random, family)),
      requirements: keep(base.requirements, () => this.sentence(random, REQUIREMENTS.length, family)),
      roleIntro: base.roleIntro,
      goal: base.goal,
      skills: base.skills,
      years: base.years,
      benefits: fresh.benefits.filter((i) => i < this.companies[company]!.benefits.length),
    };
  }

  /**
   * The same company's opening of the same role in another office: only the place differs. Two
   * such openings of one job in the same city are one opening, so they share a truth id.
   */
  private otherCity(base: Job, k: number, random: Rand): Job | null {
    if (base.kind !== 'original' || (base.scope !== 'hybrid' && base.scope !== 'onsite')) return null;
    const cities = COUNTRIES[this.companies[base.company]!.country]!.cities.length;
    if (cities < 2) return null;
    const city = (base.city + 1 + random.int(cities - 1)) % cities;
    return {
      ...base,
      k,
      kind: 'same_company_other_city',
      truth: `${base.k}@${city}`,
      city,
      postedMs: this.postedMs(k, random),
      atsId: JOB_IDS + k,
      requisition: base.requisition && `${base.requisition}-${city}`,
    };
  }

  /** The same role at another level of the same company; two such openings at one level are one opening. */
  private otherLevel(base: Job, k: number, random: Rand): Job | null {
    if (base.kind !== 'original' || base.level === 'none') return null;
    const level = random.pick(SENIORITY_LEVELS.filter((l) => l !== base.level));
    const family = FAMILIES[base.family]!;
    const pay = (x: number) => Math.round((x * LEVEL_PAY[level]) / LEVEL_PAY[base.level]);
    return {
      ...base,
      k,
      kind: 'other_seniority',
      truth: `${base.k}#${level}`,
      level,
      years: random.between(...LEVEL_YEARS[level]),
      postedMs: this.postedMs(k, random),
      atsId: JOB_IDS + k,
      // A second opening of a role at another level rewrites part of the duties and requirements.
      duties: base.duties.map((d, i) => (i % 2 === 1 ? this.duty(random, family) : d)),
      requirements: base.requirements.map((r, i) => (i % 2 === 0 ? this.sentence(random, REQUIREMENTS.length, family) : r)),
      salary: base.salary && { ...base.salary, min: pay(base.salary.min), max: pay(base.salary.max) },
    };
  }


  // ---------- the stream ----------

  /** The postings in publication order (roughly: copies follow their job by up to weeks). */
  *postings(): Generator<CorpusPosting> {
    let jobs = 0;
    const copyKinds = Object.keys(COPY_RATES) as CopyKind[];
    for (let i = 0; i < this.size; i++) {
      const random = new Rand(this.seed, 3, i);
      let x = random.next();
      let kind: CopyKind | null = null;
      for (const c of copyKinds) {
        if (x < COPY_RATES[c]) {
          kind = c;
          break;
        }
        x -= COPY_RATES[c];
      }
      if (!kind || jobs === 0) {
        yield this.render(this.job(jobs++), { index: i, random });
        continue;
      }
      const window = Math.min(jobs, Math.ceil(this.jobsPerDay * COPY_MAX_DAYS[kind]));
      const job = this.job(jobs - 1 - random.int(window));
      yield this.copy(job, kind, i, random);
    }
  }

  private copy(job: Job, kind: CopyKind, index: number, random: Rand): CorpusPosting {
    const company = this.companies[job.company]!;
    const postedMs = job.postedMs + random.next() * COPY_MAX_DAYS[kind] * 86_400_000;
    switch (kind) {
      case 'cross_post':
        // The employer posts the same text on another board: same words, the board's own location
        // format; half link to the same ATS page (with tracking), some drop the legal suffix.
        return this.render(job, {
          index,
          random,
          kind,
          board: (job.board + 1 + random.int(BOARDS.length - 1)) % BOARDS.length,
          postedMs,
          locationFormat: random.int(4),
          trackedApplyUrl: random.chance(0.5),
          company: random.chance(0.3) ? company.shortName : undefined,
        });
      case 'repost':
        return this.render(
          { ...job, postedMs: job.postedMs + (7 + random.next() * (COPY_MAX_DAYS.repost - 7)) * 86_400_000, atsId: REPOST_IDS + index, requisition: job.requisition && `${job.requisition}R` },
          { index, random, kind, reopened: random.chance(0.5) },
        );
      case 'edited_copy':
        return this.render(job, {
          index,
          random,
          kind,
          board: -1,
          postedMs,
          aggregator: true,
          company: random.chance(0.05) ? null : random.pick([company.shortName, company.shortName.toUpperCase(), company.name]),
          levelSpelling: random.int(3),
          locationFormat: random.int(4),
          dropLocation: random.chance(0.1),
        });
      case 'translated':
        return this.render({ ...job, lang: translationLanguage(job.lang, COUNTRIES[company.country]!.lang, random) }, {
          index,
          random,
          kind,
          postedMs,
          board: random.chance(0.5) ? job.board : random.int(BOARDS.length),
        });
    }
  }

  // ---------- rendering ----------

  private render(
    job: Job,
    o: {
      index: number;
      random: Rand;
      kind?: CopyKind;
      board?: number;
      postedMs?: number;
      locationFormat?: number;
      levelSpelling?: number;
      trackedApplyUrl?: boolean;
      company?: string | null;
      aggregator?: boolean;
      dropLocation?: boolean;
      reopened?: boolean;
    },
  ): CorpusPosting {
    const { random } = o;
    const company = this.companies[job.company]!;
    const L = job.lang;
    const title = this.title(job, o.levelSpelling ?? job.levelSpelling);
    const companyName = o.company === undefined ? company.name : o.company;
    const blocks = this.blocks(job, title);
    if (o.reopened) blocks.unshift({ lines: [REOPENED_LINE[L]] });
    if (o.aggregator) this.aggregatorEdits(job, blocks, random);
    const boardIndex = o.board ?? job.board;
    const sourceId = boardIndex < 0 ? 'aggregator' : BOARDS[boardIndex]!;
    const externalId = String(o.index);
    const atsUrl = `https://${company.slug}.${company.ats}/jobs/${job.atsId}`;
    const applyUrl = o.trackedApplyUrl
      ? `${atsUrl}?utm_source=${sourceId}&utm_medium=jobboard`
      : o.kind === 'cross_post' || o.aggregator || (o.kind === 'translated' && boardIndex !== job.board)
        ? `https://${sourceId}.example/jobs/${o.index}`
        : o.kind === 'translated'
          ? `${atsUrl}?lang=${LANGS[L]}`
          : atsUrl;
    let title2 = title;
    if (o.aggregator && random.chance(0.5)) title2 += random.pick([' (Remote)', ' - Remoto', ' | LATAM', ' - 100% Remoto', ' [Remote]', ' (Home Office)']);
    return {
      id: `${sourceId}:${externalId}`,
      sourceId,
      externalId,
      title: title2,
      company: companyName,
      location: o.dropLocation ? null : this.location(job, o.locationFormat ?? job.locationFormat),
      remoteScope: this.remoteScope(job),
      postedAt: new Date(o.postedMs ?? job.postedMs).toISOString(),
      applyUrl,
      salaryText: job.salary ? salaryText(job.salary, L) : random.chance(0.3) ? (['a combinar', 'A convenir', 'Competitive'] as const)[L] : null,
      employmentType: job.level === 'intern' ? 'internship' : job.salary?.contract === 'pj' || job.salary?.contract === 'contractor' ? 'contractor' : 'full_time',
      skills: job.skills,
      language: LANGS[L],
      text: plainText(blocks),
      blocks,
      truth: { job: job.truth, kind: o.kind ?? job.kind },
    };
  }

  private title(job: Job, spelling: number): string {
    const family = FAMILIES[job.family]!;
    const L = job.lang;
    const titles = family.titles[L];
    let title = titles[job.titleVariant % titles.length]!;
    if (job.level !== 'none') {
      const words = LEVEL_WORDS[job.level][L];
      const word = words[spelling % words.length]!;
      // English puts the level first ("Senior Data Engineer", but "Data Science Intern", "Data Engineer II"); Portuguese and Spanish after.
      title = L === 2 && job.level !== 'intern' && word !== 'II' ? `${word} ${title}` : `${title} ${word}`;
    }
    if (job.specialisation >= 0) {
      const spec = family.specialisations[job.specialisation]![L];
      title = job.titleStyle === 0 ? `${title} - ${spec}` : `${title} (${spec})`;
    }
    return title;
  }

  private remoteScope(job: Job): RemoteScope {
    switch (job.scope) {
      case 'country':
        return COUNTRIES[job.country]!.iso2 === 'BR' ? 'brazil' : 'countries';
      case 'hybrid':
      case 'onsite':
      case 'global':
      case 'latam':
      case 'americas':
        return job.scope;
    }
  }

  private location(job: Job, format: number): string | null {
    const L = job.lang;
    const country = COUNTRIES[job.country]!;
    const [city, region] = COUNTRIES[this.companies[job.company]!.country]!.cities[job.city]!;
    const name = country.name[L];
    const f = format % 4;
    switch (job.scope) {
      case 'global':
        return [['Remoto', 'Remoto', 'Remote'][L], 'Worldwide', ['Qualquer lugar', 'Cualquier lugar', 'Anywhere'][L], null][f] ?? null;
      case 'latam':
        return ['LATAM', ['Remoto - América Latina', 'Remoto - Latinoamérica', 'Remote - Latin America'][L], 'Remote (LATAM)', ['América Latina', 'Latinoamérica', 'Latin America'][L]][f]!;
      case 'americas':
        return ['Americas', ['Remoto (Américas)', 'Remoto (Américas)', 'Remote (Americas)'][L], 'Anywhere in the Americas', 'Americas (UTC-8 to UTC-3)'][f]!;
      case 'country':
        return [`${['Remoto', 'Remoto', 'Remote'][L]} - ${name}`, `${name} (${['remoto', 'remoto', 'remote'][L]})`, name, country.iso2 === 'US' ? 'Remote (US only)' : `Remote, ${country.name[2]}`][f]!;
      case 'hybrid':
        return [`${city}, ${region} (${['híbrido', 'híbrido', 'hybrid'][L]})`, `${['Híbrido', 'Híbrido', 'Hybrid'][L]} - ${city}`, `${city} - ${region}, ${name}`, `${city}, ${name}`][f]!;
      case 'onsite':
        return [`${city}, ${region}`, `${['Presencial', 'Presencial', 'On-site'][L]} - ${city}`, `${city}, ${name}`, `${city} - ${region}`][f]!;
    }
  }

  private say(s: Sentence, template: string, L: Lang, family: RoleFamily, extra: Record<string, string> = {}, variant = 0): string {
    const { slots } = s;
    return fill(template, {
      d: DOMAINS[slots.domain]![L],
      tool: slots.tool,
      a: slots.tool,
      b: slots.other === slots.tool ? (family.skills.find((x) => x !== slots.tool) ?? slots.other) : slots.other,
      cloud: CLOUDS[slots.cloud]!,
      practice: PRACTICES[slots.practice]![L],
      n: slots.n,
      field: FIELDS[slots.field]![L],
      level: ENGLISH_LEVELS[slots.level]![L],
      ...extra,
    }, variant);
  }

  private dutyText(s: Sentence, L: Lang, family: RoleFamily): string {
    const purpose = PURPOSES[s.slots.purpose!]![L];
    const object = s.slots.object! >= 0 ? family.objects[s.slots.object!]! : GENERIC_OBJECTS[-1 - s.slots.object!]!;
    return `${VERBS[s.slots.verb!]![L]} ${object[L]}${purpose ? ` ${this.say(s, purpose, L, family)}` : ''}.`;
  }

  private blocks(job: Job, title: string): Block[] {
    const L = job.lang;
    const company = this.companies[job.company]!;
    const family = FAMILIES[job.family]!;
    const sector = SECTORS[company.sector]!;
    const h = (key: keyof typeof HEADERS) => HEADERS[key][company.headerStyle % HEADERS[key].length]![L];
    // The company's way of saying the line known by `line` (any number that tells lines apart).
    const style = (line: number) => (company.phrasing + line * 7919) >>> 0;
    const intro = [
      fill(INTRO_LINE[L], { company: company.shortName, kind: sector.kind[L], mission: sector.missions[company.mission % sector.missions.length]![L] }, style(1)),
      fill(COMPANY_FACTS[company.fact.template]![L], company.fact, style(2)),
    ];
    if (company.culture) intro.push(fill(CULTURE_LINE[L], { a: CULTURE_VALUES[company.culture[0]]![L], b: CULTURE_VALUES[company.culture[1]]![L] }, style(3)));
    const blocks: Block[] = [{ header: company.about ? HEADERS.about[company.headerStyle % 2]![L] : undefined, lines: [intro.join(' ')] }];
    const role = [this.say(job.roleIntro, ROLE_INTROS[job.roleIntro.template]![L], L, family, { title, goal: family.goals[job.goal % family.goals.length]![L] })];
    if (job.project) role.push(fill(PROJECTS[job.project.template]![L], { p: PROJECT_TOPICS[job.project.topic]![L] }));
    blocks.push({ lines: [role.join(' ')] });
    blocks.push({ header: h('duties'), list: true, lines: job.duties.map((s) => this.dutyText(s, L, family)) });
    const requirements = job.years > 1 ? [fill(YEARS_LINE[L], { y: job.years }, style(4))] : [];
    for (const r of job.requirements) requirements.push(this.say(r, REQUIREMENTS[r.template]![L], L, family, {}, style(100 + r.template)));
    blocks.push({ header: h('requirements'), list: true, lines: requirements });
    if (job.nice.length) blocks.push({ header: h('nice'), list: true, lines: job.nice.map((s) => this.say(s, NICE_TO_HAVE[s.template]![L], L, family)) });
    const benefits = job.benefits.map((i) => company.benefits[i]!).map((b) => fill(BENEFITS[b.index]!.text[L], { n: b.n }, style(200 + b.index)));
    blocks.push({ header: h('benefits'), list: true, lines: benefits });
    const practical: string[] = [];
    const [city] = COUNTRIES[company.country]!.cities[job.city]!;
    const model = WORK_MODEL[job.scope];
    practical.push(fill(model[L], { place: job.scope === 'country' ? COUNTRIES[job.country]!.name[L] : city }, style(5)));
    if (job.salary && job.salaryInText) practical.push(fill(SALARY_LINE[L], { salary: salaryText(job.salary, L) }));
    if (job.hiring >= 0) practical.push(fill(HIRING_STEPS[job.hiring]![L], { n: 10 + (job.atsId % 20) }));
    blocks.push({ lines: practical });
    const closing: string[] = [];
    if (company.eeo >= 0) closing.push(fill(EEO[company.eeo]![L], { company: company.shortName }));
    const last = fill(CLOSINGS[job.closing]![L], { d: DOMAINS[sector.domain]![L] });
    if (last) closing.push(last);
    if (job.requisition) closing.push(fill(REQUISITION_LINE[L], { code: job.requisition }));
    if (closing.length) blocks.push({ lines: closing });
    return blocks;
  }

  /** What aggregators do to a posting: a source line, a section or two dropped, a sentence reworded, the end cut. */
  private aggregatorEdits(job: Job, blocks: Block[], random: Rand): void {
    const L = job.lang;
    blocks.unshift({ lines: [fill(random.pick(AGGREGATOR_LINES)[L], { board: random.pick(AGGREGATORS) })] });
    for (let drops = random.between(1, 2); drops > 0; drops--) {
      const droppable = blocks.map((b, i) => i).filter((i) => i > 2 && i < blocks.length - 1);
      if (droppable.length) blocks.splice(random.pick(droppable), 1);
    }
    const family = FAMILIES[job.family]!;
    const duties = blocks.find((b) => b.list);
    if (duties && random.chance(0.5)) {
      duties.lines[random.int(duties.lines.length)] = this.dutyText(this.duty(random, family), L, family);
    }
    if (random.chance(0.3)) {
      const keep = Math.max(3, Math.ceil(blocks.length * 0.75));
      blocks.splice(keep, blocks.length - keep, { lines: ['…'] });
    }
  }
}

/** English jobs are translated into the employer's language (Portuguese or Spanish for US employers), the others into English. */
function translationLanguage(lang: Lang, home: Lang, random: Rand): Lang {
  if (lang !== 2) return 2;
  return home !== 2 ? home : random.pick([0, 1] as const);
}

function money(x: number, currency: string, L: Lang): string {
  // Portuguese and most Spanish-speaking boards write 12.000; US boards and Mexico write 12,000.
  const sep = L === 2 || currency === 'USD' || currency === 'MXN' || currency === 'PEN' ? ',' : '.';
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function salaryText(s: Salary, L: Lang): string {
  const { currency, period, min, max } = s;
  const per = { month: ['/mês', ' mensuales', ' / month'], year: ['/ano', ' anuales', ' per year'], hour: ['/hora', ' por hora', '/hour'] }[period][L]!;
  if (currency === 'BRL') {
    const contract = s.contract === 'clt' ? 'CLT' : 'PJ';
    if (s.shape === 0 && max >= 1000 && period === 'month') return `R$ ${Math.round(max / 1000)} mil ${contract}`;
    return `R$ ${money(min, currency, 0)} - R$ ${money(max, currency, 0)}${per} (${contract})`;
  }
  if (currency === 'USD' && period === 'year' && s.shape === 0) return `$${Math.round(min / 1000)}k - $${Math.round(max / 1000)}k`;
  if (currency === 'EUR' && period === 'year' && s.shape === 0) return `€${Math.round(min / 1000)}k–€${Math.round(max / 1000)}k`;
  if (currency === 'PEN') return `S/ ${money(min, currency, L)} - ${money(max, currency, L)}${per}`;
  const gross = s.shape === 2 ? ['', ' brutos', ' gross'][L] : '';
  return `${currency} ${money(min, currency, L)} - ${money(max, currency, L)}${gross}${per}`;
}

function plainText(blocks: Block[]): string {
  return blocks
    .map((b) => [b.header, ...b.lines.map((line) => (b.list ? `- ${line}` : line))].filter(Boolean).join('\n'))
    .join('\n\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The description as a board's HTML: headers, paragraphs and lists. */
export function descriptionHtml(p: Pick<CorpusPosting, 'blocks'>): string {
  return p.blocks
    .map((b) => {
      const header = b.header ? `<h3>${escapeHtml(b.header)}</h3>` : '';
      const body = b.list ? `<ul>${b.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : b.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
      return header + body;
    })
    .join('');
}

/** What a source adapter would have extracted from this posting. */
export function toExtracted(p: CorpusPosting): ExtractedPosting {
  return {
    title: p.title,
    company: p.company,
    location: p.location,
    postedAt: p.postedAt,
    applyUrl: p.applyUrl,
    descriptionHtml: descriptionHtml(p),
    salaryText: p.salaryText,
    tags: p.skills,
    employmentType: p.employmentType,
    remote: null,
  };
}

/** The posting as a Remotive feed lists it (the adapter the corpus's sources use); `shiftMs` moves its date. */
export function remotiveItem(p: CorpusPosting, shiftMs = 0): Record<string, unknown> {
  return {
    id: p.externalId,
    url: p.applyUrl,
    title: p.title,
    company_name: p.company,
    tags: p.skills,
    job_type: p.employmentType,
    publication_date: new Date(Date.parse(p.postedAt) + shiftMs).toISOString(),
    candidate_required_location: p.location,
    salary: p.salaryText,
    description: descriptionHtml(p),
  };
}

/** Postings as the normalize stage stages them from raw_postings (PendingRawLine NDJSON, in UTF-8), fetched from Remotive feeds. */
export function rawNdjson(postings: Iterable<CorpusPosting>, shiftMs = 0): Buffer {
  const lines: string[] = [];
  for (const p of postings) lines.push(JSON.stringify({ sourceId: p.sourceId, externalId: p.externalId, rawContentHash: p.id, adapter: 'remotive', payload: remotiveItem(p, shiftMs) }));
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** `size` postings from `seed`; see Corpus. */
export function generateCorpus(size: number, seed = 42): Generator<CorpusPosting> {
  return new Corpus(size, seed).postings();
}

// ---------- variations of the demo fixtures ----------
// The first, small generator: the demo feeds' ~20 postings with other titles, companies, places and
// salaries. Too repetitive for dedupe (every posting is a near-copy of 1/20 of the corpus), but the
// normalize pool's test uses it for real adapter output.

const DEMO_LOCATIONS = ['Worldwide', 'LATAM', 'Brasil', 'Remote (US only)', 'Americas', 'México', 'Remoto - Colombia', null, 'Híbrido em São Paulo', 'Anywhere (UTC-3 to UTC+1)'];
const DEMO_SALARIES = ['$60k - $80k', 'R$ 12.000 - R$ 15.000/mês (CLT)', 'USD 4,000 - 6,000 / month', 'a combinar', '', 'MXN 55,000 - 70,000 mensuales', '€50k–€65k', 'R$ 18 mil PJ'];
const DEMO_PREFIXES = ['', 'Senior ', 'Sr. ', 'Júnior ', 'Pleno ', 'Staff ', 'Semi Senior ', 'Lead '];

/** The demo feeds' postings as their adapters extract them. */
export async function baseItems(): Promise<ExtractedPosting[]> {
  const dir = join(PROJECT_ROOT, 'fixtures/demo-sources');
  const remotive = await remotiveAdapter.parse(readFileSync(join(dir, 'remotive.json'), 'utf8'));
  const rss = await rssAdapter.parse(readFileSync(join(dir, 'weworkremotely.rss'), 'utf8'));
  return [...remotive.items.map((i) => remotiveAdapter.extract(i.payload)), ...rss.items.map((i) => rssAdapter.extract(i.payload))];
}

export function* syntheticPostings(base: ExtractedPosting[], count: number, seed = 42): Generator<ExtractedPosting> {
  const random = new Rand(seed);
  for (let i = 0; i < count; i++) {
    const item = random.pick(base);
    yield {
      ...item,
      title: `${random.pick(DEMO_PREFIXES)}${item.title}`,
      company: `${item.company ?? 'Company'} ${i % 5000}`,
      location: random.pick(DEMO_LOCATIONS),
      salaryText: random.pick(DEMO_SALARIES) || item.salaryText,
      applyUrl: item.applyUrl ? `${item.applyUrl}?v=${i}` : null,
    };
  }
}
