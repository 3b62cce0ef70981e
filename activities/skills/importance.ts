// The importance formula of a missing skill (README "Skill gaps and applications"). Every input is
// a plain number so the formula can be checked by hand; each constant is named here, once.

export type Requirement = 'required' | 'nice' | 'unspecified';

/** What one target job asking for the skill counts: a requirement fully, an unlabelled mention nearly, a nice-to-have less. */
export const REQUIREMENT_WEIGHT: Record<Requirement, number> = { required: 1, unspecified: 0.75, nice: 0.4 };

/** Target jobs weigh most: they are the jobs the user chose; the market and its trend refine the order. */
export const IMPORTANCE_WEIGHTS = { target: 0.6, market: 0.25, trend: 0.15 } as const;

/** Each related skill the user already has is a head start; two of them halve what is left to learn. */
export const PARTIAL_CREDIT_PER_RELATED = 0.25;
export const MAX_PARTIAL_CREDIT = 0.5;

/**
 * Trend: the skill's share of jobs in the last 30 days against its share in the 60 days before.
 * Fewer than MIN_JOBS jobs in either window says nothing; a change within STABLE_PP percentage
 * points is stable; FULL_SCALE_PP points up (or down) is the whole trend score of 1 (or 0).
 */
export const TREND = { minJobs: 5, stablePp: 5, fullScalePp: 20 } as const;

export interface WindowCount {
  /** Jobs in the window asking for the skill. */
  jobs: number;
  /** Jobs in the window. */
  total: number;
}

export interface Trend {
  direction: 'rising' | 'stable' | 'falling' | 'unknown';
  /** Share in the last 30 days minus share in days 31–90, in percentage points; null when unknown. */
  changePp: number | null;
  /** 0 (falling fast) … 0.5 (flat or unknown) … 1 (rising fast). */
  score: number;
}

export const share = (w: WindowCount): number => (w.total > 0 ? w.jobs / w.total : 0);

export function trendOf(last30: WindowCount, prior60: WindowCount): Trend {
  if (last30.total < TREND.minJobs || prior60.total < TREND.minJobs) return { direction: 'unknown', changePp: null, score: 0.5 };
  const changePp = round((share(last30) - share(prior60)) * 100, 1);
  const direction = changePp >= TREND.stablePp ? 'rising' : changePp <= -TREND.stablePp ? 'falling' : 'stable';
  return { direction, changePp, score: round(0.5 + clamp(changePp / TREND.fullScalePp, -1, 1) / 2, 4) };
}

export function partialCredit(relatedHeld: number): number {
  return Math.min(MAX_PARTIAL_CREDIT, relatedHeld * PARTIAL_CREDIT_PER_RELATED);
}

export interface ImportanceInput {
  /** How many target jobs ask for the skill, by how they ask. */
  requirements: Record<Requirement, number>;
  targets: number;
  /** The skill's share of jobs in the last 90 days, and the highest share any skill has there. */
  share90: number;
  maxShare90: number;
  trendScore: number;
  partialCredit: number;
}

export interface Importance {
  /** 0–100. */
  importance: number;
  /** Each in [0, 1], before weighting. */
  components: { target: number; market: number; trend: number };
}

/**
 * importance = 100 × (0.6 × target + 0.25 × market + 0.15 × trend) × (1 − partial credit), where
 * target = Σ requirement weights over target jobs ÷ target jobs, market = share90 ÷ the top skill's
 * share90, trend = the trend score.
 */
export function importance(i: ImportanceInput): Importance {
  const weighted = (Object.keys(REQUIREMENT_WEIGHT) as Requirement[]).reduce((sum, r) => sum + REQUIREMENT_WEIGHT[r] * i.requirements[r], 0);
  const components = {
    target: i.targets > 0 ? round(weighted / i.targets, 4) : 0,
    market: i.maxShare90 > 0 ? round(i.share90 / i.maxShare90, 4) : 0,
    trend: i.trendScore,
  };
  const w = IMPORTANCE_WEIGHTS;
  const score = 100 * (w.target * components.target + w.market * components.market + w.trend * components.trend) * (1 - i.partialCredit);
  return { importance: round(score, 1), components };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
