// What the publish stage copies into the read-only report snapshot (data/reports.duckdb), and the
// history of report builds.
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, sqlString } from './db.js';
import { REPORT_MARTS } from './marts.js';

const TAXONOMY_PATH = fileURLToPath(new URL('../models/skills/taxonomy.json', import.meta.url));
const PLACES_PATH = fileURLToPath(new URL('../models/geo/places.json', import.meta.url));

/**
 * Report tables, each a query over the warehouse; the Evidence sources (reports/sources/) read these
 * names. Reports are public: users' own sources, their health and the jobs found only on them stay out.
 */
const SNAPSHOT_TABLES: Record<string, string> = {
  skill_demand_monthly: 'SELECT * FROM skill_demand_monthly',
  jobs: `SELECT c.id AS cluster_id, c.title, c.company, c.member_count, c.first_seen_at,
                p.location, p.remote_scope, p.seniority, p.salary_usd_month, p.skills
         FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
         WHERE c.visible_to IS NULL`,
  // job_facts stays behind: one row per job is the warehouse's business, not a report's.
  ...Object.fromEntries(REPORT_MARTS.filter((mart) => mart !== 'job_facts').map((mart) => [mart, `SELECT * FROM ${mart}`])),
  source_health: 'SELECT h.* FROM source_health h JOIN sources s ON s.id = h.source_id WHERE s.owner_user_id IS NULL',
  pipeline_runs: 'SELECT * FROM pipeline_runs',
  report_builds: 'SELECT * FROM report_builds',
  // Per source: what it holds now and how its fetches went, for the pipeline-health page.
  source_summary: `SELECT s.id AS source_id, s.name, s.enabled,
                          (SELECT count(*) FROM postings p WHERE p.source_id = s.id) AS postings,
                          (SELECT count(*) FROM source_listings l WHERE l.source_id = s.id AND l.active) AS listed_now,
                          (SELECT count(*) FROM source_health h WHERE h.source_id = s.id) AS fetches,
                          (SELECT count(*) FROM source_health h WHERE h.source_id = s.id AND NOT h.ok) AS failed_fetches,
                          (SELECT max(checked_at) FROM source_health h WHERE h.source_id = s.id AND h.ok) AS last_success_at,
                          (SELECT max(checked_at) FROM source_health h WHERE h.source_id = s.id) AS last_checked_at
                   FROM sources s WHERE s.owner_user_id IS NULL`,
  // Names for the codes the marts hold.
  skills: `SELECT s.id AS skill_id, s.name, s.category
           FROM (SELECT unnest(skills) AS s FROM read_json(${sqlString(TAXONOMY_PATH)}, maximum_object_size = 67108864))`,
  countries: `SELECT c.iso2 AS country, c.name
              FROM (SELECT unnest(countries) AS c FROM read_json(${sqlString(PLACES_PATH)}, maximum_object_size = 67108864))`,
};

/** Writes the snapshot tables into the database file at `path`, which must not exist yet. */
export async function writeReportSnapshot(conn: DuckDBConnection, path: string, runId: string): Promise<Record<string, number>> {
  await conn.run(`ATTACH ${sqlString(path)} AS snapshot`);
  try {
    const counts: Record<string, number> = {};
    for (const [table, query] of Object.entries(SNAPSHOT_TABLES)) {
      await conn.run(`CREATE TABLE snapshot.${table} AS ${query}`);
      const [row] = await queryRows<{ n: number }>(conn, `SELECT count(*) AS n FROM snapshot.${table}`);
      counts[table] = row?.n ?? 0;
    }
    await conn.run('CREATE TABLE snapshot.snapshot_info AS SELECT $1::VARCHAR AS run_id, now() AS published_at', [runId]);
    return counts;
  } finally {
    await conn.run('DETACH snapshot');
  }
}

export interface ReportBuild {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  status: 'ok' | 'failed' | 'timeout';
  error: string | null;
}

/** One more attempt at building the report of a run's snapshot. */
export async function recordReportBuild(conn: DuckDBConnection, b: ReportBuild): Promise<void> {
  await conn.run(
    `INSERT INTO report_builds (run_id, attempt, started_at, finished_at, duration_ms, status, error)
     SELECT $1, coalesce(max(attempt), 0) + 1, $2::TIMESTAMPTZ, $3::TIMESTAMPTZ, $4, $5, $6 FROM report_builds WHERE run_id = $1`,
    [b.runId, b.startedAt.toISOString(), b.finishedAt.toISOString(), b.finishedAt.getTime() - b.startedAt.getTime(), b.status, b.error],
  );
}
