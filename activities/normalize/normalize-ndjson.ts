import type { PendingRawLine } from '../../warehouse/core.js';
import { adapterFor } from '../ingest/adapters/index.js';
import { normalizeToLine } from './posting-row.js';
import type { SkillMatcher } from './skills.js';

/** A raw posting that could not be normalized, and why. */
export interface NormalizeFailure {
  sourceId: string;
  externalId: string;
  error: string;
}

/** Staged posting rows as NDJSON in UTF-8, and the raw postings that failed. */
export interface NormalizedBytes {
  rows: Uint8Array;
  count: number;
  failures: NormalizeFailure[];
}

const NEWLINE = Buffer.from('\n');

/**
 * Raw postings as the stage stages them (PendingRawLine NDJSON, in UTF-8) → their staged posting
 * rows, the same NDJSON the load reads. Bytes in and out: a worker thread receives and returns one
 * copied buffer rather than thousands of strings, and the main thread never decodes either.
 */
export function normalizeNdjson(bytes: Uint8Array, skills: SkillMatcher): NormalizedBytes {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const pieces: Buffer[] = [];
  const failures: NormalizeFailure[] = [];
  let count = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const raw = JSON.parse(line) as PendingRawLine;
    let result: ReturnType<typeof normalizeToLine>;
    try {
      const extracted = adapterFor(raw.adapter).extract(raw.payload as Record<string, unknown>);
      result = normalizeToLine({ sourceId: raw.sourceId, externalId: raw.externalId, rawContentHash: raw.rawContentHash, extracted }, skills);
    } catch (error) {
      result = { error: (error as Error).message };
    }
    if ('error' in result) failures.push({ sourceId: raw.sourceId, externalId: raw.externalId, error: result.error });
    else {
      // Encoded line by line: joining thousands of lines first makes one long string to copy again.
      pieces.push(Buffer.from(result.line), NEWLINE);
      count += 1;
    }
  }
  return { rows: Buffer.concat(pieces), count, failures };
}
