import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { Source } from '../../warehouse/core.js';
import type { Staging } from '../staging.js';
import { adapterFor } from './adapters/index.js';
import { fetchText } from './http-fetch.js';

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fetches one source, page after page up to its page limit with a pause between pages, and stages
 * its items. An item seen on two pages (boards shift items while one pages through) is kept once.
 * Stateless: never touches the warehouse.
 */
export async function fetchSource(
  source: Source,
  runId: string,
  staging: Staging,
  onPage: (page: number) => void = () => undefined,
): Promise<StagedRawPostings & { pages: number; complete: boolean }> {
  const adapter = adapterFor(source.adapter);
  const rows = new Map<string, StagedRawPosting>();
  let skipped = 0;
  let url: string | null = source.url;
  let page = 0;
  while (url && page < source.maxPages) {
    if (page > 0) await sleep(source.pageDelayMs);
    page += 1;
    const body = await fetchText(url, { timeoutMs: source.timeoutMs, maxBytes: source.maxBytes });
    const parsed = await adapter.parse(body);
    skipped += parsed.skipped;
    for (const item of parsed.items) {
      if (rows.has(item.externalId)) continue;
      rows.set(item.externalId, { source_id: source.id, external_id: item.externalId, content_hash: payloadHash(item.payload), payload: item.payload });
    }
    onPage(page);
    url = parsed.items.length > 0 ? (adapter.nextPage?.({ url, body, page, items: parsed.items.length }) ?? null) : null;
  }
  const staged = staging.writeNdjson(staging.pathFor(runId, 'ingest', source.id), rows.values());
  // Complete: the last page said there is no next one (not cut off by the page limit).
  return { sourceId: source.id, path: staged.path, items: staged.rows, skipped, bytes: staged.bytes, pages: page, complete: url === null };
}
