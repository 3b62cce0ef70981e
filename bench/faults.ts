// `npm run bench faults [-- --postings N --kills N --seed N]`: issue #13's kill test at full size.
// A pipeline run over 100,000 corpus postings has its worker killed with SIGKILL at 5 seeded random
// points; the warehouse it ends with is checked against an undisturbed run of the same feeds:
// row counts, every cluster and its members, the stage statuses, and the invariants (no duplicate,
// referential integrity, clusters non-empty with their canonical posting a member).
// workflows/faults.integration.test.ts runs the same at 10,000 postings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { PROJECT_ROOT, loadConfig } from '../cli/config.js';
import { freePort } from '../cli/ports.js';
import { cleanAndKilledRuns, killSchedule, startCorpusFeeds } from '../cli/test-support/fault-run.js';
import { NO_VIOLATIONS } from '../cli/test-support/warehouse-checks.js';
import { resolveTemporalCli } from '../cli/temporal-cli.js';
import { startDevServer } from '../cli/temporal-dev-server.js';
import { writeResults } from './results-file.js';

const { values } = parseArgs({ options: { postings: { type: 'string', default: '100000' }, kills: { type: 'string', default: '5' }, seed: { type: 'string', default: '42' } } });
const [postings, kills, seed] = [values.postings, values.kills, values.seed].map(Number) as [number, number, number];

const dirs: string[] = [];
const newConfig = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vagas-bench-faults-'));
  dirs.push(dir);
  return loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'info', REPORTS: 'off' });
};

console.log(`» ${postings} postings, ${kills} kills (seed ${seed}): generating the corpus…`);
const corpus = await startCorpusFeeds(postings, seed);
const temporalConfig = await newConfig();
const port = await freePort();
const temporal = await startDevServer({ cliPath: resolveTemporalCli({ projectRoot: PROJECT_ROOT }), dbFile: temporalConfig.temporalDbFile, port, uiPort: null });
const connection = await Connection.connect({ address: temporal.address });
try {
  const schedule = killSchedule(kills, seed);
  const runs = await cleanAndKilledRuns({ client: new Client({ connection }), temporalAddress: temporal.address, sources: corpus.sources, schedule, newConfig, log: (line) => console.log(`  ${line}`) });
  const checks = {
    'run completed': runs.result.current === 'done',
    'postings = corpus size': runs.actual.counts.postings === postings,
    'row counts equal the clean run': isDeepStrictEqual(runs.actual.counts, runs.expected.counts),
    'clusters and canonical postings equal': isDeepStrictEqual(runs.actual.clusters, runs.expected.clusters),
    'every posting in the same cluster': isDeepStrictEqual(runs.actual.membership, runs.expected.membership),
    'stage statuses equal': isDeepStrictEqual(runs.actual.stages, runs.expected.stages),
    'no invariant broken': isDeepStrictEqual(runs.violations, NO_VIOLATIONS),
  };
  console.table(checks);
  console.table(runs.actual.counts);
  console.table({ 'clean run (s)': Math.round(runs.cleanMs / 1000), 'killed run (s)': Math.round(runs.killedMs / 1000), 'kills that landed': runs.landed.length });
  writeResults('faults', { date: new Date().toISOString(), postings, seed, schedule, landed: runs.landed, cleanMs: runs.cleanMs, killedMs: runs.killedMs, counts: runs.actual.counts, violations: runs.violations, checks });
  if (Object.values(checks).includes(false)) process.exitCode = 1;
} finally {
  await connection.close();
  await temporal.stop();
  await corpus.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
