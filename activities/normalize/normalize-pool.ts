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

  /** Results in the order of `jobs`. */
  async normalize(jobs: NormalizeJob[]): Promise<NormalizeResult[]> {
    const chunks: Promise<NormalizeResult[]>[] = [];
    for (let start = 0, n = 0; start < jobs.length; start += CHUNK, n++) {
      const id = this.nextId++;
      const worker = this.worker(n % this.size);
      chunks.push(
        new Promise((resolve, reject) => {
          this.pending.set(id, { resolve, reject });
          worker.postMessage({ id, jobs: jobs.slice(start, start + CHUNK) });
        }),
      );
    }
    return (await Promise.all(chunks)).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w?.terminate()));
    this.workers.length = 0;
  }
}
