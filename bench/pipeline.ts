// The pipeline end to end over the generated corpus (bench/corpus.ts, its year moved to end today),
// served as Remotive-style feeds on 127.0.0.1 (the fault bench's feeds), with 1,000 profiles (the
// API bench's users):
//  1. stage by stage, the plain stage functions the activities wrap called directly on a DuckDB
//     file in a temp dir: seconds, CPU seconds, postings per second and peak RSS per stage and for
//     the whole run (target: < 60 s and < 2 GB at 100,000 postings; reported, not asserted);
//  2. the normalized postings loaded row by row (one prepared INSERT per posting, what peers do)
//     beside the stage's batched load (a staged NDJSON file, one INSERT … SELECT), both measured;
//  3. Temporal's overhead: the same stages on the same (smaller) corpus through the real
//     pipelineWorkflow on a Temporal dev server with a real `cli worker` process, beside the direct run.
// Flags (npm run bench -- pipeline --size 1000000): --size N (default 100000), --profiles N (1000),
// --temporal-size N (20000), --baseline-size N (10000), --seed N (42). Direct runs are child
// processes, so the corpus the parent serves is not in their RSS. Peak RSS is Linux's VmHWM.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { runDedupe } from '../activities/dedupe/run-dedupe.js';
import { fetchSource } from '../activities/ingest/fetch-source.js';
import { LATAM_COUNTRIES } from '../activities/normalize/geo.js';
import { runNormalize } from '../activities/normalize/run-normalize.js';
import { loadTaxonomy } from '../activities/normalize/skill-taxonomy.js';
import { SkillMatcher } from '../activities/normalize/skills.js';
import { publishSnapshot } from '../activities/publish/publish-snapshot.js';
import { prepareScoring } from '../activities/score/prepare-scoring.js';
import { runMatcher } from '../activities/score/run-matcher.js';
import { Staging } from '../activities/staging.js';
import { runTrend } from '../activities/trend/run-trend.js';
import { PROJECT_ROOT, loadConfig, type Config } from '../cli/config.js';
import { freePort } from '../cli/ports.js';
import { runPipeline } from '../cli/run-pipeline.js';
import { seedDefaults } from '../cli/seed-defaults.js';
import { tableCounts } from '../cli/summary.js';
import { resolveTemporalCli } from '../cli/temporal-cli.js';
import { startDevServer } from '../cli/temporal-dev-server.js';
import { startCorpusFeeds } from '../cli/test-support/fault-run.js';
import { childEnv } from '../cli/test-support/test-config.js';
import { readWarehouse } from '../cli/test-support/warehouse-checks.js';
import { spawnWorker } from '../cli/test-support/worker-process.js';
import { STAGED_POSTING_COLUMNS, insertRawPostings, listEnabledSources, recordListings, upsertPostings, type SourceInput } from '../warehouse/core.js';
import { Warehouse, commitSoFar } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import { upsertMatches } from '../warehouse/ml.js';
import { refreshSearchIndex } from '../warehouse/search-index.js';
import type { PipelineProgress } from '../workflows/pipeline.js';
import { loadUsers } from './api-warehouse.js';
import { childSpec, runInChild } from './child-process.js';
import { PermanentError } from '../activities/errors.js';
import { collectGarbage } from '../activities/collect-garbage.js';
import { writeResults } from './results-file.js';

const CHILD_SPEC = 'BENCH_PIPELINE_CHILD';
const STAGES = ['ingest', 'normalize', 'dedupe', 'score', 'trend', 'publish'] as const;
type StageName = (typeof STAGES)[number];
type Counts = Record<string, number>;
const TARGET = { seconds: 60, peakRssMb: 2048 };

interface StageFigures {
  seconds: number;
  /** User + system time of every thread (normalize's pool included): on a shared machine, the work done apart from waiting for a core. */
  cpuSeconds: number;
  peakRssMb: number;
  counts: Counts;
}
type DirectRun = Record<StageName, StageFigures>;

const round2 = (x: number) => Number(x.toFixed(2));

/** `work`'s result, once `then` has run after it settled. */
async function afterwards<T>(then: () => void, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    then();
  }
}

// ---------- peak RSS ----------

/** Peak resident set size of a process (VmHWM), in MB. */
function peakRssMb(pid: number | 'self' = 'self'): number {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

/** Linux resets a process's peak RSS to its current RSS on request: each stage's peak is then its own, in the one process a worker is. */
function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

async function measured(stage: () => Promise<Counts>): Promise<StageFigures> {
  resetPeakRss();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const counts = await stage();
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { seconds: round2(seconds), cpuSeconds: round2((user + system) / 1e6), peakRssMb: peakRssMb(), counts };
}

// ---------- the direct run (a child process) ----------

/** Retries a fetch that failed on the network, as the fetch activity's retry policy does under Temporal. */
async function fetchRetried<T>(fetch: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch();
    } catch (error) {
      if (attempt === 3 || error instanceof PermanentError) throw error;
      console.error(`  retrying after: ${(error as Error).message}`);
    }
  }
}

