import { availableParallelism } from 'node:os';
import { Worker, parentPort, type Transferable } from 'node:worker_threads';

interface Pending<Out> {
  resolve: (output: Out) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that each run one function (see serveInWorker) over pieces of work, for CPU-bound
 * stage work the main thread would otherwise do alone. Threads start on first use; a pool is meant
 * for one batch of work and closed after it: idle, its threads would hold their heaps.
 */
export class WorkerPool<In, Out> {
  private readonly workers: (Worker | undefined)[] = [];
  private readonly pending = new Map<number, Pending<Out>>();
  private nextId = 0;

  /**
   * `transfer`: what of an input moves to its thread instead of being copied (an input's own buffer,
   * which the caller no longer reads once it is sent).
   */
  constructor(
    private readonly url: URL,
    readonly size = Math.max(1, Math.min(availableParallelism(), 4)),
    private readonly transfer: (input: In) => Transferable[] = () => [],
  ) {}

  private worker(i: number): Worker {
    let worker = this.workers[i];
    if (!worker) {
      worker = new Worker(this.url);
      // Idle workers must not keep a finished process alive.
      worker.unref();
      worker.on('message', (message: { id: number; output: Out }) => {
        this.pending.get(message.id)?.resolve(message.output);
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
   * The function's output for each input, in order. Each thread takes the next input as it finishes
   * one, two in flight so that it never waits for the main thread between them: a thread the machine
   * slows down does not leave the others idle at the end of the batch. Inputs are taken from
   * `inputs` only as they are sent, so a generator can make each one just in time, and copied to the
   * threads unless transferred (a typed array with the whole buffer under it: pass copies, not views
   * of a larger one).
   */
  async map(inputs: Iterable<In>): Promise<Out[]> {
    const outputs: Out[] = [];
    const pending = inputs[Symbol.iterator]();
    let next = 0;
    let failed = false;
    const lane = async (i: number) => {
      try {
        for (let item = pending.next(); !item.done && !failed; item = pending.next()) {
          const n = next++;
          outputs[n] = await this.send(i, item.value);
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    };
    await Promise.all(Array.from({ length: this.size * 2 }, (_, i) => lane(i % this.size)));
    return outputs;
  }

  private send(i: number, input: In): Promise<Out> {
    const id = this.nextId++;
    const worker = this.worker(i);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input }, this.transfer(input));
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w?.terminate()));
    this.workers.length = 0;
  }
}

/** In a pool's worker thread: answers each input with `fn`'s output, moving what `transfer` lists of it rather than copying it. */
export function serveInWorker<In, Out>(fn: (input: In) => Out, transfer: (output: Out) => Transferable[] = () => []): void {
  parentPort?.on('message', (message: { id: number; input: In }) => {
    const output = fn(message.input);
    parentPort?.postMessage({ id: message.id, output }, transfer(output));
  });
}

/** A typed array's buffer, to transfer, when the array spans all of it (never a slice of Node's shared Buffer pool). */
export function ownBuffer(view: ArrayBufferView): Transferable[] {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? [view.buffer as ArrayBuffer] : [];
}
