import { listValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { ApplicationStatus, SalaryFacts, StatusHistory } from '../../warehouse/applications.js';
import { Warehouse } from '../../warehouse/db.js';
import { FOLLOW_UP_DEFAULT_DAYS, GHOSTED_AFTER_DAYS, suggestFollowUp } from './follow-up.js';
import { funnelAnalytics, matchBand } from './funnel.js';
import { quantile } from './quantile.js';
import { MIN_SALARY_SAMPLE, salaryNegotiation } from './salary-negotiation.js';
import { IllegalTransitionError, TRANSITIONS, assertTransition } from './status-machine.js';

const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString();

/** An application's history from (status, day) steps. */
function history(id: string, steps: [ApplicationStatus, number][], extra: Partial<StatusHistory> = {}): StatusHistory {
  const path = steps.map(([status, d]) => ({ status, at: day(d) }));
  const last = path[path.length - 1] as StatusHistory['path'][number];
  return { id, source: 'remotive', matchScore: 0.6, status: last.status, statusChangedAt: last.at, path, ...extra };
}

describe('application statuses', () => {
  it('allow forward moves and answers, never backwards, nothing after the end', () => {
    expect(() => assertTransition('saved', 'applied')).not.toThrow();
    expect(() => assertTransition('applied', 'interview')).not.toThrow();
    expect(() => assertTransition('ghosted', 'interview')).not.toThrow();
    expect(() => assertTransition('saved', 'interview')).toThrow(IllegalTransitionError);
    expect(() => assertTransition('interview', 'screening')).toThrow(/cannot move from interview to screening \(allowed: offer, rejected, withdrawn, ghosted\)/);
    expect(() => assertTransition('rejected', 'applied')).toThrow(/rejected is final/);
    for (const [from, targets] of Object.entries(TRANSITIONS)) expect(targets).not.toContain(from);
  });
});

describe('funnel analytics', () => {
  const histories = [
    history('a', [['saved', 0], ['applied', 1], ['screening', 5], ['interview', 9], ['offer', 20]], { source: 'referral', matchScore: 0.8 }),
    history('b', [['applied', 0], ['rejected', 3]], { matchScore: 0.55 }),
    history('c', [['applied', 2], ['interview', 12], ['rejected', 15]], { matchScore: 0.4 }),
    history('d', [['applied', 4], ['ghosted', 40]], { matchScore: null }),
    history('e', [['saved', 1], ['withdrawn', 2]]),
  ];
  const f = funnelAnalytics(histories);

  it('counts each stage reached or passed, and the conversions between them', () => {
    expect(f.applications).toBe(5);
    // c went straight from applied to interview: it passed screening.
    expect(f.reached).toEqual({ saved: 5, applied: 4, screening: 2, interview: 2, offer: 1 });
    expect(f.current).toMatchObject({ offer: 1, rejected: 2, ghosted: 1, withdrawn: 1, applied: 0 });
    expect(f.conversions).toEqual([
      { from: 'saved', to: 'applied', rate: 0.8 },
      { from: 'applied', to: 'screening', rate: 0.5 },
      { from: 'screening', to: 'interview', rate: 1 },
      { from: 'interview', to: 'offer', rate: 0.5 },
    ]);
  });

  it('times each finished stay in a status', () => {
    const applied = f.timeInStage.find((t) => t.status === 'applied');
    // a: 4 days, b: 3, c: 10, d: 36
    expect(applied).toEqual({ status: 'applied', stays: 4, medianDays: 7, meanDays: 13.25, open: 0 });
    expect(f.timeInStage.find((t) => t.status === 'offer')).toMatchObject({ stays: 0, medianDays: null, open: 1 });
  });

  it('rates responses by source and by match band', () => {
    expect(f.responseRate.overall).toEqual({ key: 'all', applied: 4, responded: 3, rate: 0.75 });
    expect(f.responseRate.bySource).toEqual([
      { key: 'referral', applied: 1, responded: 1, rate: 1 },
      { key: 'remotive', applied: 3, responded: 2, rate: 0.6667 },
    ]);
    expect(f.responseRate.byMatchBand).toEqual([
      { key: 'high', applied: 1, responded: 1, rate: 1 },
      { key: 'low', applied: 1, responded: 1, rate: 1 },
      { key: 'medium', applied: 1, responded: 1, rate: 1 },
      { key: 'unknown', applied: 1, responded: 0, rate: 0 },
    ]);
    // a: 4 days, b: 3, c: 10
    expect(f.daysToFirstResponse).toEqual({ responses: 3, medianDays: 4 });
    expect([0.7, 0.69, 0.5, 0.1, null].map(matchBand)).toEqual(['high', 'medium', 'medium', 'low', 'unknown']);
  });
});

describe('follow-up suggestions', () => {
  const open = history('open', [['saved', 0], ['applied', 10]]);

  it('wait the documented default before there is history', () => {
    expect(suggestFollowUp(open, [open], new Date(day(12)))).toMatchObject({ action: 'wait', waitDays: FOLLOW_UP_DEFAULT_DAYS.applied, basis: 'default', followUpOn: day(17).slice(0, 10), historySample: 0 });
    expect(suggestFollowUp(open, [open], new Date(day(17)))).toMatchObject({ action: 'follow_up' });
    expect(suggestFollowUp(open, [open], new Date(day(10 + GHOSTED_AFTER_DAYS)))).toMatchObject({ action: 'mark_ghosted' });
    expect(suggestFollowUp(history('s', [['saved', 0]]), [], new Date(day(3)))).toMatchObject({ action: 'none', followUpOn: null, basis: null });
    expect(suggestFollowUp(history('r', [['applied', 0], ['rejected', 2]]), [], new Date(day(3))).action).toBe('none');
  });

  it("use the 75th percentile of the user's own answer times once there are three", () => {
    const past = [
      history('p1', [['applied', 0], ['screening', 2]]),
      history('p2', [['applied', 0], ['rejected', 4]]),
      history('p3', [['applied', 0], ['interview', 11]]),
      // Ghosted and withdrawn are not answers.
      history('p4', [['applied', 0], ['ghosted', 30]]),
    ];
    // Waits 2, 4, 11: the 75th percentile is 7.5, so 8 days.
    expect(suggestFollowUp(open, [open, ...past], new Date(day(12)))).toMatchObject({ waitDays: 8, basis: 'history', historySample: 3, followUpOn: day(18).slice(0, 10) });
    expect(suggestFollowUp(open, [open, ...past.slice(0, 2)], new Date(day(12)))).toMatchObject({ waitDays: 7, basis: 'default', historySample: 2 });
  });
});

describe('salary negotiation', () => {
  const peer = (id: string, over: Partial<SalaryFacts>): SalaryFacts => ({
    clusterId: id,
    category: 'data_engineering',
    seniority: 'senior',
    remoteScope: 'latam',
    skills: ['python', 'spark', 'sql'],
    contractType: 'pj',
    usdMonth: 5000,
    brlMonth: 27000,
    ...over,
  });
  const job = peer('job', { usdMonth: null, brlMonth: null });

  it('shows no figure below the minimum sample, and says how many there were', () => {
    const few = [1, 2, 3, 4].map((i) => peer(`p${i}`, { usdMonth: 4000 + i * 100 }));
    const result = salaryNegotiation(job, few);
    expect(MIN_SALARY_SAMPLE).toBe(5);
    expect(result.market).toEqual({ sampleSize: 4, usd: { p25: null, p50: null, p75: null }, brl: { p25: null, p50: null, p75: null } });
    expect(result.criteria).toEqual(['category']);
    expect(result.tried.map((t) => t.sampleSize)).toEqual([4, 4, 4, 4]);
  });

  it('relaxes skills, then scope, then seniority until enough similar jobs, and splits CLT from PJ', () => {
    const peers = [
      ...[1, 2, 3].map((i) => peer(`same${i}`, { usdMonth: 5000 + i * 1000, brlMonth: 27000 + i * 5000 })),
      ...[1, 2, 3].map((i) => peer(`brazil${i}`, { remoteScope: 'brazil', contractType: 'clt', usdMonth: 3000 + i * 100, brlMonth: 16000 + i * 500 })),
      peer('junior', { seniority: 'junior', usdMonth: 1000, brlMonth: 5000 }),
      peer('analyst', { category: 'analytics', usdMonth: 9000, brlMonth: 48000 }),
    ];
    const result = salaryNegotiation(job, peers);
    expect(result.tried).toEqual([
      { criteria: ['category', 'seniority', 'remoteScope', 'skills'], sampleSize: 3 },
      { criteria: ['category', 'seniority', 'remoteScope'], sampleSize: 3 },
      { criteria: ['category', 'seniority'], sampleSize: 6 },
      { criteria: ['category'], sampleSize: 7 },
    ]);
    expect(result.criteria).toEqual(['category', 'seniority']);
    // USD 3100, 3200, 3300, 6000, 7000, 8000.
    expect(result.market).toMatchObject({ sampleSize: 6, usd: { p25: 3225, p50: 4650, p75: 6750 } });
    expect(result.byContract.pj.sampleSize).toBe(3);
    expect(result.byContract.pj.usd.p50).toBeNull();
    expect(result.byContract.clt).toMatchObject({ sampleSize: 3, brl: { p50: null } });
  });

  it('leaves an unstated seniority out of the criteria', () => {
    expect(salaryNegotiation(peer('x', { seniority: 'unknown' }), []).tried.map((t) => t.criteria.length)).toEqual([3, 2, 1]);
  });
});

describe('quantiles', () => {
  it("agree with DuckDB's quantile_cont", async () => {
    const warehouse = await Warehouse.open(':memory:');
    try {
      for (const values of [[5], [1, 2], [3, 1, 4, 1, 5, 9, 2, 6], Array.from({ length: 37 }, (_, i) => (i * 7919) % 101)]) {
        const [row] = await warehouse.query<{ q: number[] }>('SELECT quantile_cont(v, [0.25, 0.5, 0.75]) AS q FROM unnest($1::DOUBLE[]) t(v)', [listValue(values)]);
        expect([0.25, 0.5, 0.75].map((q) => quantile(values, q))).toEqual(row?.q.map(Number));
      }
      expect(quantile([], 0.5)).toBeNull();
    } finally {
      warehouse.close();
    }
  });
});
