// `npm run bench [name …]`: runs bench/<name>.ts for each name given, or every benchmark listed here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../cli/config.js';

const ALL = ['startup', 'normalize', 'skills-f1', 'dedupe', 'report-build', 'resume-accuracy'];
// Run by name only, being long: `npm run bench faults` (100,000 postings, worker killed at seeded points; bench/faults.ts).

const names = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
for (const name of names) {
  const file = join(PROJECT_ROOT, 'bench', `${name}.ts`);
  if (!/^[a-z0-9-]+$/.test(name) || !existsSync(file)) {
    console.error(`no benchmark "${name}" (known: ${ALL.join(', ')})`);
    process.exit(2);
  }
  console.log(`\n» bench/${name}.ts`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
