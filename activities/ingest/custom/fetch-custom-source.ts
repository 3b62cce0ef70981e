import { z } from 'zod';
import type { Source } from '../../../warehouse/core.js';
import { PermanentError } from '../../errors.js';
import type { Staging } from '../../staging.js';
import type { ExtractedPosting } from '../adapters/types.js';
import { assertReadable, payloadHash, type FetchSourceOptions, type StagedRawPostings } from '../fetch-source.js';
import { PUBLIC_ONLY, type NetworkPolicy } from '../network-policy.js';
import { readApi } from './api-reader.js';
import { CUSTOM_SOURCE_LIMITS, customSourceConfigSchema, type CustomSourceConfig } from './config.js';
import { customAdapter } from './posting.js';
import type { ReaderContext, ReadResult } from './reader.js';
import { readRss } from './rss-reader.js';
import { readScrape } from './scrape-reader.js';

/**
 * The fetch activity may run for 5 minutes (workflows/ingest-source.ts); a custom source starts no
 * page after 4, so rate-limit waits and polite pauses end in a shorter, incomplete fetch rather
 * than a timed-out one.
 */
const READ_BUDGET_MS = 4 * 60_000;
/** Well inside the fetch activity's 10-second heartbeat timeout. */
const HEARTBEAT_MS = 3_000;

export function readCustomSource(config: CustomSourceConfig, ctx: ReaderContext): Promise<ReadResult> {
  if (config.kind === 'rss') return readRss(config, ctx);
  if (config.kind === 'api') return readApi(config, ctx);
  return readScrape(config, ctx);
}

/** A stored configuration, checked again: one written by an older version must fail clearly, not half-work. */
export function storedConfig(raw: unknown): CustomSourceConfig {
  const parsed = customSourceConfigSchema.safeParse(raw);
  if (!parsed.success) throw new PermanentError(`this source's configuration is not valid (any more): ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * fetchSource for a user-defined source: read by its configured reader, staged like any source.
 * User-defined URLs are never trusted: without a policy from the caller, only public addresses are
 * reachable. A retried attempt reads again from the first page (the pages are few).
 */
export async function fetchCustomSource(
  source: Source,
  runId: string,
  staging: Staging,
  options: FetchSourceOptions,
): Promise<StagedRawPostings & { pages: number; complete: boolean; resumedAt: number }> {
  const config = storedConfig(source.config);
  const partialPath = staging.pathFor(runId, 'ingest', `${source.id}.partial`);
  // Progress only keeps the activity heartbeating, also while a page loads or a polite pause runs;
  // no partial file is written, so a retried attempt starts over.
  let pages = 0;
  const heartbeat = () => options.onProgress?.({ pages, nextUrl: null, skipped: 0, partialPath, partialBytes: 0 });
  const beating = setInterval(heartbeat, HEARTBEAT_MS);
  let read: ReadResult;
  try {
    read = await readCustomSource(config, {
      limits: { timeoutMs: source.timeoutMs, maxBytes: source.maxBytes },
      policy: options.policy ?? PUBLIC_ONLY,
      env: process.env,
      maxPages: source.maxPages,
      deadline: Date.now() + READ_BUDGET_MS,
      onPage: (page) => {
        pages = page;
        heartbeat();
      },
    });
  } finally {
    clearInterval(beating);
  }
  assertReadable(source, { items: read.items.length, skipped: read.skipped, filtered: read.filtered });
  const rows = read.items.map((item) => ({ source_id: source.id, external_id: item.externalId, content_hash: payloadHash(item.payload), payload: item.payload }));
  const staged = staging.writeNdjson(staging.pathFor(runId, 'ingest', source.id), rows);
  return { sourceId: source.id, path: staged.path, items: staged.rows, skipped: read.skipped, bytes: staged.bytes, pages: read.pages, complete: read.complete, resumedAt: 0 };
}

export interface SourceTrial {
  ok: boolean;
  /** What went wrong, as the source's health would record it. */
  error: string | null;
  /** Items on the first page that passed the filters; unusable and filtered-out ones are counted. */
  items: number;
  skipped: number;
  filtered: number;
  /** Up to `samples` postings as the rest of the pipeline will read them. */
  samples: (ExtractedPosting & { externalId: string })[];
}

/** Reads the first page of a configuration (nothing is stored) and shows what the pipeline would make of it. */
export async function trySourceConfig(config: CustomSourceConfig, opts: { policy: NetworkPolicy; samples: number; env?: Record<string, string | undefined> }): Promise<SourceTrial> {
  try {
    const read = await readCustomSource(config, {
      limits: CUSTOM_SOURCE_LIMITS,
      policy: opts.policy,
      env: opts.env ?? process.env,
      maxPages: 1,
      deadline: Date.now() + CUSTOM_SOURCE_LIMITS.timeoutMs,
      onPage: () => undefined,
    });
    return {
      ok: true,
      error: null,
      items: read.items.length,
      skipped: read.skipped,
      filtered: read.filtered,
      samples: read.items.slice(0, opts.samples).map((item) => ({ externalId: item.externalId, ...customAdapter.extract(item.payload) })),
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message, items: 0, skipped: 0, filtered: 0, samples: [] };
  }
}
