import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../cli/config.js';

/**
 * Writes a benchmark's result as `<name>.json` in bench/results/, or in BENCH_RESULTS_DIR when set (a
 * test that runs a benchmark leaves the developer's last figures alone). Returns the file's path.
 */
export function writeResults(name: string, result: unknown): string {
  const dir = process.env.BENCH_RESULTS_DIR ?? join(PROJECT_ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
