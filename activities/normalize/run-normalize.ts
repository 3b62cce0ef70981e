import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { listPendingRaw, upsertPostings, writePendingRawPage } from '../../warehouse/core.js';
import { storeSignatures } from '../../warehouse/dedupe-signatures.js';
import { signatureVersion } from '../dedupe/minhash.js';
import type { Staging } from '../staging.js';
import { NORMALIZER_VERSION } from './normalize-posting.js';
import { NormalizePool } from './normalize-pool.js';
import { normalizeNdjson, signaturesOf, type NormalizedBytes } from './normalize-ndjson.js';
import type { SkillMatcher } from './skills.js';

/** Below this much raw NDJSON (about 2,000 postings), starting worker threads costs more than it saves. */
const PARALLEL_FROM_BYTES = 4 << 20;

export interface NormalizeCounts {
  [key: string]: number;
  pending: number;
  normalized: number;
  failed: number;
}

/**
 * Raw postings read, normalized and loaded at a time. Memory holds two pages, however many are
 * pending: the next page is read, and the last one loaded, while the workers normalize one. Each
 * page's load ends in a commit, whose checkpoint rewrites the table's last row groups: pages of
 * 20,000 rather than 10,000 halve those. The peak stayed about the same, as a page's chunks are
 * copied only as the threads take them (NormalizePool).
 */
const PAGE = 20_000;

type Key = { sourceId: string; externalId: string };

/**
 * raw_postings → postings, for every raw version not normalized yet, a page at a time. A payload that
 * cannot be read is counted as failed and left in raw (so a fixed adapter can normalize it later); it
 * never stops the stage.
 */
export async function runNormalize(
  conn: DuckDBConnection,
  ctx: {
    runId: string;
    staging: Staging;
    skills: SkillMatcher;
    pageSize?: number;
    onError?: (error: Error, row: Key) => void;
    /** Called once each page is loaded, to make it durable (commitSoFar): a retry then starts from the pages left. */
    pageLoaded?: () => Promise<void>;
  },
): Promise<NormalizeCounts> {
  const pending = await listPendingRaw(conn, NORMALIZER_VERSION);
  const counts: NormalizeCounts = { pending, normalized: 0, failed: 0 };
  const limit = ctx.pageSize ?? PAGE;
  const rawPath = ctx.staging.pathFor(ctx.runId, 'normalize', 'raw');
  // Page `n` (from 0) of the pending raw postings, as NDJSON bytes. DuckDB writes it; it is read back
  // at once, so the next page can reuse the file.
  const read = async (n: number): Promise<Uint8Array> => {
    await ctx.staging.writeWith(rawPath, (path) => writePendingRawPage(conn, { from: n * limit + 1, to: (n + 1) * limit, path }));
    return readFileSync(rawPath);
  };
  const pages = Math.ceil(pending / limit);
  // Worker threads for this run only: idle, they would hold their heaps through every later stage.
  const pool = new NormalizePool();
  try {
    const normalize = (page: Uint8Array) => {
      // Large pages are spread over worker threads: normalization is independent per posting.
      const results = page.length >= PARALLEL_FROM_BYTES ? pool.normalize(page) : Promise.resolve([normalizeNdjson(page, ctx.skills)]);
      // Awaited only once the next page is read: failing before then is not an unhandled rejection.
      results.catch(() => undefined);
      return results;
    };
    // A page's bytes are referenced only by its chunks' generator, and go once they are all sent.
    let normalizing = pages > 0 ? normalize(await read(0)) : null;
    for (let n = 1; normalizing; n++) {
      // The warehouse and the main thread are free while the workers normalize: the next page is read then.
      const next: Uint8Array | null = n < pages ? await read(n) : null;
      const results: NormalizedBytes[] = await normalizing;
      normalizing = next ? normalize(next) : null;
      for (const failure of results.flatMap((r) => r.failures)) {
        counts.failed += 1;
        ctx.onError?.(new Error(failure.error), { sourceId: failure.sourceId, externalId: failure.externalId });
      }
      if (results.some((r) => r.count > 0)) {
        // One staged file, rewritten each page: the staging folder holds a page, not the whole run.
        const staged = ctx.staging.writeNdjsonBytes(ctx.staging.pathFor(ctx.runId, 'normalize', 'postings'), results.map((r) => r.rows));
        counts.normalized += await upsertPostings(conn, staged.path, ctx.runId);
        await storeSignatures(conn, signatureVersion(), signaturesOf(results));
        await ctx.pageLoaded?.();
      }
    }
    return counts;
  } finally {
    await pool.close();
  }
}
