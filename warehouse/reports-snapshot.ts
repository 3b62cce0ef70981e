// What the publish stage copies into the read-only report snapshot (data/reports.duckdb).
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './db.js';

/** Report tables, each a query over the warehouse; Evidence pages read these names. */
const SNAPSHOT_TABLES: Record<string, string> = {
  skill_demand_monthly: 'SELECT * FROM skill_demand_monthly',
  jobs: `SELECT c.id AS cluster_id, c.title, c.company, c.member_count, c.first_seen_at,
                p.location, p.remote_scope, p.seniority, p.salary_usd_month, p.skills
         FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id`,
  source_health: 'SELECT * FROM source_health',
  pipeline_runs: 'SELECT * FROM pipeline_runs',
};

/** Writes the snapshot tables into the database file at `path`, which must not exist yet. */
export async function writeReportSnapshot(conn: DuckDBConnection, path: string, runId: string): Promise<Record<string, number>> {
  await conn.run(`ATTACH '${path.replace(/'/g, "''")}' AS snapshot`);
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
