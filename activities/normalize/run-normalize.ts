import type { DuckDBConnection } from '@duckdb/node-api';
import { pendingRawPostings, upsertPostings, type PendingRawPosting } from '../../warehouse/core.js';
import type { Staging } from '../staging.js';
import { NORMALIZER_VERSION } from './normalize-posting.js';
import { NormalizePool } from './normalize-pool.js';
import { normalizeToLine, type NormalizeJob, type NormalizeResult } from './posting-row.js';
import type { SkillMatcher } from './skills.js';

/** Below this many postings, starting worker threads costs more than it saves. */
const PARALLEL_FROM = 2_000;

export interface NormalizeCounts {
  [key: string]: number;
  pending: number;
  normalized: number;
  failed: number;
}

/**
 * Raw postings read, normalized and loaded at a time. Memory holds two pages, however many are
 * pending: the next page is read and parsed, and the last one loaded, while the workers normalize one.
 */
const PAGE = 10_000;

type Key = { sourceId: string; externalId: string };

/** A page of raw postings as jobs, and the key the next page starts after (null for the last). */
interface Page {
  jobs: NormalizeJob[];
  /** Each job's raw key, to report a failure by. */
  origins: Key[];
  after: Key | null;
}

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
  const counts: NormalizeCounts = { pending: 0, normalized: 0, failed: 0 };
  const fail = (error: Error, key: Key) => {
    counts.failed += 1;
    ctx.onError?.(error, key);
  };
  const limit = ctx.pageSize ?? PAGE;
  // The page after `after`. Pages are chosen on keys, so reading one before the previous one is
  // loaded reads the same rows.
  const read = async (after: Key | null): Promise<Page> => {
    const pending = await pendingRawPostings(conn, { normalizerVersion: NORMALIZER_VERSION, limit, after });
    counts.pending += pending.length;
    const last = pending.at(-1);
    return { ...pageJobs(pending), after: last && pending.length === limit ? { sourceId: last.source_id, externalId: last.external_id } : null };
  };
  // Worker threads for this run only: idle, they would hold their heaps through every later stage.
  const pool = new NormalizePool();
  try {
    const normalize = (jobs: NormalizeJob[]) => {
      const results = normalizeJobs(jobs, { skills: ctx.skills, pool });
      // Awaited only once the next page is read: failing before then is not an unhandled rejection.
      results.catch(() => undefined);
      return results;
    };
    let page: Page | null = await read(null);
    let normalizing = normalize(page.jobs);
    while (page) {
      const { origins } = page;
      // The warehouse and the main thread are free while the workers normalize: the next page is read then.
      const next: Page | null = page.after ? await read(page.after) : null;
      const results = await normalizing;
      if (next) normalizing = normalize(next.jobs);
      const lines: string[] = [];
      results.forEach((result, i) => ('error' in result ? fail(new Error(result.error), origins[i] as Key) : lines.push(result.line)));
      if (lines.length > 0) {
        // One staged file, rewritten each page: the staging folder holds a page, not the whole run.
        const staged = ctx.staging.writeNdjsonLines(ctx.staging.pathFor(ctx.runId, 'normalize', 'postings'), lines);
        counts.normalized += await upsertPostings(conn, staged.path, ctx.runId);
        await ctx.pageLoaded?.();
      }
      page = next;
    }
    return counts;
  } finally {
    await pool.close();
  }
}

/** A page's raw postings as jobs: their payloads are read by the worker threads, and only their keys are kept here. */
function pageJobs(pending: readonly PendingRawPosting[]): Omit<Page, 'after'> {
  return {
    jobs: pending.map((raw) => ({ sourceId: raw.source_id, externalId: raw.external_id, rawContentHash: raw.content_hash, adapter: raw.adapter, payload: raw.payload })),
    origins: pending.map((raw) => ({ sourceId: raw.source_id, externalId: raw.external_id })),
  };
}

/** Staged posting rows as NDJSON lines, or why a posting failed, in the order of `jobs`. */
async function normalizeJobs(jobs: NormalizeJob[], using: { skills: SkillMatcher; pool: NormalizePool }): Promise<NormalizeResult[]> {
  // Large batches are spread over worker threads: normalization is independent per posting.
  return jobs.length >= PARALLEL_FROM ? using.pool.normalize(jobs) : jobs.map((job) => normalizeToLine(job, using.skills));
}
