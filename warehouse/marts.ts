// Marts layer: aggregates that reports and emails read.
import type { DuckDBConnection } from '@duckdb/node-api';

/** Rebuilt whole each run (it is small): skill demand per calendar month, counted in distinct jobs and in postings. */
export async function rebuildSkillDemandMonthly(conn: DuckDBConnection): Promise<number> {
  await conn.run('DELETE FROM skill_demand_monthly');
  const result = await conn.run(
    `INSERT INTO skill_demand_monthly (month, skill_id, clusters, postings)
     SELECT date_trunc('month', coalesce(p.posted_at, p.normalized_at))::DATE AS month, skill.skill_id,
            count(DISTINCT m.cluster_id)::INTEGER, count(*)::INTEGER
     FROM postings p
     JOIN cluster_members m ON m.posting_id = p.id,
     unnest(p.skills) AS skill(skill_id)
     GROUP BY ALL`,
  );
  return Number(result.rowsChanged);
}