/** What each activity of pipelineWorkflow does, minus Temporal and the pipeline_runs bookkeeping, stage by stage in one process. */
async function directRun(dataDir: string): Promise<DirectRun> {
  const config = benchConfig(dataDir);
  const warehouse = await Warehouse.open(config.warehousePath, { memoryLimit: config.warehouseMemoryLimit });
  const staging = new Staging(config.stagingDir);
  const skills = new SkillMatcher(loadTaxonomy());
  const runId = 'bench-direct';
  const stages: Record<StageName, () => Promise<Counts>> = {
    // One fetch per source at once, each loaded when it is staged, as the ingest child workflows do.
    ingest: async () => {
      const sources = await warehouse.withConnection(listEnabledSources);
      const newItems = await Promise.all(
        sources.map(async (source) => {
          const staged = await fetchRetried(() => fetchSource(source, runId, staging));
          return warehouse.transaction(async (conn) => {
            const inserted = await insertRawPostings(conn, staged.path, runId);
            await recordListings(conn, { stagedPath: staged.path, sourceId: source.id, complete: staged.complete });
            return inserted;
          });
        }),
      );
      return { sources: sources.length, newItems: newItems.reduce((a, b) => a + b, 0) };
    },
    // Each activity but ingest's ends with a full garbage collection (collectGarbage), so these do too.
    normalize: () => afterwards(collectGarbage, warehouse.transaction((conn) => runNormalize(conn, { runId, staging, skills, pageLoaded: () => commitSoFar(conn) }))),
    dedupe: () =>
      afterwards(
        collectGarbage,
        warehouse.transaction(async (conn) => {
          const clusters = await runDedupe(conn, { runId, staging });
          await commitSoFar(conn);
          return { ...clusters, ...(await refreshSearchIndex(conn, { latamCountries: LATAM_COUNTRIES })) };
        }),
      ),
    score: async () => {
      const batch = await afterwards(collectGarbage, warehouse.withConnection((conn) => prepareScoring(conn, { runId, staging })));
      const scored = await afterwards(collectGarbage, runMatcher({ runId, path: batch.path, model: batch.model }, { staging, projectRoot: PROJECT_ROOT }));
      return { pairs: batch.pairs, matches: await afterwards(collectGarbage, warehouse.transaction((conn) => upsertMatches(conn, scored.path))) };
    },
    trend: () => afterwards(collectGarbage, warehouse.transaction(runTrend)),
    publish: () => warehouse.withConnection((conn) => publishSnapshot(conn, { runId, snapshotPath: config.snapshotPath })),
  };
  const run = {} as DirectRun;
  for (const name of STAGES) {
    run[name] = await measured(stages[name]);
    console.error(`  ${name}: ${run[name].seconds} s, peak RSS ${run[name].peakRssMb} MB`);
  }
  warehouse.close();
  return run;
}

// ---------- warehouses ----------

// WAREHOUSE_MEMORY_LIMIT passes through, to see where DuckDB's limit binds.
const benchConfig = (dataDir: string) =>
  loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info', REPORTS: 'off', WAREHOUSE_MEMORY_LIMIT: process.env.WAREHOUSE_MEMORY_LIMIT });

/** A fresh data folder whose warehouse has the matcher v1, the corpus's sources and `profiles` users with profiles. */
async function seededDataDir(sources: SourceInput[], profiles: number, seed: number): Promise<Config> {
  const config = benchConfig(mkdtempSync(join(tmpdir(), 'bench-pipeline-')));
  try {
    await readWarehouse(config.warehousePath, async (warehouse) => {
      await migrate(warehouse);
      await seedDefaults(warehouse, { projectRoot: PROJECT_ROOT, sources, demoProfile: false });
      await loadUsers(warehouse, profiles, seed);
    });
  } catch (error) {
    rmSync(config.dataDir, { recursive: true, force: true });
    throw error;
  }
  return config;
}

/** What both runs of the Temporal comparison must have stored alike. */
async function outcome(config: Config): Promise<Counts> {
  const counts = await readWarehouse(config.warehousePath, tableCounts);
  return Object.fromEntries(['raw_postings', 'postings', 'job_clusters', 'cluster_members', 'matches'].map((table) => [table, counts[table] ?? -1]));
}

// ---------- baseline: row-by-row INSERTs ----------

