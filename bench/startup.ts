// Wall time of `npm start` to a finished first pipeline run, on the embedded default, fresh data folder each time.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../cli/config.js';
import { childEnv, testConfig } from '../cli/test-support/test-config.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function once(): Promise<{ firstRunMs: number; stopMs: number }> {
  const config = await testConfig();
  const started = performance.now();
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'cli/bootstrap.mjs'), 'up'], { cwd: PROJECT_ROOT, env: childEnv(config), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ctrl-C stops everything')) resolve();
    });
    exited.then((code) => reject(new Error(`npm start exited (${code}):\n${out}`)));
  });
  const firstRunMs = performance.now() - started;
  const stopping = performance.now();
  child.kill('SIGINT');
  await exited;
  rmSync(config.dataDir, { recursive: true, force: true });
  return { firstRunMs, stopMs: performance.now() - stopping };
}

const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const summary = {
  runs: RUNS,
  firstRunMs: { median: Math.round(median(runs.map((r) => r.firstRunMs))), min: Math.round(Math.min(...runs.map((r) => r.firstRunMs))), max: Math.round(Math.max(...runs.map((r) => r.firstRunMs))) },
  stopMs: { median: Math.round(median(runs.map((r) => r.stopMs))) },
};
console.table({ 'npm start → first run done (ms)': summary.firstRunMs, 'SIGINT → stopped (ms)': summary.stopMs });
mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(PROJECT_ROOT, 'bench/results/startup.json'), `${JSON.stringify({ date: new Date().toISOString(), ...summary }, null, 2)}\n`);
