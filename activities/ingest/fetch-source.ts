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

/** Fetches one source and stages its items. Stateless: never touches the warehouse. */
export async function fetchSource(source: Source, runId: string, staging: Staging): Promise<StagedRawPostings> {
  const adapter = adapterFor(source.adapter);
  const body = await fetchText(source.url, { timeoutMs: source.timeoutMs, maxBytes: source.maxBytes });
  const { items, skipped } = await adapter.parse(body);
  const rows: StagedRawPosting[] = items.map((item) => ({
    source_id: source.id,
    external_id: item.externalId,
    content_hash: payloadHash(item.payload),
    payload: item.payload,
  }));
  const staged = staging.writeNdjson(staging.pathFor(runId, 'ingest', source.id), rows);
  return { sourceId: source.id, path: staged.path, items: staged.rows, skipped, bytes: staged.bytes };
}
