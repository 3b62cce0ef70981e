import { APPLICATION_STATUSES, type ApplicationStatus, type StatusHistory } from '../../warehouse/applications.js';
import { daysBetween, quantile } from './quantile.js';
import { EMPLOYER_RESPONSES, PIPELINE_STAGES, stageIndex, type PipelineStage } from './status-machine.js';

/** Match-score bands for response rates: the score the active matcher gave when tracking started. */
export const MATCH_BANDS = [
  { band: 'high', min: 0.7 },
  { band: 'medium', min: 0.5 },
  { band: 'low', min: 0 },
] as const;
export type MatchBand = (typeof MATCH_BANDS)[number]['band'] | 'unknown';

export function matchBand(score: number | null): MatchBand {
  if (score === null) return 'unknown';
  return MATCH_BANDS.find((b) => score >= b.min)?.band ?? 'low';
}

export interface ResponseRate {
  key: string;
  /** Applications sent (they reached "applied" or later). */
  applied: number;
  /** Of those, how many the employer answered (screening, interview, offer or rejected). */
  responded: number;
  rate: number | null;
}

export interface FunnelAnalytics {
  applications: number;
  /** Applications in each status now. */
  current: Record<ApplicationStatus, number>;
  /** Applications that reached each stage or a later one. */
  reached: Record<PipelineStage, number>;
  /** Share of applications reaching a stage that went on to the next (reached[to] ÷ reached[from]). */
  conversions: { from: PipelineStage; to: PipelineStage; rate: number | null }[];
  /** Finished stays in each status, in days; `open` stays are the ones still going. */
  timeInStage: { status: ApplicationStatus; stays: number; medianDays: number | null; meanDays: number | null; open: number }[];
  responseRate: { overall: ResponseRate; bySource: ResponseRate[]; byMatchBand: ResponseRate[] };
  /** Days from applying to the employer's first answer. */
  daysToFirstResponse: { responses: number; medianDays: number | null };
}

const FINAL: ReadonlySet<ApplicationStatus> = new Set(['rejected', 'withdrawn']);

/** When the application was sent: its first status at "applied" or beyond; null if never sent. */
export function appliedAt(h: StatusHistory): string | null {
  return h.path.find((p) => stageIndex(p.status) >= stageIndex('applied'))?.at ?? null;
}

/** When the employer first answered; null before any answer. */
export function firstResponseAt(h: StatusHistory): string | null {
  return h.path.find((p) => EMPLOYER_RESPONSES.has(p.status))?.at ?? null;
}

/** Each finished stay: the status, how long it lasted, and what came next. */
export function stays(h: StatusHistory): { status: ApplicationStatus; days: number; next: ApplicationStatus }[] {
  return h.path.slice(0, -1).map((p, i) => {
    const next = h.path[i + 1] as StatusHistory['path'][number];
    return { status: p.status, days: daysBetween(p.at, next.at), next: next.status };
  });
}

export function funnelAnalytics(histories: readonly StatusHistory[]): FunnelAnalytics {
  const furthest = (h: StatusHistory) => Math.max(...h.path.map((p) => stageIndex(p.status)));
  const reached = Object.fromEntries(PIPELINE_STAGES.map((stage, i) => [stage, histories.filter((h) => furthest(h) >= i).length])) as Record<PipelineStage, number>;
  const conversions = PIPELINE_STAGES.slice(1).map((to, i) => {
    const from = PIPELINE_STAGES[i] as PipelineStage;
    return { from, to, rate: ratio(reached[to], reached[from]) };
  });

  const allStays = histories.flatMap(stays);
  const timeInStage = APPLICATION_STATUSES.map((status) => {
    const days = allStays.filter((s) => s.status === status).map((s) => s.days);
    return {
      status,
      stays: days.length,
      medianDays: roundDays(quantile(days, 0.5)),
      meanDays: days.length ? roundDays(days.reduce((a, b) => a + b, 0) / days.length) : null,
      open: histories.filter((h) => h.status === status && !FINAL.has(status)).length,
    };
  });

  const sent = histories.filter((h) => appliedAt(h) !== null);
  const rate = (key: string, group: readonly StatusHistory[]): ResponseRate => {
    const responded = group.filter((h) => firstResponseAt(h) !== null).length;
    return { key, applied: group.length, responded, rate: ratio(responded, group.length) };
  };
  const groupBy = (keyOf: (h: StatusHistory) => string) =>
    [...new Set(sent.map(keyOf))].sort().map((key) => rate(key, sent.filter((h) => keyOf(h) === key)));
  const waits = sent.flatMap((h) => {
    const answered = firstResponseAt(h);
    return answered ? [daysBetween(appliedAt(h) as string, answered)] : [];
  });

  return {
    applications: histories.length,
    current: Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, histories.filter((h) => h.status === s).length])) as Record<ApplicationStatus, number>,
    reached,
    conversions,
    timeInStage,
    responseRate: { overall: rate('all', sent), bySource: groupBy((h) => h.source), byMatchBand: groupBy((h) => matchBand(h.matchScore)) },
    daysToFirstResponse: { responses: waits.length, medianDays: roundDays(quantile(waits, 0.5)) },
  };
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const roundDays = (days: number | null) => (days === null ? null : Math.round(days * 100) / 100);
