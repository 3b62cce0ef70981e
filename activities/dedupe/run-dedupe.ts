import type { DuckDBConnection } from '@duckdb/node-api';
import type { RemoteScope } from '../normalize/remote-scope.js';
import {
  clustersByKeys,
  insertClusterMembers,
  recentClusterCanonicals,
  refreshClusters,
  unclusteredPostings,
  type UnclusteredPosting,
} from '../../warehouse/core.js';
import type { Staging } from '../staging.js';
import { assignClusters } from './assign-clusters.js';
import { mergeNearDuplicates } from './near-duplicates.js';
import { DEFAULT_THRESHOLDS, type DedupePosting, type Thresholds } from './verify.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function forVerification(p: UnclusteredPosting): DedupePosting {
  return {
    id: p.id,
    title: p.title,
    company: p.company,
    location: p.location,
    remoteScope: p.remote_scope as RemoteScope,
    postedAt: p.posted_at,
    text: p.description_text,
  };
}

/**
 * postings → job_clusters, incrementally: only postings without a cluster are looked at. Exact
 * matches first (canonical URL, content hash), then near duplicates among clusters inside the
 * verification's date window — never a re-clustering of the whole warehouse.
 */
export async function runDedupe(
  conn: DuckDBConnection,
  ctx: { runId: string; staging: Staging; thresholds?: Partial<Thresholds> },
): Promise<Record<string, number>> {
  const postings = await unclusteredPostings(conn);
  if (postings.length === 0) return { postings: 0, newClusters: 0, joinedExisting: 0, nearDuplicates: 0, clustersTouched: 0 };
  const urls = [...new Set(postings.flatMap((p) => (p.canonical_url ? [p.canonical_url] : [])))];
  const hashes = [...new Set(postings.map((p) => p.content_hash))];
  const byUrl = new Map<string, string>();
  const byHash = new Map<string, string>();
  for (const row of await clustersByKeys(conn, urls, hashes)) {
    if (row.canonical_url && !byUrl.has(row.canonical_url)) byUrl.set(row.canonical_url, row.cluster_id);
    if (!byHash.has(row.content_hash)) byHash.set(row.content_hash, row.cluster_id);
  }
  const exact = assignClusters(postings, { byUrl, byHash });

  const thresholds = { ...DEFAULT_THRESHOLDS, ...ctx.thresholds };
  const oldest = Math.min(...postings.map((p) => (p.posted_at ? Date.parse(p.posted_at) : Date.now())));
  const since = new Date(oldest - thresholds.maxDaysApart * DAY_MS).toISOString();
  const recent = (await recentClusterCanonicals(conn, since)).map((row) => ({ clusterId: row.cluster_id, posting: forVerification(row) }));
  const assignments = mergeNearDuplicates(exact, new Map(postings.map((p) => [p.id, forVerification(p)])), recent, thresholds);

  const staged = ctx.staging.writeNdjson(ctx.staging.pathFor(ctx.runId, 'dedupe', 'members'), assignments);
  const added = await insertClusterMembers(conn, staged.path, ctx.runId);
  const touched = await refreshClusters(conn, [...new Set(assignments.map((a) => a.cluster_id))]);
  const newClusters = assignments.filter((a) => a.matched_by === 'first').length;
  const nearDuplicates = assignments.filter((a) => a.matched_by === 'near_duplicate').length;
  return { postings: added, newClusters, joinedExisting: added - newClusters, nearDuplicates, clustersTouched: touched };
}
