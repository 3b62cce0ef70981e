import type { DuckDBConnection } from '@duckdb/node-api';
import { rebuildReportMarts, rebuildSkillDemandMonthly } from '../../warehouse/marts.js';
import { LATAM_COUNTRIES } from '../normalize/geo.js';

/**
 * The trend stage: rebuilds every mart from the core tables (one transaction, given by the caller),
 * and returns the rows written per mart for pipeline_runs.
 */
export async function runTrend(conn: DuckDBConnection): Promise<Record<string, number>> {
  const skillMonths = await rebuildSkillDemandMonthly(conn);
  const marts = await rebuildReportMarts(conn, { latamCountries: LATAM_COUNTRIES });
  return { skillMonths, ...marts };
}
