import type { DuckDBConnection } from '@duckdb/node-api';
import type { RemoteScope } from '../normalize/remote-scope.js';
import { clusterKeysOfUnclustered, insertClusterMembers, refreshClusters } from '../../warehouse/core.js';
import {
  forEachRecentCanonical,
  forEachUnclustered,
  forEachUnsigned,
  storeSignatures,
  type DedupeRow,
  type SignatureText,
} from '../../warehouse/dedupe-signatures.js';
import type { Staging } from '../staging.js';
import { assignClusters } from './assign-clusters.js';
import { DEFAULT_MINHASH, SignatureBlocks, minhashSignature, signatureVersion } from './minhash.js';
import { mergeNearDuplicates } from './near-duplicates.js';
import { DEFAULT_THRESHOLDS, prepareFacts, signatureText, type PreparedPosting, type Thresholds } from './verify.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function prepareRow(row: DedupeRow, signature: Uint32Array, stored: Uint8Array | null): PreparedPosting {
  if (stored) new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength).set(stored);
  return prepareFacts(
    { id: row.id, title: row.title, company: row.company, location: row.location, remoteScope: row.remote_scope as RemoteScope, postedAt: row.posted_at },
    signature,
  );
}

/**
 * postings → job_clusters, incrementally: only postings without a cluster are looked at. Exact
 * matches first (canonical URL, content hash), then near duplicates among clusters inside the
 * verification's date window — never a re-clustering of the whole warehouse. MinHash signatures
 * are stored (minhash_signatures), so a run signs only new or changed postings and reads the
 * signatures of existing clusters instead of hashing their descriptions again.
 */
export async function runDedupe(
  conn: DuckDBConnection,
  ctx: { runId: string; staging: Staging; thresholds?: Partial<Thresholds> },
): Promise<Record<string, number>> {
  const version = signatureVersion();
  const blocks = new SignatureBlocks(DEFAULT_MINHASH.numPerm);
  const keys: Pick<DedupeRow, 'id' | 'canonical_url' | 'content_hash'>[] = [];
  const prepared = new Map<string, PreparedPosting>();
  let oldest = Infinity;
  await forEachUnclustered(conn, version, (row, stored) => {
    keys.push({ id: row.id, canonical_url: row.canonical_url, content_hash: row.content_hash });
    prepared.set(row.id, prepareRow(row, blocks.next(), stored));
    oldest = Math.min(oldest, Date.parse(row.posted_at));
  });
  if (keys.length === 0) return { postings: 0, newClusters: 0, joinedExisting: 0, nearDuplicates: 0, clustersTouched: 0, signaturesComputed: 0, comparisons: 0 };

  const byUrl = new Map<string, string>();
  const byHash = new Map<string, string>();
  for (const row of await clusterKeysOfUnclustered(conn)) {
    if (row.canonical_url && !byUrl.has(row.canonical_url)) byUrl.set(row.canonical_url, row.cluster_id);
    if (!byHash.has(row.content_hash)) byHash.set(row.content_hash, row.cluster_id);
  }
  const exact = assignClusters(keys, { byUrl, byHash });

  // Only postings that founded a cluster are compared by text; the others joined one exactly.
  const founders = new Map<string, PreparedPosting>();
  for (const a of exact) if (a.matched_by === 'first') founders.set(a.posting_id, prepared.get(a.posting_id) as PreparedPosting);
  const computed: { postingId: string; contentHash: string; signature: Uint32Array }[] = [];
  const sign = (target: Map<string, PreparedPosting>) => (p: SignatureText) => {
    const posting = target.get(p.id);
    if (!posting) return;
    minhashSignature(signatureText(p), DEFAULT_MINHASH, posting.signature);
    computed.push({ postingId: p.id, contentHash: p.content_hash, signature: posting.signature });
  };
  await forEachUnsigned(conn, version, 'unclustered', sign(founders));

  const thresholds = { ...DEFAULT_THRESHOLDS, ...ctx.thresholds };
  const since = new Date(oldest - thresholds.maxDaysApart * DAY_MS).toISOString();
  const recent: { clusterId: string; prepared: PreparedPosting }[] = [];
  const unsignedCanonicals = new Map<string, PreparedPosting>();
  await forEachRecentCanonical(conn, version, since, (clusterId, row, stored) => {
    const canonical = prepareRow(row, blocks.next(), stored);
    recent.push({ clusterId, prepared: canonical });
    if (!stored) unsignedCanonicals.set(row.id, canonical);
  });
  // Canonicals signed under an older scheme, or edited since: signed once now, stored for later runs.
  if (unsignedCanonicals.size > 0) await forEachUnsigned(conn, version, { recentSince: since }, sign(unsignedCanonicals));
  await storeSignatures(conn, version, computed);

  const { assignments, comparisons } = mergeNearDuplicates(exact, founders, recent, thresholds);
  const staged = ctx.staging.writeNdjson(ctx.staging.pathFor(ctx.runId, 'dedupe', 'members'), assignments);
  const added = await insertClusterMembers(conn, staged.path, ctx.runId);
  const touched = await refreshClusters(conn, [...new Set(assignments.map((a) => a.cluster_id))]);
  const newClusters = assignments.filter((a) => a.matched_by === 'first').length;
  const nearDuplicates = assignments.filter((a) => a.matched_by === 'near_duplicate').length;
  return { postings: added, newClusters, joinedExisting: added - newClusters, nearDuplicates, clustersTouched: touched, signaturesComputed: computed.length, comparisons };
}
