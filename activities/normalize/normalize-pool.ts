import { WorkerPool } from '../worker-pool.js';
import type { NormalizedBytes } from './normalize-ndjson.js';

const WORKER_URL = new URL('./normalize-worker.mjs', import.meta.url);
/** Bytes of raw NDJSON a thread takes at a time: about 500 postings of the generated corpus. */
const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;

/** Worker threads that normalize raw NDJSON (normalizeNdjson); each loads the taxonomy once. */
export class NormalizePool {
  private readonly pool: WorkerPool<Uint8Array, NormalizedBytes>;

  constructor(size?: number) {
    this.pool = new WorkerPool(WORKER_URL, size);
  }

  get size(): number {
    return this.pool.size;
  }

  /** normalizeNdjson of `bytes`, cut at line ends into chunks spread over the threads: a result per chunk, in order. */
  normalize(bytes: Uint8Array): Promise<NormalizedBytes[]> {
    return this.pool.map(chunksOf(bytes));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Copies of pieces of about CHUNK_BYTES, each ending where a line does. */
function chunksOf(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, Math.min(start + CHUNK_BYTES, bytes.length) - 1);
    const end = newline < 0 ? bytes.length : newline + 1;
    chunks.push(Uint8Array.prototype.slice.call(bytes, start, end));
    start = end;
  }
  return chunks;
}
