// `npm run bench [name …] [--flag value …]`: runs bench/<name>.ts for each name given, or every
// benchmark listed here; flags after the names go to each of them (`npm run bench -- dedupe --size 1000000`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../cli/config.js';

const ALL = ['startup', 'normalize', 'skills-f1', 'dedupe', 'report-build', 'resume-accuracy', 'api-load', 'matcher', 'pipeline'];
// Run by name only, being long: `npm run bench faults` (100,000 postings, worker killed at seeded points; bench/faults.ts).

const args = process.argv.slice(2);
const firstFlag = args.findIndex((arg) => arg.startsWith('-'));
const named = firstFlag < 0 ? args : args.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : args.slice(firstFlag);
const names = named.length ? named : ALL;
for (const name of names) {
  const file = join(PROJECT_ROOT, 'bench', `${name}.ts`);
  if (!/^[a-z0-9-]+$/.test(name) || !existsSync(file)) {
    console.error(`no benchmark "${name}" (known: ${ALL.join(', ')})`);
    process.exit(2);
  }
  console.log(`\n» bench/${name}.ts`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...flags], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
