import { listValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATAM_COUNTRIES } from '../activities/normalize/geo.js';
import { Warehouse } from './db.js';
import { rebuildMart } from './marts.js';
import { migrate } from './migrate.js';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await Warehouse.open(':memory:');
  await migrate(warehouse);
});

afterAll(() => warehouse?.close());

interface Fact {
  month: string;
  company: string;
  category: string;
  seniority: string;
  skills: string[];
  active: boolean;
  latam_open: boolean;
}

interface HiringRow {
  period: string;
  category: string;
  seniority: string;
  company: string;
  jobs: number;
  active_jobs: number;
  latam_jobs: number;
  top_skills: string;
}

/** Jobs of 80 companies (more than a slice lists) over 14 months, with skills skewed so counts rank them. */
function facts(count: number): Fact[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    // The high bits: an LCG's low ones repeat with a short period.
    return Math.floor((seed / 2 ** 31) * n);
  };
  const skills = ['python', 'sql', 'spark', 'airflow', 'dbt', 'pytorch', 'aws', 'docker', 'kafka', 'tableau'];
  return Array.from({ length: count }, () => ({
    month: `2026-${String(1 + next(11)).padStart(2, '0')}-01`,
    company: `company ${String(Math.min(next(80), next(80))).padStart(2, '0')}`,
    category: ['ai_ml', 'data_science', 'analytics'][next(3)] as string,
    seniority: ['junior', 'senior', 'unknown'][next(3)] as string,
    // Low-numbered skills are picked more often, so a company's counts differ.
    skills: [...new Set(Array.from({ length: 1 + next(4) }, () => skills[Math.min(next(10), next(10))] as string))],
    active: next(4) > 0,
    latam_open: next(2) > 0,
  }));
}

/** What company_hiring should say of a slice, counted here. */
function expectedRow(jobs: Fact[], row: HiringRow, months: { start: string; end: string }): HiringRow {
  const mine = jobs.filter(
    (f) => f.company === row.company && f.month >= months.start && f.month <= months.end && [f.category, 'all'].includes(row.category) && [f.seniority, 'all'].includes(row.seniority),
  );
  const counts = new Map<string, number>();
  for (const job of mine) for (const skill of job.skills) counts.set(skill, (counts.get(skill) ?? 0) + 1);
  const top = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, 5);
  return {
    ...row,
    jobs: mine.length,
    active_jobs: mine.filter((j) => j.active).length,
    latam_jobs: mine.filter((j) => j.latam_open).length,
    top_skills: top.map(([skill]) => skill).join(', '),
  };
}

describe('report marts', () => {
  it("company_hiring: each slice's 50 companies with the most jobs, and the five skills each asks for most", async () => {
    const jobs = facts(3000);
    await warehouse.transaction(async (conn) => {
      await conn.run(
        `INSERT INTO job_facts
         SELECT 'c' || i, month::DATE, month::TIMESTAMPTZ, category, seniority, 'global', latam_open, 'unknown', company, 'unknown', 'unknown', NULL,
                NULL, NULL, skills, active, false, 1, ['s']
         FROM (SELECT unnest($1::VARCHAR[]) AS month, unnest($2::VARCHAR[]) AS company, unnest($3::VARCHAR[]) AS category, unnest($4::VARCHAR[]) AS seniority,
                      unnest($5::JSON[])::VARCHAR[] AS skills, unnest($6::BOOLEAN[]) AS active, unnest($7::BOOLEAN[]) AS latam_open, generate_subscripts($1::VARCHAR[], 1) AS i)`,
        [
          listValue(jobs.map((j) => j.month)),
          listValue(jobs.map((j) => j.company)),
          listValue(jobs.map((j) => j.category)),
          listValue(jobs.map((j) => j.seniority)),
          listValue(jobs.map((j) => JSON.stringify(j.skills))),
          listValue(jobs.map((j) => j.active)),
          listValue(jobs.map((j) => j.latam_open)),
        ],
      );
      for (const mart of ['report_periods', 'company_hiring'] as const) await rebuildMart(conn, mart, { latamCountries: LATAM_COUNTRIES });
    });
    const periods = new Map(
      (await warehouse.query<{ period: string; start: string; end: string }>('SELECT period, start_month::VARCHAR AS start, end_month::VARCHAR AS end FROM report_periods')).map(
        (p) => [p.period, p],
      ),
    );
    const rows = await warehouse.query<HiringRow>('SELECT * FROM company_hiring ORDER BY ALL');
    for (const row of rows) expect(row).toEqual(expectedRow(jobs, row, periods.get(row.period) as { start: string; end: string }));
    // The skills are ranked by count, not named in order.
    expect(rows.filter((r) => r.top_skills !== r.top_skills.split(', ').sort().join(', ')).length).toBeGreaterThan(rows.length / 4);
    // Each slice lists the companies with the most jobs: 50 where more hire, none left out that has more jobs than one listed.
    for (const [period, months] of periods) {
      for (const category of ['all', 'ai_ml']) {
        for (const seniority of ['all', 'senior']) {
          const listed = rows.filter((r) => r.period === period && r.category === category && r.seniority === seniority);
          const all = [...new Set(jobs.map((j) => j.company))].map((company) => expectedRow(jobs, { period, category, seniority, company } as HiringRow, months)).filter((r) => r.jobs > 0);
          all.sort((a, b) => b.jobs - a.jobs || (a.company < b.company ? -1 : 1));
          expect(listed.map((r) => r.company).sort()).toEqual(all.slice(0, 50).map((r) => r.company).sort());
        }
      }
    }
  });
});
