// Marts layer: aggregates that reports and emails read. Each report mart is one INSERT … SELECT in
// warehouse/marts/<table>.sql, rebuilt whole every run (they are small next to the core tables).
import { readFileSync } from 'node:fs';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { ACTIVE_CLUSTER } from './core.js';

/**
 * Rebuilt whole each run (it is small): skill demand per calendar month, counted in distinct jobs
 * and in postings, from public sources only (a user's own sources are theirs, not the market's).
 */
export async function rebuildSkillDemandMonthly(conn: DuckDBConnection): Promise<number> {
  await conn.run('DELETE FROM skill_demand_monthly');
  const result = await conn.run(
    `INSERT INTO skill_demand_monthly (month, skill_id, clusters, postings)
     SELECT date_trunc('month', coalesce(p.posted_at, p.normalized_at))::DATE AS month, skill.skill_id,
            count(DISTINCT m.cluster_id)::INTEGER, count(*)::INTEGER
     FROM postings p
     LEFT JOIN sources s ON s.id = p.source_id
     JOIN cluster_members m ON m.posting_id = p.id,
     unnest(p.skills) AS skill(skill_id)
     WHERE s.owner_user_id IS NULL
     GROUP BY ALL`,
  );
  return Number(result.rowsChanged);
}

/** In build order: job_facts first (every other mart reads it), report_periods before the windowed marts. */
export const REPORT_MARTS = [
  'job_facts',
  'report_periods',
  'market_monthly',
  'skill_demand',
  'skill_trends',
  'skill_cooccurrence',
  'salary_stats',
  'geo_distribution',
  'company_hiring',
] as const;
export type ReportMart = (typeof REPORT_MARTS)[number];

function martSql(table: ReportMart): string {
  const sql = readFileSync(new URL(`./marts/${table}.sql`, import.meta.url), 'utf8');
  // One definition of "still listed somewhere" for the API and the reports alike.
  return sql.replaceAll('{{ACTIVE_CLUSTER}}', ACTIVE_CLUSTER);
}

/**
 * Rebuilds the report marts from the core tables; run inside the trend stage's transaction, so
 * readers see the old marts or the new ones. `latamCountries`: ISO codes that make a country-list
 * job open to Latin America. Returns the rows written per mart.
 */
export async function rebuildReportMarts(conn: DuckDBConnection, opts: { latamCountries: Iterable<string> }): Promise<Record<ReportMart, number>> {
  const counts = {} as Record<ReportMart, number>;
  for (const table of REPORT_MARTS) counts[table] = await rebuildMart(conn, table, opts);
  return counts;
}

/** Rebuilds one report mart from the tables it reads (REPORT_MARTS lists what each depends on first); returns its rows. */
export async function rebuildMart(conn: DuckDBConnection, table: ReportMart, opts: { latamCountries: Iterable<string> }): Promise<number> {
  await conn.run(`DELETE FROM ${table}`);
  const sql = martSql(table);
  const params = sql.includes('$latam') ? { latam: listValue([...opts.latamCountries]) } : undefined;
  return Number((await conn.run(sql, params)).rowsChanged);
}
