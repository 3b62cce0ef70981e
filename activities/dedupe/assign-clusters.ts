import { createHash } from 'node:crypto';
import type { DedupeRow } from '../../warehouse/dedupe-signatures.js';

export interface ClusterAssignment {
  posting_id: string;
  cluster_id: string;
  matched_by: 'first' | 'canonical_url' | 'content_hash' | 'near_duplicate';
}

export function clusterIdFor(foundingPostingId: string): string {
  return `job_${foundingPostingId}`;
}

/**
 * The id of the job a posting leaves to when an operator splits it out of its cluster: its own
 * founding id, unless it founded the cluster it leaves (that id stays with the postings left
 * behind), then a new one of the same shape, unique to this split.
 */
export function splitClusterIdFor(postingId: string, currentClusterId: string, splitId: string): string {
  const own = clusterIdFor(postingId);
  return own !== currentClusterId ? own : `job_${createHash('sha256').update(`${postingId}:${splitId}`).digest('hex').slice(0, 24)}`;
}

type Keys = Pick<DedupeRow, 'id' | 'canonical_url' | 'content_hash'>;

/**
 * Exact dedupe: a posting joins the cluster of an earlier posting with the same canonical URL,
 * else the same content hash, else founds a cluster of its own. `known` maps keys of postings
 * already clustered (from the warehouse) to their clusters; postings extend it as they are
 * assigned, so duplicates within one run also meet. Postings must come oldest first; the returned
 * function assigns one at a time, so a stage can decide per posting while it streams them.
 */
export function exactMatcher(known: { byUrl: ReadonlyMap<string, string>; byHash: ReadonlyMap<string, string> }): (posting: Keys) => ClusterAssignment {
  const byUrl = new Map(known.byUrl);
  const byHash = new Map(known.byHash);
  return (posting) => {
    const viaUrl = posting.canonical_url ? byUrl.get(posting.canonical_url) : undefined;
    const viaHash = byHash.get(posting.content_hash);
    const assignment: ClusterAssignment = viaUrl
      ? { posting_id: posting.id, cluster_id: viaUrl, matched_by: 'canonical_url' }
      : viaHash
        ? { posting_id: posting.id, cluster_id: viaHash, matched_by: 'content_hash' }
        : { posting_id: posting.id, cluster_id: clusterIdFor(posting.id), matched_by: 'first' };
    if (posting.canonical_url && !byUrl.has(posting.canonical_url)) byUrl.set(posting.canonical_url, assignment.cluster_id);
    if (!byHash.has(posting.content_hash)) byHash.set(posting.content_hash, assignment.cluster_id);
    return assignment;
  };
}

