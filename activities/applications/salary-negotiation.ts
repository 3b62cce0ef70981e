import type { SalaryFacts } from '../../warehouse/applications.js';
import { quantile } from './quantile.js';

/** Fewer similar jobs than this and no figure is shown: a quartile of three salaries says nothing. */
export const MIN_SALARY_SAMPLE = 5;
/** Jobs posted within this many days of the newest job count as the market. */
export const SALARY_WINDOW_DAYS = 365;
/** Skill overlap (Jaccard) from which two jobs count as asking for similar skills. */
export const SKILL_SIMILARITY_MIN = 0.2;

export interface Percentiles {
  p25: number | null;
  p50: number | null;
  p75: number | null;
}

export interface SalaryBand {
  sampleSize: number;
  /** Per month; all null when sampleSize < MIN_SALARY_SAMPLE. */
  usd: Percentiles;
  brl: Percentiles;
}

type Criterion = 'category' | 'seniority' | 'remoteScope' | 'skills';

export interface SalaryNegotiation {
  job: { clusterId: string; category: string; seniority: string; remoteScope: string; contractType: string; statedUsdMonth: number | null; statedBrlMonth: number | null };
  minSample: number;
  /** What "similar" meant for the figures: the strictest criteria with enough jobs, else the loosest tried. */
  criteria: Criterion[];
  /** Every set of criteria tried, strictest first, with how many jobs met it. */
  tried: { criteria: Criterion[]; sampleSize: number }[];
  market: SalaryBand;
  /** CLT (Brazilian employment, 13th salary and FGTS on top) and PJ (contracting through a company) apart. */
  byContract: { clt: SalaryBand; pj: SalaryBand };
}

const NO_FIGURES: Percentiles = { p25: null, p50: null, p75: null };

function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 || right.size === 0) return 0;
  const shared = [...left].filter((s) => right.has(s)).length;
  return shared / (left.size + right.size - shared);
}

function band(peers: readonly SalaryFacts[]): SalaryBand {
  const enough = peers.length >= MIN_SALARY_SAMPLE;
  const of = (values: number[]): Percentiles =>
    enough ? { p25: money(quantile(values, 0.25)), p50: money(quantile(values, 0.5)), p75: money(quantile(values, 0.75)) } : NO_FIGURES;
  return { sampleSize: peers.length, usd: of(peers.map((p) => p.usdMonth as number)), brl: of(peers.map((p) => p.brlMonth as number)) };
}

/**
 * Market quartiles of the salaries of jobs like this one. Criteria are relaxed one at a time
 * (skills, then remote scope, then seniority) until at least MIN_SALARY_SAMPLE jobs qualify; the
 * job family always stays. A seniority the posting does not state is not a criterion.
 */
export function salaryNegotiation(job: SalaryFacts, peers: readonly SalaryFacts[]): SalaryNegotiation {
  const tests: Record<Criterion, (p: SalaryFacts) => boolean> = {
    category: (p) => p.category === job.category,
    seniority: (p) => p.seniority === job.seniority,
    remoteScope: (p) => p.remoteScope === job.remoteScope,
    skills: (p) => jaccard(p.skills, job.skills) >= SKILL_SIMILARITY_MIN,
  };
  const strictest: Criterion[] = job.seniority === 'unknown' ? ['category', 'remoteScope', 'skills'] : ['category', 'seniority', 'remoteScope', 'skills'];
  const levels = strictest.map((_, i) => strictest.slice(0, strictest.length - i));
  const tried = levels.map((criteria) => ({ criteria, peers: peers.filter((p) => criteria.every((c) => tests[c](p))) }));
  const chosen = tried.find((t) => t.peers.length >= MIN_SALARY_SAMPLE) ?? (tried[tried.length - 1] as (typeof tried)[number]);
  return {
    job: {
      clusterId: job.clusterId,
      category: job.category,
      seniority: job.seniority,
      remoteScope: job.remoteScope,
      contractType: job.contractType,
      statedUsdMonth: job.usdMonth,
      statedBrlMonth: job.brlMonth,
    },
    minSample: MIN_SALARY_SAMPLE,
    criteria: chosen.criteria,
    tried: tried.map((t) => ({ criteria: t.criteria, sampleSize: t.peers.length })),
    market: band(chosen.peers),
    byContract: { clt: band(chosen.peers.filter((p) => p.contractType === 'clt')), pj: band(chosen.peers.filter((p) => p.contractType === 'pj')) },
  };
}

const money = (x: number | null) => (x === null ? null : Math.round(x));
