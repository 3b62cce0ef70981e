import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NormalizeJob, NormalizeResult } from './posting-row.js';

const WORKER_URL = new URL('./normalize-worker.mjs', import.meta.url);
const CHUNK = 500;

interface Pending {
  resolve: (results: NormalizeResult[]) => void;
  reject: (error: Error) => void;
}

/** Worker threads that normalize chunks of postings; each loads the taxonomy once. */
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
      worker.on('message', (message: { id: number; results: NormalizeResult[] }) => {
        this.pending.get(message.id)?.resolve(message.results);
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
   * Results in the order of `jobs`. Each thread takes the next chunk as it finishes one, two chunks in
   * flight so that it never waits for the main thread between them: a thread the machine slows down
   * does not leave the others idle at the end of the batch.
   */
  async normalize(jobs: NormalizeJob[]): Promise<NormalizeResult[]> {
    const chunks = Math.ceil(jobs.length / CHUNK);
    const results: NormalizeResult[][] = [];
    let next = 0;
    let failed = false;
    const lane = async (i: number) => {
      try {
        for (let n = next++; n < chunks && !failed; n = next++) results[n] = await this.send(i, jobs.slice(n * CHUNK, (n + 1) * CHUNK));
      } catch (error) {
        failed = true;
        throw error;
      }
    };
    await Promise.all(Array.from({ length: Math.min(chunks, this.size * 2) }, (_, i) => lane(i % this.size)));
    return results.flat();
  }

  private send(i: number, jobs: NormalizeJob[]): Promise<NormalizeResult[]> {
    const id = this.nextId++;
    const worker = this.worker(i);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, jobs });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w?.terminate()));
    this.workers.length = 0;
  }
}
