import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NormalizedBytes } from './normalize-ndjson.js';

const WORKER_URL = new URL('./normalize-worker.mjs', import.meta.url);
/** Bytes of raw NDJSON a thread takes at a time: about 500 postings of the generated corpus. */
const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;

interface Pending {
  resolve: (result: NormalizedBytes) => void;
  reject: (error: Error) => void;
}

/** Worker threads that normalize chunks of raw NDJSON (normalizeNdjson); each loads the taxonomy once. */
export class NormalizePool {
  private readonly workers: (Worker | undefined)[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(readonly size = Math.max(1, Math.min(availableParallelism(), 4))) {}

  private worker(i: number): Worker {
    let worker = this.workers[i];
    if (!worker) {
      worker = new Worker(WORKER_URL);
      // Idle workers must not keep a finished process alive.
      worker.unref();
      worker.on('message', (message: { id: number; result: NormalizedBytes }) => {
        this.pending.get(message.id)?.resolve(message.result);
        this.pending.delete(message.id);
      });
      worker.on('error', (error) => {
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
        this.workers[i] = undefined;
      });
      this.workers[i] = worker;
    }
    return worker;
  }

  /**
   * normalizeNdjson of `bytes`, cut at line ends into chunks, a result per chunk in order. Each thread
   * takes the next chunk as it finishes one, two chunks in flight so that it never waits for the main
   * thread between them: a thread the machine slows down does not leave the others idle at the end.
   */
  async normalize(bytes: Uint8Array): Promise<NormalizedBytes[]> {
    const chunks = chunksOf(bytes);
    const results: NormalizedBytes[] = [];
    let next = 0;
    let failed = false;
    const lane = async (i: number) => {
      try {
        for (let n = next++; n < chunks.length && !failed; n = next++) results[n] = await this.send(i, chunks[n] as Uint8Array);
      } catch (error) {
        failed = true;
        throw error;
      }
    };
    await Promise.all(Array.from({ length: Math.min(chunks.length, this.size * 2) }, (_, i) => lane(i % this.size)));
    return results;
  }

  private send(i: number, chunk: Uint8Array): Promise<NormalizedBytes> {
    const id = this.nextId++;
    const worker = this.worker(i);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // The chunk's own copy moves to the thread: a view would be cloned with the whole page under it.
      const own = new Uint8Array(chunk);
      worker.postMessage({ id, chunk: own }, [own.buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w?.terminate()));
    this.workers.length = 0;
  }
}

/** Pieces of about CHUNK_BYTES, each ending where a line does (views of `bytes`). */
function chunksOf(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, Math.min(start + CHUNK_BYTES, bytes.length) - 1);
    const end = newline < 0 ? bytes.length : newline + 1;
    chunks.push(bytes.subarray(start, end));
    start = end;
  }
  return chunks;
}
