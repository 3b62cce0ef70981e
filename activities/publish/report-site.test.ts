// The Evidence report, end to end: a warehouse filled by the pipeline stages from the fixtures, the
// trend and publish stages, one real Evidence build through the publish stage's code path, served by
// the app's HTTP server and read by headless Chromium. The warehouse stays open read-write in this
// process the whole time, so a build that touched it instead of the snapshot could not even open it.
import { cpSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../api/http-server.js';
import { PROJECT_ROOT } from '../../cli/config.js';
import { launchBrowser } from '../../cli/test-support/chromium.js';
import { useFixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import { STAGES, recordSourceHealth, recordStageRun } from '../../warehouse/core.js';
import { queryRows } from '../../warehouse/db.js';
import { runTrend } from '../trend/run-trend.js';
import { publishSnapshot } from './publish-snapshot.js';
import { reportSiteFor, type ReportSite } from './report-site.js';
import { runReportBuild, type ReportBuildOutcome } from './run-report-build.js';

const RUN_ID = 'fixture';
const BUILD_TIME_LIMIT_MS = 30 * 60_000;
const fx = useFixtureWarehouse();
let site: ReportSite;
let snapshotPath: string;
let firstBuild: ReportBuildOutcome;
let server: Server;
let baseUrl: string;
let browser: Browser;
let snapshotDb: DuckDBInstance;
let snapshot: DuckDBConnection;

/** Rows of the snapshot the report was built from. */
const q = <T = Record<string, unknown>>(sql: string) => queryRows<T>(snapshot, sql);

beforeAll(async () => {
  // What the ingest stage records besides postings: fetch outcomes (one failed earlier) and stage runs.
  await fx.warehouse.withConnection(async (conn) => {
    await recordSourceHealth(conn, { sourceId: 'demo-wwr', runId: 'fixture-before', ok: false, items: 0, newItems: 0, error: 'HTTP 503 from the board' });
    await recordSourceHealth(conn, { sourceId: 'demo-remotive', runId: RUN_ID, ok: true, items: 14, newItems: 14, error: null });
    await recordSourceHealth(conn, { sourceId: 'demo-wwr', runId: RUN_ID, ok: true, items: 10, newItems: 10, error: null });
    for (const stage of STAGES.filter((s) => s !== 'publish')) {
      const startedAt = new Date();
      await recordStageRun(conn, { runId: RUN_ID, workflowId: 'fixture', stage, status: 'ok', startedAt, finishedAt: new Date(startedAt.getTime() + 1500), counts: { rows: 1 }, error: null });
    }
  });
  await fx.warehouse.transaction(runTrend);
  snapshotPath = join(fx.dir, 'reports.duckdb');
  await fx.warehouse.withConnection((conn) => publishSnapshot(conn, { runId: RUN_ID, snapshotPath }));
  site = { ...reportSiteFor(PROJECT_ROOT, fx.dir), timeLimitMs: BUILD_TIME_LIMIT_MS };
  firstBuild = await runReportBuild(fx.warehouse, site, { runId: RUN_ID, snapshotPath });

  snapshotDb = await DuckDBInstance.create(snapshotPath, { access_mode: 'READ_ONLY' });
  snapshot = await snapshotDb.connect();
  server = createHttpServer({
    health: async () => ({ status: 'ok' }) as never,
    demoSourcesDir: null,
    warehouse: null,
    publicUrl: 'http://127.0.0.1',
    reportsDir: site.siteDir,
  });
  baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  browser = await launchBrowser();
}, BUILD_TIME_LIMIT_MS + 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  snapshot?.closeSync();
  snapshotDb?.closeSync();
});

interface PageVisit {
  page: Page;
  text: string;
  problems: string[];
}

/**
 * Opens a report page and waits until every chart has drawn and every expected text is on it;
 * `problems` collects console errors, uncaught errors, failed requests and any request that left 127.0.0.1.
 */
async function visit(path: string, expected: { charts: number; tables: number; texts: string[] }): Promise<PageVisit> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(baseUrl) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) problems.push(`left 127.0.0.1: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(`${baseUrl}/reports${path}`, { waitUntil: 'networkidle' });
  await page.waitForFunction(
    ({ charts, texts }) => {
      const drawn = [...document.querySelectorAll('[_echarts_instance_]')].filter((c) => c.querySelector('canvas, svg'));
      const text = (document.querySelector('main') as HTMLElement | null)?.innerText ?? '';
      return drawn.length >= charts && texts.every((t) => text.includes(t));
    },
    { charts: expected.charts, texts: expected.texts },
    { timeout: 60_000 },
  ).catch(() => undefined); // the assertions below say what is missing
  const text = await page.innerText('main');
  for (const t of expected.texts) expect(text, `${path} shows ${JSON.stringify(t)}`).toContain(t);
  const charts = await page.locator('[_echarts_instance_]').count();
  expect(charts, `${path} draws its charts`).toBe(expected.charts);
  expect(await page.locator('[_echarts_instance_] canvas, [_echarts_instance_] svg').count(), `${path} charts have a canvas`).toBeGreaterThanOrEqual(expected.charts);
  // Evidence renders every data table twice, once as a zero-height copy: only visible ones count.
  expect(await page.locator('main table:visible').count(), `${path} has its tables`).toBe(expected.tables);
  return { page, text, problems };
}

async function closeClean(v: PageVisit): Promise<void> {
  await v.page.waitForLoadState('networkidle');
  await v.page.close();
  expect(v.problems).toEqual([]);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;
/** A data table row as Chromium's innerText writes it: cells separated by tabs. */
const row = (...cells: (string | number)[]) => cells.join('\t');
const WINDOW = `m.month BETWEEN p.start_month AND p.end_month AND p.period = '12m'`;

describe('the Evidence report over the published snapshot', () => {
  it('is built through the publish stage, recorded, and swapped in as the served site', async () => {
    expect(firstBuild).toMatchObject({ status: 'ok', error: null });
    const [build] = await fx.warehouse.query<{ status: string; attempt: number }>(`SELECT status, attempt FROM report_builds WHERE run_id = '${RUN_ID}'`);
    expect(build).toEqual({ status: 'ok', attempt: 1 });
    expect(realpathSync(site.siteDir)).toMatch(/reports-site\.builds\/site-/);
    expect(readdirSync(`${site.siteDir}.builds`).filter((name) => name.startsWith('build-'))).toEqual([]); // workspace removed
    const redirect = await fetch(`${baseUrl}/reports`, { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe('/reports/');
  });

  it('market overview: active jobs, new this week, share open to LATAM, top companies', async () => {
    const [k] = await q<{ jobs: number; active: number; new7d: number; latam: number }>(
      `SELECT sum(jobs)::INT AS jobs, sum(active_jobs)::INT AS active, sum(new_7d)::INT AS new7d,
              sum(jobs) FILTER (WHERE latam_open) / sum(jobs) AS latam
       FROM market_monthly m, report_periods p WHERE ${WINDOW}`,
    );
    const [top] = await q<{ company: string; jobs: number; active_jobs: number; latam_jobs: number }>(
      `SELECT company, jobs, active_jobs, latam_jobs FROM company_hiring
       WHERE period = '12m' AND category = 'all' AND seniority = 'all' ORDER BY jobs DESC, company LIMIT 1`,
    );
    expect(k?.jobs).toBe(21);
    const v = await visit('/', {
      charts: 2,
      tables: 1,
      texts: [row(top!.company, top!.jobs, top!.active_jobs, top!.latam_jobs)],
    });
    expect(v.text).toMatch(new RegExp(`Vagas ativas · Active jobs\\s+${int(k!.active)}\\s`));
    expect(v.text).toMatch(new RegExp(`New in the last 7 days\\s+${int(k!.new7d)}\\s`));
    expect(v.text).toMatch(new RegExp(`Open to Latin America\\s+${pct1(k!.latam).replace('.', '\\.')}`));
    expect(v.text).toMatch(new RegExp(`Jobs in the period\\s+${int(k!.jobs)}\\s`));
    await closeClean(v);
  });

  it('skill demand: top skills, month-over-month trend, emerging skills, skills asked for together', async () => {
    const [top] = await q<{ skill: string; jobs: number; share: number }>(
      `SELECT s.name AS skill, sum(d.jobs)::INT AS jobs, sum(d.jobs) / (SELECT sum(jobs) FROM market_monthly m, report_periods p WHERE ${WINDOW}) AS share
       FROM skill_demand d JOIN skills s USING (skill_id), report_periods p
       WHERE d.month BETWEEN p.start_month AND p.end_month AND p.period = '12m'
       GROUP BY s.name ORDER BY jobs DESC, s.name LIMIT 1`,
    );
    const [emerging] = await q<{ skill: string; jobs: number; prev_jobs: number }>(
      `SELECT s.name AS skill, t.jobs, t.prev_jobs FROM skill_trends t JOIN skills s USING (skill_id)
       WHERE t.category = 'all' AND t.seniority = 'all' AND t.jobs >= 2 ORDER BY t.share - t.prev_share DESC, t.jobs DESC, s.name LIMIT 1`,
    );
    const [pair] = await q<{ a: string; b: string; jobs: number; lift: number }>(
      `SELECT sa.name AS a, sb.name AS b, c.jobs, c.lift FROM skill_cooccurrence c
       JOIN skills sa ON sa.skill_id = c.skill_a JOIN skills sb ON sb.skill_id = c.skill_b
       WHERE c.period = '12m' AND c.category = 'all' AND c.seniority = 'all' ORDER BY c.jobs DESC, c.lift DESC, a, b LIMIT 1`,
    );
    const v = await visit('/skills/', {
      charts: 2,
      tables: 3,
      texts: [
        row(top!.skill, top!.jobs, pct1(top!.share)),
        row(emerging!.skill, emerging!.jobs, emerging!.prev_jobs),
        row(pair!.a, pair!.b, pair!.jobs, pair!.lift.toFixed(2)),
      ],
    });
    await closeClean(v);
  });

  it('salaries: P25 / P50 / P75 in USD and BRL with sample sizes, CLT vs PJ, by seniority, skill, country and scope', async () => {
    const stats = await q<{ dimension: string; value: string; n: number; usd_p25: number; usd_p50: number; usd_p75: number; brl_p25: number; brl_p50: number; brl_p75: number }>(
      `SELECT dimension, value, n, usd_p25, usd_p50, usd_p75, brl_p25, brl_p50, brl_p75 FROM salary_stats
       WHERE period = '12m' AND category = 'all' AND seniority = 'all'`,
    );
    const get = (dimension: string, value: string) => stats.find((s) => s.dimension === dimension && s.value === value)!;
    const all = get('all', 'all');
    const quartiles = (s: typeof all) => [s.n, ...[s.usd_p25, s.usd_p50, s.usd_p75, s.brl_p25, s.brl_p50, s.brl_p75].map(int)];
    const v = await visit('/salaries/', {
      charts: 1,
      tables: 5,
      texts: [
        `US$ ${int(all.usd_p50)}`,
        `R$ ${int(all.brl_p50)}`,
        row('CLT (emprego) · CLT (employee)', ...quartiles(get('contract', 'clt'))),
        row('PJ (pessoa jurídica) · PJ (contractor company)', ...quartiles(get('contract', 'pj'))),
        row('Sênior · Senior', ...quartiles(get('seniority', 'senior'))),
        row('Python', ...quartiles(get('skill', 'python'))),
        row('Brazil', get('country', 'BR').n, int(get('country', 'BR').usd_p50), int(get('country', 'BR').brl_p50)),
        row('América Latina · Latin America', get('remote_scope', 'latam').n, int(get('remote_scope', 'latam').usd_p50), int(get('remote_scope', 'latam').brl_p50)),
      ],
    });
    expect(v.text).toMatch(new RegExp(`Jobs with a salary\\s+${all.n}\\s`));
    await closeClean(v);
  });

  it('geography: where LATAM-eligible jobs come from and their time-zone windows', async () => {
    const [k] = await q<{ jobs: number; brt: number }>(
      `SELECT sum(jobs)::INT AS jobs,
              sum(jobs) FILTER (WHERE tz_overlaps_brt) / sum(jobs) FILTER (WHERE tz_window <> 'unknown') AS brt
       FROM geo_distribution m, report_periods p WHERE ${WINDOW} AND latam_open`,
    );
    const [country] = await q<{ name: string; jobs: number }>(
      `SELECT c.name, sum(g.jobs)::INT AS jobs FROM geo_distribution g JOIN countries c USING (country), report_periods p
       WHERE g.month BETWEEN p.start_month AND p.end_month AND p.period = '12m' AND g.latam_open
       GROUP BY c.name ORDER BY jobs DESC, c.name LIMIT 1`,
    );
    const [window] = await q<{ tz_window: string; jobs: number }>(
      `SELECT tz_window, sum(jobs)::INT AS jobs FROM geo_distribution m, report_periods p
       WHERE ${WINDOW} AND latam_open AND tz_window <> 'unknown' GROUP BY ALL ORDER BY jobs DESC, tz_window LIMIT 1`,
    );
    expect(window?.tz_window).toMatch(/^UTC[+-][\d.]+ … UTC[+-][\d.]+$/);
    const v = await visit('/geography/', { charts: 2, tables: 2, texts: [row(country!.name, country!.jobs), row(window!.tz_window, window!.jobs)] });
    expect(v.text).toMatch(new RegExp(`Abertas à América Latina · Open to Latin America\\s+${int(k!.jobs)}\\s`));
    expect(v.text).toMatch(new RegExp(`Window includes Brasília \\(UTC-3\\)\\s+${pct1(k!.brt).replace('.', '\\.')}`));
    await closeClean(v);
  });

  it('companies: who hires most, for which skills', async () => {
    const top = await q<{ company: string; jobs: number; active_jobs: number; latam_jobs: number; top_skills: string }>(
      `SELECT company, jobs, active_jobs, latam_jobs, top_skills FROM company_hiring
       WHERE period = '12m' AND category = 'all' AND seniority = 'all' ORDER BY jobs DESC, company LIMIT 3`,
    );
    const v = await visit('/companies/', { charts: 1, tables: 1, texts: top.map((c) => row(c.company, c.jobs, c.active_jobs, c.latam_jobs, c.top_skills)) });
    await closeClean(v);
  });

  it('pipeline health: per-source volumes, failures, freshness, stages and report builds', async () => {
    const sources = await q<{ name: string; postings: number; fetches: number; failed: number }>(
      `SELECT name, postings::INT AS postings, fetches::INT AS fetches, failed_fetches::INT AS failed FROM source_summary ORDER BY source_id`,
    );
    expect(sources.map((s) => s.failed)).toEqual([0, 1]);
    const v = await visit('/pipeline/', {
      charts: 1,
      tables: 3, // sources, failures, stages; no report build had finished when this snapshot was taken
      texts: [...sources.map((s) => row(s.name, 'true', s.postings)), 'HTTP 503 from the board', 'This is the first build', row('trend', 'ok', '1.5')],
    });
    await closeClean(v);
  });

  it('a build that fails or runs out of time keeps the previous site and records why', async () => {
    const served = realpathSync(site.siteDir);
    const before = await (await fetch(`${baseUrl}/reports/`)).text();

    // A source query that cannot run: `evidence sources --strict` stops the build.
    const broken = mkdtempSync(join(fx.dir, 'broken-project-'));
    for (const entry of ['pages', 'partials', 'sources', 'evidence.config.yaml', 'evidence.settings.json', 'package.json']) {
      cpSync(join(site.projectDir, entry), join(broken, entry), { recursive: true });
    }
    symlinkSync(join(site.projectDir, 'node_modules'), join(broken, 'node_modules'), 'dir');
    writeFileSync(join(broken, 'sources/vagas/broken.sql'), 'select * from no_such_table\n');
    const failed = await runReportBuild(fx.warehouse, { ...site, projectDir: broken }, { runId: RUN_ID, snapshotPath });
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('no_such_table');

    const timedOut = await runReportBuild(fx.warehouse, { ...site, timeLimitMs: 1 }, { runId: RUN_ID, snapshotPath });
    expect(timedOut.status).toBe('timeout');

    expect(realpathSync(site.siteDir)).toBe(served);
    const after = await fetch(`${baseUrl}/reports/`);
    expect(after.status).toBe(200);
    expect(await after.text()).toBe(before);
    expect(readdirSync(`${site.siteDir}.builds`).filter((name) => name.startsWith('build-'))).toEqual([]);
    const builds = await fx.warehouse.query<{ attempt: number; status: string; error: string | null }>(
      `SELECT attempt, status, error FROM report_builds WHERE run_id = '${RUN_ID}' ORDER BY attempt`,
    );
    expect(builds.map((b) => [b.attempt, b.status])).toEqual([
      [1, 'ok'],
      [2, 'failed'],
      [3, 'timeout'],
    ]);
    expect(builds[1]?.error).toContain('no_such_table');
    expect(builds[2]?.error).toContain('time limit');
    rmSync(broken, { recursive: true, force: true });
    expect(existsSync(served)).toBe(true);
  });
});
