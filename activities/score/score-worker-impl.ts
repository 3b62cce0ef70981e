import { parentPort, workerData } from 'node:worker_threads';
import { PlanScorer, partRange, type ScoringJobSpec } from './score-profiles.js';

const { spec, next, parts } = workerData as { spec: ScoringJobSpec; next: SharedArrayBuffer; parts: number };
const scorer = await PlanScorer.load(spec);
// Threads take the next part from a shared counter until none is left, so a thread that drew cheap profiles takes more.
const counter = new Int32Array(next);
let rows = 0;
for (let part = Atomics.add(counter, 0, 1); part < parts; part = Atomics.add(counter, 0, 1)) {
  rows += await scorer.score(part, ...partRange(part, parts, scorer.profiles.length));
}
parentPort?.postMessage(rows);
