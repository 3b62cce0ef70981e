import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null = null;

/**
 * A full garbage collection, run as a stage's activity ends. The worker process runs the stages one
 * after another, and V8 collects its old generation lazily when memory is plentiful: a stage's
 * garbage (hundreds of MB at 100,000 postings) would otherwise sit in the heap through the next
 * stage's peak. Costs a pause of tens of milliseconds, once per stage.
 */
export function collectGarbage(): void {
  if (!gc) {
    // Node exposes gc() only behind a start-up flag; a context made after setting it has gc() in its globals.
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
