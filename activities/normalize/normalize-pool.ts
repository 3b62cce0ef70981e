import { WorkerPool, ownBuffer } from '../worker-pool.js';
import type { NormalizedBytes } from './normalize-ndjson.js';

const WORKER_URL = new URL('./normalize-worker.mjs', import.meta.url);
/** Bytes of raw NDJSON a thread takes at a time: about 500 postings of the generated corpus. */
const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;

/** Worker threads that normalize raw NDJSON (normalizeNdjson); each loads the taxonomy once. */
export class NormalizePool {
  private readonly pool: WorkerPool<Uint8Array, NormalizedBytes>;

  constructor(size?: number) {
    // Each chunk is a copy made for its thread alone: it moves there.
    this.pool = new WorkerPool(WORKER_URL, size, ownBuffer);
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

/** Copies of pieces of about CHUNK_BYTES, each ending where a line does, made as the threads take them: a page is never held twice. */
function* chunksOf(bytes: Uint8Array): Generator<Uint8Array> {
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, Math.min(start + CHUNK_BYTES, bytes.length) - 1);
    const end = newline < 0 ? bytes.length : newline + 1;
    yield Uint8Array.prototype.slice.call(bytes, start, end);
    start = end;
  }
}
