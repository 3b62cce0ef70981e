import type { DuckDBConnection } from '@duckdb/node-api';
import type { RemoteScope } from '../normalize/remote-scope.js';
import { clusterKeysOfUnclustered, insertClusterMembers, refreshClustersOfRun } from '../../warehouse/core.js';
import { forEachRecentCanonical, forEachUnclustered, forEachUnsigned, storeSignatures, type DedupeRow, type SignatureText } from '../../warehouse/dedupe-signatures.js';
import type { Staging } from '../staging.js';
import { exactMatcher, type ClusterAssignment } from './assign-clusters.js';
import { DEFAULT_MINHASH, SignatureBlocks, minhashSignature, signatureVersion } from './minhash.js';
import { mergeNearDuplicates } from './near-duplicates.js';
import { DEFAULT_THRESHOLDS, prepareFacts, signatureText, type PreparedPosting, type Thresholds } from './verify.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * postings → job_clusters, incrementally: only postings without a cluster are looked at. Exact
 * matches first (canonical URL, content hash), then near duplicates among clusters inside the
 * verification's date window — never a re-clustering of the whole warehouse. MinHash signatures
 * are stored (minhash_signatures), so a run reads and signs the text of new or changed postings
 * only, and compares them with the stored signatures of existing clusters.
 */
export async function runDedupe(
  conn: DuckDBConnection,
  ctx: { runId: string; staging: Staging; thresholds?: Partial<Thresholds> },
): Promise<Record<string, number>> {
  const version = signatureVersion();
  const blocks = new SignatureBlocks(DEFAULT_MINHASH.numPerm);
  // Postings to compare without a valid stored signature: signed from their text further down.
  const unsigned = new Map<string, PreparedPosting>();
  const prepare = (row: DedupeRow): PreparedPosting => {
    const signature = blocks.next();
    if (row.signature) new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength).set(row.signature);
    const facts = { id: row.id, title: row.title, company: row.company, location: row.location, remoteScope: row.remote_scope as RemoteScope, postedDay: row.posted_day };
    const prepared = prepareFacts(facts, signature);
    if (!row.signature) unsigned.set(row.id, prepared);
    return prepared;
  };
  const signed: PreparedPosting[] = [];
  const sign = (p: SignatureText) => {
    const posting = unsigned.get(p.id);
    if (!posting) return;
    minhashSignature(signatureText({ title: p.title, company: p.company, text: p.description }), DEFAULT_MINHASH, posting.signature);
    signed.push(posting);
  };

  // Exact matching runs while postings stream in, oldest first: only a posting that founds a
  // cluster is compared by text, so only founders are signed.
  const byUrl = new Map<string, string>();
  const byHash = new Map<string, string>();
  for (const row of await clusterKeysOfUnclustered(conn)) {
    if (row.canonical_url && !byUrl.has(row.canonical_url)) byUrl.set(row.canonical_url, row.cluster_id);
    if (!byHash.has(row.content_hash)) byHash.set(row.content_hash, row.cluster_id);
  }
  const assign = exactMatcher({ byUrl, byHash });
  const exact: ClusterAssignment[] = [];
  const founders = new Map<string, PreparedPosting>();
  let oldestDay = Infinity;
  await forEachUnclustered(conn, version, (row) => {
    const assignment = assign(row);
    exact.push(assignment);
    if (assignment.matched_by === 'first') founders.set(row.id, prepare(row));
    oldestDay = Math.min(oldestDay, row.posted_day);
  });
  if (unsigned.size > 0) await forEachUnsigned(conn, version, 'unclustered', sign);
  if (exact.length === 0) return { postings: 0, newClusters: 0, joinedExisting: 0, nearDuplicates: 0, clustersTouched: 0, signaturesComputed: 0, comparisons: 0, largestBucket: 0 };

  const thresholds = { ...DEFAULT_THRESHOLDS, ...ctx.thresholds };
  const since = new Date((oldestDay - thresholds.maxDaysApart) * DAY_MS).toISOString();
  const recent: { clusterId: string; prepared: PreparedPosting }[] = [];
  const unsignedFounders = unsigned.size;
  await forEachRecentCanonical(conn, version, since, (clusterId, row) => recent.push({ clusterId, prepared: prepare(row) }));
  // Canonicals signed under an older scheme, or edited since, are signed here once and stored.
  if (unsigned.size > unsignedFounders) await forEachUnsigned(conn, version, { recentSince: since }, sign);
  await storeSignatures(conn, version, signed);

  const { assignments, comparisons, largestBucket } = mergeNearDuplicates(exact, founders, recent, thresholds);
  const staged = ctx.staging.writeNdjson(ctx.staging.pathFor(ctx.runId, 'dedupe', 'members'), assignments);
  const added = await insertClusterMembers(conn, staged.path, ctx.runId);
  const touched = await refreshClustersOfRun(conn, ctx.runId);
  const newClusters = assignments.filter((a) => a.matched_by === 'first').length;
  const nearDuplicates = assignments.filter((a) => a.matched_by === 'near_duplicate').length;
  return { postings: added, newClusters, joinedExisting: added - newClusters, nearDuplicates, clustersTouched: touched, signaturesComputed: signed.length, comparisons, largestBucket };
}
