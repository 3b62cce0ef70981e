import type { PendingRawLine } from '../../warehouse/core.js';
import { DEFAULT_MINHASH, minhashSignature } from '../dedupe/minhash.js';
import { signatureText } from '../dedupe/verify.js';
import { adapterFor } from '../ingest/adapters/index.js';
import { normalizePosting } from './normalize-posting.js';
import { postingRow } from './posting-row.js';
import type { SkillMatcher } from './skills.js';

/** A raw posting that could not be normalized, and why. */
export interface NormalizeFailure {
  sourceId: string;
  externalId: string;
  error: string;
}

/** Staged posting rows as NDJSON in UTF-8, their MinHash signatures, and the raw postings that failed. */
export interface NormalizedBytes {
  rows: Uint8Array;
  count: number;
  /** The rows' posting ids, in row order, and their signatures one after another (DEFAULT_MINHASH.numPerm values each). */
  signatures: { ids: string[]; values: Uint32Array };
  failures: NormalizeFailure[];
}

const NEWLINE = Buffer.from('\n');

/**
 * Raw postings as the stage stages them (PendingRawLine NDJSON, in UTF-8) → their staged posting
 * rows, the same NDJSON the load reads. Bytes in and out: a worker thread receives and returns one
 * copied buffer rather than thousands of strings, and the main thread never decodes either.
 *
 * Each posting is also signed for dedupe (minhash.ts) while its text is at hand on a worker thread:
 * signed here, the dedupe stage reads no description back from the warehouse and signs nothing on
 * its single thread.
 */
export function normalizeNdjson(bytes: Uint8Array, skills: SkillMatcher): NormalizedBytes {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const pieces: Buffer[] = [];
  const ids: string[] = [];
  const signatures: Uint32Array[] = [];
  const failures: NormalizeFailure[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const raw = JSON.parse(line) as PendingRawLine;
    try {
      const extracted = adapterFor(raw.adapter).extract(raw.payload as Record<string, unknown>);
      const posting = normalizePosting(raw.sourceId, raw.externalId, extracted, skills);
      // Encoded line by line: joining thousands of lines first makes one long string to copy again.
      pieces.push(Buffer.from(JSON.stringify(postingRow(posting, raw.rawContentHash))), NEWLINE);
      ids.push(posting.id);
      signatures.push(minhashSignature(signatureText({ title: posting.title, company: posting.company, text: posting.descriptionText }), DEFAULT_MINHASH));
    } catch (error) {
      failures.push({ sourceId: raw.sourceId, externalId: raw.externalId, error: (error as Error).message });
    }
  }
  const values = new Uint32Array(signatures.length * DEFAULT_MINHASH.numPerm);
  signatures.forEach((signature, i) => values.set(signature, i * DEFAULT_MINHASH.numPerm));
  return { rows: Buffer.concat(pieces), count: ids.length, signatures: { ids, values }, failures };
}

/** The signatures of normalized chunks, one per posting, as views of the chunks' values. */
export function* signaturesOf(chunks: Iterable<NormalizedBytes>): Generator<{ id: string; signature: Uint32Array }> {
  const width = DEFAULT_MINHASH.numPerm;
  for (const { signatures } of chunks) {
    for (let i = 0; i < signatures.ids.length; i++) yield { id: signatures.ids[i] as string, signature: signatures.values.subarray(i * width, (i + 1) * width) };
  }
}
