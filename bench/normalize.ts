// Postings per second of the normalize stage over the generated corpus (bench/corpus.ts; --size N,
// default 100,000): the pure function on one thread, and the worker-thread pool the stage uses for
// large batches. CPU time is the process's, worker threads included: on a machine shared with other
// work it is the steadier figure.
import { parseArgs } from 'node:util';
import { normalizeNdjson } from '../activities/normalize/normalize-ndjson.js';
import { NormalizePool } from '../activities/normalize/normalize-pool.js';
import { SkillMatcher, loadTaxonomy } from '../activities/normalize/skills.js';
import { generateCorpus, rawNdjson } from './corpus.js';
import { writeResults } from './results-file.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { size: { type: 'string', default: '100000' } } });
const COUNT = Number(values.size);
if (!Number.isInteger(COUNT) || COUNT < 1) throw new Error('--size takes a positive integer');
// As the stage reads them: raw Remotive payloads, staged as NDJSON.
const raw = rawNdjson(generateCorpus(COUNT));

function figures(seconds: number, cpu: NodeJS.CpuUsage) {
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { postings: COUNT, seconds: Number(seconds.toFixed(2)), postingsPerSecond: Math.round(COUNT / seconds), cpuMsPerPosting: Number((cpuMs / COUNT).toFixed(3)) };
}

const skills = new SkillMatcher(loadTaxonomy());
let started = performance.now();
let cpu = process.cpuUsage();
normalizeNdjson(raw, skills);
const oneThread = figures((performance.now() - started) / 1000, process.cpuUsage(cpu));

const pool = new NormalizePool();
started = performance.now();
cpu = process.cpuUsage();
await pool.normalize(raw);
const pooled = { ...figures((performance.now() - started) / 1000, process.cpuUsage(cpu)), threads: pool.size };
await pool.close();

const result = {
  oneThread,
  pool: { ...pooled, speedup: Number((pooled.postingsPerSecond / oneThread.postingsPerSecond).toFixed(2)) },
  peakRssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
};
console.table({ 'normalize, one thread': oneThread, [`normalize, pool of ${pool.size}`]: result.pool });
writeResults('normalize', { date: new Date().toISOString(), ...result });
