import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeReportSnapshot } from '../../warehouse/reports-snapshot.js';

/**
 * Writes the report snapshot beside the warehouse and swaps it in with a rename: readers (Evidence,
 * a second process) always open a complete file, and never the warehouse itself, which stays locked.
 */
export async function publishSnapshot(conn: DuckDBConnection, ctx: { runId: string; snapshotPath: string }): Promise<Record<string, number>> {
  mkdirSync(dirname(ctx.snapshotPath), { recursive: true });
  const temporary = `${ctx.snapshotPath}.${process.pid}.tmp`;
  for (const leftover of [temporary, `${temporary}.wal`]) if (existsSync(leftover)) rmSync(leftover);
  const counts = await writeReportSnapshot(conn, temporary, ctx.runId);
  renameSync(temporary, ctx.snapshotPath);
  return counts;
}
