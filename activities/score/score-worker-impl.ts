import { parentPort, workerData } from 'node:worker_threads';
import { scoreParts, type ScoringJobSpec } from './score-profiles.js';

const { spec, next, parts } = workerData as { spec: ScoringJobSpec; next: SharedArrayBuffer; parts: number };
parentPort?.postMessage(await scoreParts(spec, next, parts));