/** One prepared INSERT per posting, all in one transaction (kinder to the baseline than a commit per row); lists and JSON bound as JSON text. */
async function insertRowByRow(warehouse: Warehouse, rows: Record<string, unknown>[], runId: string): Promise<void> {
  const names = Object.keys(STAGED_POSTING_COLUMNS);
  const casts = names.map((name, i) => `$${i + 1}::${STAGED_POSTING_COLUMNS[name]?.endsWith('[]') ? `JSON::${STAGED_POSTING_COLUMNS[name]}` : STAGED_POSTING_COLUMNS[name]}`);
  await warehouse.transaction(async (conn) => {
    const insert = await conn.prepare(`INSERT INTO postings (${names.join(', ')}, run_id, normalized_at) VALUES (${casts.join(', ')}, $${names.length + 1}, now())`);
    for (const row of rows) {
      insert.bind([...names.map((name) => bindable(row[name])), runId]);
      await insert.run();
    }
  });
}

function bindable(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
}

/** The first `size` postings the normalize stage staged, loaded into fresh warehouses both ways. */
async function loadBaseline(normalized: Config, size: number) {
  const staging = new Staging(normalized.stagingDir);
  const rows = readFileSync(staging.pathFor('bench-direct', 'normalize', 'postings'), 'utf8')
    .split('\n', size)
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const timedLoad = async (load: (warehouse: Warehouse, staging: Staging) => Promise<unknown>) => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-pipeline-load-'));
    try {
      return await readWarehouse(join(dir, 'warehouse.duckdb'), async (warehouse) => {
        await migrate(warehouse);
        const started = performance.now();
        await load(warehouse, new Staging(join(dir, 'staging')));
        const seconds = (performance.now() - started) / 1000;
        const [loaded] = await warehouse.query<{ n: number }>('SELECT count(*) AS n FROM postings');
        return { postings: Number(loaded?.n), seconds: round2(seconds), 'postings/s': Math.round(rows.length / seconds) };
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // The batched figure includes writing the staged file, as the stage does.
  const batched = await timedLoad((warehouse, loadStaging) =>
    warehouse.transaction((conn) => upsertPostings(conn, loadStaging.writeNdjson(loadStaging.pathFor('bench', 'normalize', 'postings'), rows).path, 'bench')),
  );
  const rowByRow = await timedLoad((warehouse) => insertRowByRow(warehouse, rows, 'bench'));
  return { batched, rowByRow, 'row-by-row / batched': round2(rowByRow.seconds / batched.seconds) };
}

// ---------- the same stages through Temporal ----------

/** pipelineWorkflow on a dev server, served by one `cli worker --queue pipeline,fetch` process started (and its workflow code bundled) beforehand. */
async function workflowRun(config: Config): Promise<{ seconds: number; workerPeakRssMb: number; stages: PipelineProgress['stages'] }> {
  const port = await freePort();
  const temporal = await startDevServer({ cliPath: resolveTemporalCli({ projectRoot: PROJECT_ROOT }), dbFile: config.temporalDbFile, port, uiPort: null });
  const connection = await Connection.connect({ address: temporal.address });
  const worker = spawnWorker('pipeline,fetch', childEnv(config, { TEMPORAL_ADDRESS: temporal.address }));
  try {
    await worker.waitForLog((line) => line.msg === 'worker running', 300_000);
    const started = performance.now();
    const { result } = await runPipeline(new Client({ connection }), { trigger: 'manual' });
    const seconds = (performance.now() - started) / 1000;
    return { seconds: round2(seconds), workerPeakRssMb: peakRssMb(worker.child.pid as number), stages: result.stages };
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
    await connection.close();
    await temporal.stop();
  }
}

// ---------- driver ----------

const direct = (config: Config, what: string) => runInChild(import.meta.url, CHILD_SPEC, { dataDir: config.dataDir }, what) as Promise<DirectRun>;
const total = (run: DirectRun) => round2(STAGES.reduce((sum, name) => sum + run[name].seconds, 0));
const wholeRunPeak = (run: DirectRun) => Math.max(...STAGES.map((name) => run[name].peakRssMb));

function stageTable(run: DirectRun, postings: number) {
  const rows: Record<string, Record<string, number>> = {};
  for (const name of STAGES) {
    const { seconds, cpuSeconds, peakRssMb } = run[name];
    rows[name] = { seconds, 'CPU s': cpuSeconds, 'postings/s': Math.round(postings / seconds), 'peak RSS MB': peakRssMb };
  }
  const seconds = total(run);
  const cpu = round2(STAGES.reduce((sum, name) => sum + run[name].cpuSeconds, 0));
  rows['whole run'] = { seconds, 'CPU s': cpu, 'postings/s': Math.round(postings / seconds), 'peak RSS MB': wholeRunPeak(run) };
  return rows;
}

const spec = childSpec<{ dataDir: string }>(CHILD_SPEC);
if (spec) {
  process.stdout.write(`${JSON.stringify(await directRun(spec.dataDir))}\n`);
  // The normalize stage's shared worker-thread pool would keep the process alive.
  process.exit(0);
} else {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      size: { type: 'string', default: '100000' },
      profiles: { type: 'string', default: '1000' },
      'temporal-size': { type: 'string', default: '20000' },
      'baseline-size': { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
    },
  });
  const [size, profiles, temporalSize, baselineSize, seed] = [values.size, values.profiles, values['temporal-size'], values['baseline-size'], values.seed].map(Number) as [number, number, number, number, number];
  if ([size, profiles, temporalSize, baselineSize, seed].some((x) => !Number.isInteger(x) || x < 0)) throw new Error('every flag takes a non-negative integer');
  const loadAverage = () => loadavg().map((x) => Number(x.toFixed(2)));
  const machine = { cpus: availableParallelism(), loadAverageAtStart: loadAverage(), loadAverageAtEnd: [] as number[] };
  const dirs: string[] = [];
  const seeded = async (sources: SourceInput[]) => {
    const config = await seededDataDir(sources, profiles, seed);
    dirs.push(config.dataDir);
    return config;
  };
  try {
    console.log(`» ${size.toLocaleString('en')} postings, ${profiles} profiles: generating the corpus and seeding the warehouse (not timed)…`);
    const feeds = await startCorpusFeeds(size, seed, { endingToday: true });
    const full = await seeded(feeds.sources);
    let run: DirectRun;
    try {
      run = await direct(full, `direct run at ${size}`);
    } finally {
      await feeds.close();
    }
    console.log(`\n${size.toLocaleString('en')} postings, ${profiles} profiles, stage functions called directly (target: whole run < ${TARGET.seconds} s, < ${TARGET.peakRssMb} MB)`);
    console.table(stageTable(run, size));
    const pairs = run.score.counts.pairs ?? 0;
    console.log(`score: ${pairs.toLocaleString('en')} pairs (profiles × active jobs), ${Math.round(pairs / run.score.seconds).toLocaleString('en')} a second; counts of every stage in bench/results/pipeline.json`);

    // A size of 0 leaves a comparison out (quicker runs while working on one stage).
    let baseline = null;
    if (baselineSize > 0) {
      console.log(`\n» loading ${baselineSize.toLocaleString('en')} normalized postings row by row and batched…`);
      baseline = await loadBaseline(full, baselineSize);
      console.table({ 'row by row (prepared INSERT per posting)': baseline.rowByRow, 'batched (staged NDJSON, INSERT … SELECT)': baseline.batched });
      console.log(`row by row / batched: ${baseline['row-by-row / batched']}×`);
    }

    let temporal = null;
    if (temporalSize > 0) {
      console.log(`\n» ${temporalSize.toLocaleString('en')} postings: direct, then through pipelineWorkflow on a Temporal dev server…`);
      const small = await startCorpusFeeds(temporalSize, seed, { endingToday: true });
      try {
        const directConfig = await seeded(small.sources);
        const smallRun = await direct(directConfig, `direct run at ${temporalSize}`);
        const workflowConfig = await seeded(small.sources);
        const viaWorkflow = await workflowRun(workflowConfig);
        const stored = { direct: await outcome(directConfig), workflow: await outcome(workflowConfig) };
        const rows: Record<string, Record<string, number>> = {};
        for (const name of STAGES) {
          const workflowSeconds = round2((viaWorkflow.stages[name]?.durationMs ?? NaN) / 1000);
          rows[name] = { 'direct s': smallRun[name].seconds, 'workflow s': workflowSeconds, 'workflow / direct': round2(workflowSeconds / smallRun[name].seconds) };
        }
        rows['whole run'] = { 'direct s': total(smallRun), 'workflow s': viaWorkflow.seconds, 'workflow / direct': round2(viaWorkflow.seconds / total(smallRun)) };
        rows['peak RSS MB'] = { 'direct s': wholeRunPeak(smallRun), 'workflow s': viaWorkflow.workerPeakRssMb, 'workflow / direct': round2(viaWorkflow.workerPeakRssMb / wholeRunPeak(smallRun)) };
        console.table(rows);
        console.table(stored);
        temporal = { postings: temporalSize, direct: smallRun, workflow: viaWorkflow, stored, table: rows };
      } finally {
        await small.close();
      }
    }

    machine.loadAverageAtEnd = loadAverage();
    const whole = { seconds: total(run), peakRssMb: wholeRunPeak(run) };
    console.log(`\nwhole run at ${size.toLocaleString('en')}: ${whole.seconds} s (target < ${TARGET.seconds}), ${whole.peakRssMb} MB (target < ${TARGET.peakRssMb}); ${machine.cpus} CPUs, load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end`);
    const report = { date: new Date().toISOString(), machine, seed, postings: size, profiles, target: TARGET, whole, stages: run, baseline: baseline && { postings: baselineSize, ...baseline }, temporal };
    writeResults('pipeline', report);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
