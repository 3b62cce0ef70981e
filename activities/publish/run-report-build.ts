import type { Warehouse } from '../../warehouse/db.js';
import { recordReportBuild } from '../../warehouse/reports-snapshot.js';
import { ReportBuildError, buildReportSite, type ReportSite } from './report-site.js';

export interface ReportBuildOutcome {
  status: 'ok' | 'failed' | 'timeout';
  durationMs: number;
  /** A newer snapshot arrived while building: the site shows an older one until the next build. */
  snapshotStale: boolean;
  error: string | null;
}

/**
 * Builds the report site from the current snapshot and records the attempt in report_builds. A
 * build that fails or runs out of time is recorded and returned, never thrown: the site served
 * before stays, and retrying the same pages would fail the same way. Only cancellation throws.
 */
export async function runReportBuild(
  warehouse: Warehouse,
  site: ReportSite,
  ctx: { runId: string; snapshotPath: string; signal?: AbortSignal },
): Promise<ReportBuildOutcome> {
  const startedAt = new Date();
  let outcome: Omit<ReportBuildOutcome, 'durationMs'>;
  try {
    const built = await buildReportSite(site, ctx);
    outcome = { status: 'ok', snapshotStale: built.snapshotStale, error: null };
  } catch (error) {
    if (!(error instanceof ReportBuildError)) throw error;
    outcome = { status: error.status, snapshotStale: false, error: error.message };
  }
  const finishedAt = new Date();
  await warehouse.withConnection((conn) => recordReportBuild(conn, { runId: ctx.runId, startedAt, finishedAt, ...outcome }));
  return { ...outcome, durationMs: finishedAt.getTime() - startedAt.getTime() };
}
