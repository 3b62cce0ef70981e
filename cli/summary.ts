import type { Warehouse } from '../warehouse/db.js';

const TABLES = ['raw_postings', 'postings', 'job_clusters', 'cluster_members', 'matches', 'skill_demand_monthly', 'source_health'];

export async function tableCounts(warehouse: Warehouse): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

/** The end-of-run summary `npm start` prints: what each stage did and how long it took. */
export async function formatRunSummary(warehouse: Warehouse, runId: string): Promise<string> {
  const stages = await warehouse.query<{ stage: string; status: string; duration_ms: number; counts: string }>(
    `SELECT stage, status, duration_ms, counts::VARCHAR AS counts FROM pipeline_runs WHERE run_id = $1 ORDER BY started_at, stage`,
    [runId],
  );
  const failures = await warehouse.query<{ source_id: string; error: string }>(
    'SELECT source_id, error FROM source_health WHERE run_id = $1 AND NOT ok ORDER BY source_id',
    [runId],
  );
  const lines = ['', '  stage      status    time     rows'];
  for (const s of stages) {
    const counts = Object.entries(JSON.parse(s.counts) as Record<string, number>)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    lines.push(`  ${s.stage.padEnd(10)} ${s.status.padEnd(9)} ${`${s.duration_ms} ms`.padStart(8)}  ${counts}`);
  }
  for (const f of failures) lines.push(`  ! source ${f.source_id} failed: ${f.error}`);
  const totals = await tableCounts(warehouse);
  lines.push('', `  warehouse: ${Object.entries(totals).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  return lines.join('\n');
}
