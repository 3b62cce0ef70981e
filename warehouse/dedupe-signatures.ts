// MinHash signatures (minhash_signatures) and the dedupe stage's reads of postings beside them.
// Reads stream in chunks: a million descriptions would not fit in memory as one result, and only
// their signatures are kept.
import { DuckDBBlobVector, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

/**
 * A posting as the dedupe stage reads it: no description, which its stored signature stands for
 * when it has a valid one (else forEachUnsigned reads the text to sign).
 */
export interface DedupeRow {
  id: string;
  canonical_url: string | null;
  content_hash: string;
  title: string;
  company: string | null;
  location: string | null;
  remote_scope: string;
  /** Days since the epoch: when it was posted, else when it was normalized. */
  posted_day: number;
  /** The stored signature's bytes (little-endian uint32 values), when valid for this content and scheme. */
  signature: Uint8Array | null;
}

/** What a signature is computed from. */
export interface SignatureText {
  id: string;
  title: string;
  company: string | null;
  description: string;
}

const FIELDS = `p.id, p.canonical_url, p.content_hash, p.title, p.company, p.location, p.remote_scope,
  floor(epoch(coalesce(p.posted_at, p.normalized_at)) / 86400)::INTEGER AS posted_day, s.signature`;
// A stored signature counts only for the posting's current content and the current scheme ($1).
const VALID_SIGNATURE = 'LEFT JOIN minhash_signatures s ON s.posting_id = p.id AND s.content_hash = p.content_hash AND s.version = $1';
const UNCLUSTERED = `postings p ${VALID_SIGNATURE} WHERE NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.posting_id = p.id)`;
const RECENT_CANONICALS = `job_clusters c JOIN postings p ON p.id = c.canonical_posting_id ${VALID_SIGNATURE}
  WHERE coalesce(p.posted_at, p.normalized_at) >= $2::TIMESTAMPTZ`;

type Value = string | number | Uint8Array | null;

/** Calls `onRow` for each row of the query, chunk by chunk; BLOB columns arrive as bytes. */
async function forEachRow(conn: DuckDBConnection, sql: string, params: DuckDBValue[], onRow: (row: Value[]) => void): Promise<void> {
  const result = await conn.stream(sql, params);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    const vectors = Array.from({ length: chunk.columnCount }, (_, i) => chunk.getColumnVector(i));
    for (let r = 0; r < chunk.rowCount; r++) {
      onRow(vectors.map((v) => (v instanceof DuckDBBlobVector ? v.getItemBytes(r) : (v.getItem(r) as Value))));
    }
  }
}

function dedupeRow(v: Value[]): DedupeRow {
  return {
    id: v[0] as string,
    canonical_url: v[1] as string | null,
    content_hash: v[2] as string,
    title: v[3] as string,
    company: v[4] as string | null,
    location: v[5] as string | null,
    remote_scope: v[6] as string,
    posted_day: v[7] as number,
    signature: v[8] as Uint8Array | null,
  };
}

/** Postings not in any cluster yet, oldest first (so a cluster's founding member is its earliest posting). */
export async function forEachUnclustered(conn: DuckDBConnection, version: string, onRow: (row: DedupeRow) => void): Promise<void> {
  // The description stays out of this sorted read: sorting a million of them cost more than the rest.
  await forEachRow(conn, `SELECT ${FIELDS} FROM ${UNCLUSTERED} ORDER BY coalesce(p.posted_at, p.normalized_at), p.id`, [version], (v) => onRow(dedupeRow(v)));
}

/** The canonical posting of every cluster seen since `sinceIso`: what new postings are compared with. */
export async function forEachRecentCanonical(conn: DuckDBConnection, version: string, sinceIso: string, onRow: (clusterId: string, row: DedupeRow) => void): Promise<void> {
  await forEachRow(conn, `SELECT c.id AS cluster_id, ${FIELDS} FROM ${RECENT_CANONICALS} ORDER BY c.first_seen_at, c.id`, [version, sinceIso], (v) =>
    onRow(v[0] as string, dedupeRow(v.slice(1))),
  );
}

/**
 * Title, company and description of the postings in `scope` without a valid signature, in no
 * particular order: the unclustered postings, or the canonical postings of clusters seen since
 * `recentSince`.
 */
export async function forEachUnsigned(
  conn: DuckDBConnection,
  version: string,
  scope: 'unclustered' | { recentSince: string },
  onRow: (posting: SignatureText) => void,
): Promise<void> {
  await forEachRow(
    conn,
    `SELECT p.id, p.title, p.company, p.description_text FROM ${scope === 'unclustered' ? UNCLUSTERED : RECENT_CANONICALS} AND s.posting_id IS NULL`,
    scope === 'unclustered' ? [version] : [version, scope.recentSince],
    (v) => onRow({ id: v[0] as string, title: v[1] as string, company: v[2] as string | null, description: v[3] as string }),
  );
}

/**
 * Stores signatures computed under `version` for the postings' current content, replacing any
 * earlier row of the same postings. Rows go through the appender into a temporary table, then into
 * the warehouse in one statement: row-by-row INSERTs take minutes at a million rows.
 */
export async function storeSignatures(conn: DuckDBConnection, version: string, postings: Iterable<{ id: string; signature: Uint32Array }>): Promise<number> {
  // Temporary tables end with the connection, and with the stage's transaction if it rolls back.
  await conn.run('CREATE OR REPLACE TEMP TABLE new_minhash_signatures (posting_id VARCHAR, signature BLOB)');
  const appender = await conn.createAppender('new_minhash_signatures', 'main', 'temp');
  for (const posting of postings) {
    appender.appendVarchar(posting.id);
    appender.appendBlob(new Uint8Array(posting.signature.buffer, posting.signature.byteOffset, posting.signature.byteLength));
    appender.endRow();
  }
  appender.closeSync();
  await conn.run('DELETE FROM minhash_signatures WHERE posting_id IN (SELECT posting_id FROM new_minhash_signatures)');
  const result = await conn.run(
    `INSERT INTO minhash_signatures (posting_id, content_hash, version, signature, computed_at)
     SELECT n.posting_id, p.content_hash, $1, n.signature, now() FROM new_minhash_signatures n JOIN postings p ON p.id = n.posting_id`,
    [version],
  );
  await conn.run('DROP TABLE new_minhash_signatures');
  return Number(result.rowsChanged);
}
