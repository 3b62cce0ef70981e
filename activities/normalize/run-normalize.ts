import type { DuckDBConnection } from '@duckdb/node-api';
import { pendingRawPostings, upsertPostings, type PendingRawPosting } from '../../warehouse/core.js';
import { adapterFor } from '../ingest/adapters/index.js';
import type { Staging } from '../staging.js';
import { NORMALIZER_VERSION } from './normalize-posting.js';
import { NormalizePool } from './normalize-pool.js';
import { normalizeToLine, type NormalizeJob } from './posting-row.js';
import type { SkillMatcher } from './skills.js';

/** Below this many postings, starting worker threads costs more than it saves. */
const PARALLEL_FROM = 2_000;

export interface NormalizeCounts {
  [key: string]: number;
  pending: number;
  normalized: number;
  failed: number;
}

/** Raw postings read, normalized and loaded at a time: memory holds one page, however many are pending. */
const PAGE = 10_000;

/**
 * raw_postings → postings, for every raw version not normalized yet, a page at a time. A payload that
 * cannot be read is counted as failed and left in raw (so a fixed adapter can normalize it later); it
 * never stops the stage.
 */
export async function runNormalize(
  conn: DuckDBConnection,
  ctx: { runId: string; staging: Staging; skills: SkillMatcher; pageSize?: number; onError?: (error: Error, row: { sourceId: string; externalId: string }) => void },
): Promise<NormalizeCounts> {
  const counts: NormalizeCounts = { pending: 0, normalized: 0, failed: 0 };
  const fail = (error: Error, raw: PendingRawPosting) => {
    counts.failed += 1;
    ctx.onError?.(error, { sourceId: raw.source_id, externalId: raw.external_id });
  };
  const limit = ctx.pageSize ?? PAGE;
  // Worker threads for this run only: idle, they would hold their heaps through every later stage.
  const pool = new NormalizePool();
  try {
    for (let after: { sourceId: string; externalId: string } | null = null; ; ) {
      const pending = await pendingRawPostings(conn, { normalizerVersion: NORMALIZER_VERSION, limit, after });
      counts.pending += pending.length;
      const lines = await normalizePage(pending, { skills: ctx.skills, pool }, fail);
      if (lines.length > 0) {
        // One staged file, rewritten each page: the staging folder holds a page, not the whole run.
        const staged = ctx.staging.writeNdjsonLines(ctx.staging.pathFor(ctx.runId, 'normalize', 'postings'), lines);
        counts.normalized += await upsertPostings(conn, staged.path, ctx.runId);
      }
      const last = pending.at(-1);
      if (!last || pending.length < limit) return counts;
      after = { sourceId: last.source_id, externalId: last.external_id };
    }
  } finally {
    await pool.close();
  }
}

/** One page of raw postings → staged posting rows, as NDJSON lines; a raw posting that fails is reported, not thrown. */
async function normalizePage(
  pending: readonly PendingRawPosting[],
  using: { skills: SkillMatcher; pool: NormalizePool },
  fail: (error: Error, raw: PendingRawPosting) => void,
): Promise<string[]> {
  const jobs: NormalizeJob[] = [];
  const origins: PendingRawPosting[] = [];
  for (const raw of pending) {
    try {
      const extracted = adapterFor(raw.adapter).extract(JSON.parse(raw.payload) as Record<string, unknown>);
      jobs.push({ sourceId: raw.source_id, externalId: raw.external_id, rawContentHash: raw.content_hash, extracted });
      origins.push(raw);
    } catch (error) {
      fail(error as Error, raw);
    }
  }
  // Large batches are spread over worker threads: normalization is independent per posting.
  const results = jobs.length >= PARALLEL_FROM ? await using.pool.normalize(jobs) : jobs.map((job) => normalizeToLine(job, using.skills));
  const lines: string[] = [];
  results.forEach((result, i) => ('error' in result ? fail(new Error(result.error), origins[i] as PendingRawPosting) : lines.push(result.line)));
  return lines;
}
