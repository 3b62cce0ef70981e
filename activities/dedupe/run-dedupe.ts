import type { DuckDBConnection } from '@duckdb/node-api';
import { clustersByKeys, insertClusterMembers, refreshClusters, unclusteredPostings } from '../../warehouse/core.js';
import type { Staging } from '../staging.js';
import { assignClusters } from './assign-clusters.js';

/** postings → job_clusters, incrementally: only postings without a cluster are looked at. */
export async function runDedupe(conn: DuckDBConnection, ctx: { runId: string; staging: Staging }): Promise<Record<string, number>> {
  const postings = await unclusteredPostings(conn);
  if (postings.length === 0) return { postings: 0, newClusters: 0, joinedExisting: 0, clustersTouched: 0 };
  const urls = [...new Set(postings.flatMap((p) => (p.canonical_url ? [p.canonical_url] : [])))];
  const hashes = [...new Set(postings.map((p) => p.content_hash))];
  const byUrl = new Map<string, string>();
  const byHash = new Map<string, string>();
  for (const row of await clustersByKeys(conn, urls, hashes)) {
    if (row.canonical_url && !byUrl.has(row.canonical_url)) byUrl.set(row.canonical_url, row.cluster_id);
    if (!byHash.has(row.content_hash)) byHash.set(row.content_hash, row.cluster_id);
  }
  const assignments = assignClusters(postings, { byUrl, byHash });
  const staged = ctx.staging.writeNdjson(ctx.staging.pathFor(ctx.runId, 'dedupe', 'members'), assignments);
  const added = await insertClusterMembers(conn, staged.path, ctx.runId);
  const touched = await refreshClusters(conn, ctx.runId);
  const newClusters = assignments.filter((a) => a.matched_by === 'first').length;
  return { postings: added, newClusters, joinedExisting: added - newClusters, clustersTouched: touched };
}
