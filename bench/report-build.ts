// Report build time at scale: the trend stage (report marts), the publish stage (snapshot) and the
// Evidence build (`sources` + `build:strict`, as the publish stage runs it) over a warehouse of N
// postings. The base is 100,000 postings of the synthetic corpus (api-warehouse.ts: real normalizer,
// clusters from the corpus's truth; the API benchmark's parameters, so both share its cached file);
// larger sizes copy it k times under new ids, which keeps the normalizer's real distributions of
// skills, salaries and scopes without normalizing a million postings first.
// Sizes from BENCH_REPORT_SIZES (default "100000"; "100000,1000000" adds the million run).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishSnapshot } from '../activities/publish/publish-snapshot.js';
import { reportSiteFor } from '../activities/publish/report-site.js';
import { runReportBuild } from '../activities/publish/run-report-build.js';
import { runTrend } from '../activities/trend/run-trend.js';
import { PROJECT_ROOT } from '../cli/config.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import { benchWarehouse } from './api-warehouse.js';

const BASE_POSTINGS = 100_000;
const SIZES = (process.env.BENCH_REPORT_SIZES ?? String(BASE_POSTINGS)).split(',').map(Number);
const TIME_LIMIT_MS = 60 * 60_000;

/** Bytes under a folder, following no links. */
function folderBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + folderBytes(join(path, name)), 0);
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

interface Result {
  postings: number;
  jobs: number;
  trendSeconds: number;
  publishSeconds: number;
  buildSeconds: number;
  status: string;
  snapshotMB: number;
  siteMB: number;
  dataMB: number;
}

/** Adds `copies - 1` copies of every job (postings, clusters, members, listings) under new ids. */
async function multiply(warehouse: Warehouse, copies: number): Promise<void> {
  if (copies <= 1) return;
  const suffix = (column: string) => `t.${column} || '~' || k AS ${column}`;
  await warehouse.transaction(async (conn) => {
    const copy = (table: string, columns: string[]) =>
      conn.run(`INSERT INTO ${table} SELECT t.* REPLACE (${columns.map(suffix).join(', ')}) FROM ${table} t, range(1, $1) AS r(k)`, [copies]);
    await copy('postings', ['id', 'external_id']);
    await copy('job_clusters', ['id', 'canonical_posting_id']);
    await copy('cluster_members', ['posting_id', 'cluster_id']);
    await copy('source_listings', ['external_id']);
  });
}

async function measure(postings: number): Promise<Result> {
  if (postings % BASE_POSTINGS !== 0) throw new Error(`BENCH_REPORT_SIZES: ${postings} is not a multiple of ${BASE_POSTINGS}`);
  const source = await benchWarehouse({ postings: BASE_POSTINGS, users: 1000, matchesPerUser: 2000 });
  // The trend stage writes marts: work on a copy, so the cached warehouse stays as api-warehouse built it.
  const dir = mkdtempSync(join(tmpdir(), `bench-report-${postings}-`));
  try {
    copyFileSync(source.path, join(dir, 'warehouse.duckdb'));
    const warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
    try {
      await migrate(warehouse);
      await multiply(warehouse, postings / BASE_POSTINGS);
      const [{ jobs } = { jobs: 0 }] = await warehouse.query<{ jobs: number }>('SELECT count(*) AS jobs FROM job_clusters');
      let started = performance.now();
      await warehouse.transaction(runTrend);
      const trendSeconds = seconds(performance.now() - started);
      const snapshotPath = join(dir, 'reports.duckdb');
      started = performance.now();
      await warehouse.withConnection((conn) => publishSnapshot(conn, { runId: `bench-${postings}`, snapshotPath }));
      const publishSeconds = seconds(performance.now() - started);
      const site = { ...reportSiteFor(PROJECT_ROOT, dir), timeLimitMs: TIME_LIMIT_MS };
      const outcome = await runReportBuild(warehouse, site, { runId: `bench-${postings}`, snapshotPath });
      if (outcome.status !== 'ok') console.error(outcome.error);
      return {
        postings,
        jobs,
        trendSeconds,
        publishSeconds,
        buildSeconds: seconds(outcome.durationMs),
        status: outcome.status,
        snapshotMB: Number((statSync(snapshotPath).size / 1e6).toFixed(1)),
        siteMB: outcome.status === 'ok' ? Number((folderBytes(join(`${site.siteDir}.builds`)) / 1e6).toFixed(1)) : 0,
        dataMB: outcome.status === 'ok' ? Number((folderBytes(join(site.siteDir, 'data')) / 1e6).toFixed(1)) : 0,
      };
    } finally {
      warehouse.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: Result[] = [];
mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
for (const size of SIZES) {
  console.log(`› ${size.toLocaleString('en')} postings`);
  results.push(await measure(size));
  console.log(results.at(-1));
  // Written after every size: the million run takes long, and what was measured before it stays.
  writeFileSync(join(PROJECT_ROOT, 'bench', 'results', 'report-build.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
}
console.table(results);
