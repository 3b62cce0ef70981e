import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import stringify from 'safe-stable-stringify';
import { z } from 'zod';
import type { Source } from '../../warehouse/core.js';
import { PermanentError } from '../errors.js';
import type { Staging } from '../staging.js';
import { adapterFor } from './adapters/index.js';
import { requestBudget } from './custom/request-budget.js';
import { fetchCustomSource } from './custom/fetch-custom-source.js';
import { fetchText } from './http-fetch.js';
import type { NetworkPolicy } from './network-policy.js';

export interface StagedRawPostings {
  sourceId: string;
  path: string;
  items: number;
  skipped: number;
  bytes: number;
}

/** The row shape of staged raw postings; `loadRawPostings` reads exactly these columns. */
export interface StagedRawPosting {
  source_id: string;
  external_id: string;
  content_hash: string;
  payload: Record<string, unknown>;
}

export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(stringify(payload) ?? '').digest('hex');
}

/**
 * How far a fetch got, after each whole page: what a retried attempt (the activity's heartbeat
 * details) needs to continue instead of reading the finished pages again.
 */
export const fetchProgressSchema = z.object({
  pages: z.number().int().min(0),
  /** The page to read next; null when the last page read said there is none. */
  nextUrl: z.string().nullable(),
  skipped: z.number().int().min(0),
  /** The items staged so far (NDJSON, appended page by page), and its length after the last whole page. */
  partialPath: z.string(),
  partialBytes: z.number().int().min(0),
});
export type FetchProgress = z.infer<typeof fetchProgressSchema>;

export interface FetchSourceOptions {
  /**
   * Every page and redirect must pass it. A user-defined source is always checked (only public
   * addresses when absent); a built-in adapter source only when it is given.
   */
  policy?: NetworkPolicy;
  /** Where an earlier attempt of this fetch stopped; anything unusable is ignored and the fetch starts over. */
  resume?: unknown;
  /** Called once each page is staged. */
  onProgress?: (progress: FetchProgress) => void;
  /** Epoch ms after which no page is started (the activity's time limit): a rate-limit wait that would pass it ends the fetch. */
  deadline?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fetch whose every item was unusable (no id, no title) says the source changed its format, not
 * that its jobs are gone: staged as a complete, empty listing it would count every stored posting
 * of the source as missed, and after three runs hide them all.
 */
export function assertReadable(source: Pick<Source, 'id'>, read: { items: number; skipped: number; filtered?: number }): void {
  if (read.items === 0 && read.skipped > 0 && !read.filtered) {
    throw new PermanentError(`none of the ${read.skipped} items ${source.id} sent could be read (no id or no title): its format or mapping no longer fits`);
  }
}

/** The earlier attempt's staged items, if its progress belongs to this run and source and its file is still there. */
function resumable(resume: unknown, partialPath: string, staging: Staging): FetchProgress | null {
  const parsed = fetchProgressSchema.safeParse(resume);
  if (!parsed.success || parsed.data.partialPath !== partialPath) return null;
  const path = staging.check(parsed.data.partialPath);
  if (!existsSync(path) || statSync(path).size < parsed.data.partialBytes) return null;
  return parsed.data;
}

/**
 * Fetches one source, page after page up to its page limit with a pause between pages, and stages
 * its items. An item seen on two pages (boards shift items while one pages through) is kept once.
 * Each page's new items are appended to a partial file first, so an attempt that dies after page n
 * is continued by the next one from page n + 1 (see FetchProgress). Stateless: never touches the warehouse.
 */
export async function fetchSource(
  source: Source,
  runId: string,
  staging: Staging,
  options: FetchSourceOptions = {},
): Promise<StagedRawPostings & { pages: number; complete: boolean; resumedAt: number }> {
  // A user-defined source is read by the reader its configuration names (activities/ingest/custom/).
  if (source.config) return fetchCustomSource(source, runId, staging, options);
  const adapter = adapterFor(source.adapter);
  const rows = new Map<string, StagedRawPosting>();
  const partialPath = staging.pathFor(runId, 'ingest', `${source.id}.partial`);
  const resume = resumable(options.resume, partialPath, staging);
  let progress: FetchProgress = resume ?? { pages: 0, nextUrl: source.url, skipped: 0, partialPath, partialBytes: 0 };
  if (resume) {
    // Whatever was appended after the last whole page the earlier attempt reported is read again.
    truncateSync(partialPath, resume.partialBytes);
    for (const line of readFileSync(partialPath, 'utf8').split('\n')) {
      if (line === '') continue;
      const row = JSON.parse(line) as StagedRawPosting;
      rows.set(row.external_id, row);
    }
  } else {
    mkdirSync(dirname(partialPath), { recursive: true });
    writeFileSync(partialPath, '');
  }
  const resumedAt = progress.pages;
  const limits = { per_minute: source.requestsPerMinute ?? undefined, per_day: source.requestsPerDay ?? undefined };
  while (progress.nextUrl && progress.pages < source.maxPages) {
    if (progress.pages > 0) await sleep(source.pageDelayMs);
    const turn = await requestBudget.take(`source:${source.id}`, limits, { deadline: options.deadline ?? Infinity, onWait: () => undefined });
    if (turn === 'spent' && progress.pages === 0) {
      throw new PermanentError(`${source.id} has used its ${source.requestsPerDay} requests for today; trying again next run`);
    }
    // Out of budget or time: what was read is staged, as an incomplete fetch.
    if (turn !== 'granted') break;
    const url = progress.nextUrl;
    const page = progress.pages + 1;
    const body = await fetchText(url, { timeoutMs: source.timeoutMs, maxBytes: source.maxBytes, policy: options.policy });
    const parsed = await adapter.parse(body, { company: source.company ?? null });
    const fresh: StagedRawPosting[] = [];
    for (const item of parsed.items) {
      if (rows.has(item.externalId)) continue;
      const row = { source_id: source.id, external_id: item.externalId, content_hash: payloadHash(item.payload), payload: item.payload };
      rows.set(item.externalId, row);
      fresh.push(row);
    }
    const appended = fresh.map((row) => `${JSON.stringify(row)}\n`).join('');
    appendFileSync(partialPath, appended);
    progress = {
      pages: page,
      nextUrl: parsed.items.length > 0 ? (adapter.nextPage?.({ url, body, page, items: parsed.items.length }) ?? null) : null,
      skipped: progress.skipped + parsed.skipped,
      partialPath,
      partialBytes: progress.partialBytes + Buffer.byteLength(appended),
    };
    options.onProgress?.(progress);
  }
  assertReadable(source, { items: rows.size, skipped: progress.skipped });
  const staged = staging.writeNdjson(staging.pathFor(runId, 'ingest', source.id), rows.values());
  rmSync(partialPath, { force: true });
  return {
    sourceId: source.id,
    path: staged.path,
    items: staged.rows,
    skipped: progress.skipped,
    bytes: staged.bytes,
    pages: progress.pages,
    // Complete: the last page said there is no next one (not cut off by the page limit).
    complete: progress.nextUrl === null,
    resumedAt,
  };
}
