import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { basename, delimiter, dirname, join, relative } from 'node:path';

export interface ReportSite {
  /** The Evidence project (reports/): pages, sources, config, and its own installed node_modules. */
  projectDir: string;
  /** What the app serves under /reports: a symlink, swapped to each new build. */
  siteDir: string;
  /** For `evidence sources` and `evidence build` together; past it the build is killed. */
  timeLimitMs: number;
}

/** A build that did not produce a site; the site served before stays. */
export class ReportBuildError extends Error {
  constructor(
    message: string,
    readonly status: 'failed' | 'timeout',
  ) {
    super(message);
    this.name = 'ReportBuildError';
  }
}

const DEFAULT_TIME_LIMIT_MS = 30 * 60_000;
const OUTPUT_TAIL_CHARS = 4000;
// Files of reports/ that are not the project's source: never copied into a build.
const NOT_SOURCE = new Set(['node_modules', '.evidence', 'build', 'README.md']);

/** The report of a deployment: reports/ of the checkout, built into DATA_DIR/reports-site. */
export function reportSiteFor(projectRoot: string, dataDir: string): ReportSite {
  return { projectDir: join(projectRoot, 'reports'), siteDir: join(dataDir, 'reports-site'), timeLimitMs: DEFAULT_TIME_LIMIT_MS };
}

/** Where built sites and builds in progress live: beside the site link, so a rename moves them. */
const buildsDir = (siteDir: string) => `${siteDir}.builds`;

/**
 * Runs one Evidence command in `cwd` as a child process group, killed when the deadline passes or
 * `signal` aborts. The environment is cut down to what a build needs and npm is told it is offline,
 * so nothing in the build can quietly download (Evidence runs `npx vite`).
 */
function runEvidence(cwd: string, args: string[], deadline: number, signal: AbortSignal | undefined): Promise<void> {
  const bin = join(cwd, 'node_modules', '.bin');
  const env: NodeJS.ProcessEnv = {
    PATH: [bin, dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LANG: process.env.LANG ?? 'C.UTF-8',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    // Evidence's own switch lives in evidence.settings.json; this one covers its child processes.
    SEND_ANONYMOUS_USAGE_STATS: 'no',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(cwd, 'node_modules/@evidence-dev/evidence/cli.js'), ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Evidence starts vite through a shell, and all of it must stop together.
      detached: true,
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let stopped: Error | null = null;
    const stop = (why: Error) => {
      stopped ??= why;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(
      () => stop(new ReportBuildError(`evidence ${args[0]} did not finish within the time limit; last output:\n${output}`, 'timeout')),
      Math.max(0, deadline - Date.now()),
    );
    const onAbort = () => stop(signal?.reason instanceof Error ? signal.reason : new Error('report build cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    child.on('error', (error) => stop(error));
    child.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (stopped) reject(stopped);
      else if (code === 0) resolve();
      else reject(new ReportBuildError(`evidence ${args[0]} failed (exit code ${code}):\n${output}`, 'failed'));
    });
  });
}

/** A copy of the project to build in, with the snapshot linked where its connection.yaml expects it. */
function prepareWorkspace(site: ReportSite, snapshotPath: string): { work: string; project: string; snapshotIno: number } {
  const root = buildsDir(site.siteDir);
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, 'build-'));
  const project = join(work, 'reports');
  mkdirSync(project);
  for (const entry of readdirSync(site.projectDir)) {
    if (!NOT_SOURCE.has(entry)) cpSync(join(site.projectDir, entry), join(project, entry), { recursive: true });
  }
  symlinkSync(join(site.projectDir, 'node_modules'), join(project, 'node_modules'), 'dir');
  // reports/sources/vagas/connection.yaml names ../../../data/reports.duckdb: the checkout's data
  // folder for `npm run dev`, this link inside a build. A hard link pins the snapshot the build
  // started from, even if the next run swaps in a new one meanwhile.
  mkdirSync(join(work, 'data'));
  const pinned = join(work, 'data', 'reports.duckdb');
  try {
    linkSync(snapshotPath, pinned);
  } catch {
    copyFileSync(snapshotPath, pinned); // another file system
  }
  return { work, project, snapshotIno: statSync(snapshotPath).ino };
}

/** Points the site link at `built` with one rename, then removes all but the two newest sites (open pages may still load the previous one's files). */
function swapIn(site: ReportSite, built: string): void {
  const root = buildsDir(site.siteDir);
  const existing = lstatSync(site.siteDir, { throwIfNoEntry: false });
  if (existing && !existing.isSymbolicLink()) renameSync(site.siteDir, join(root, `site-${Date.now()}-replaced`));
  const link = join(dirname(site.siteDir), `.${basename(site.siteDir)}.${process.pid}.link`);
  rmSync(link, { force: true });
  symlinkSync(relative(dirname(site.siteDir), built), link, 'dir');
  renameSync(link, site.siteDir);
  const sites = readdirSync(root)
    .filter((name) => name.startsWith('site-'))
    .sort()
    .reverse();
  for (const old of sites.slice(2)) rmSync(join(root, old), { recursive: true, force: true });
}

/** Builds left behind by a killed process; anything older than a build may take is not running. */
function removeAbandonedBuilds(site: ReportSite): void {
  const root = buildsDir(site.siteDir);
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (name.startsWith('build-') && Date.now() - statSync(path).mtimeMs > site.timeLimitMs) rmSync(path, { recursive: true, force: true });
  }
}

export interface ReportSiteBuilt {
  durationMs: number;
  /** The folder now served. */
  site: string;
  /** The snapshot was replaced while this build ran: build again to show the newer one. */
  snapshotStale: boolean;
}

/**
 * Builds the Evidence report from the read-only snapshot (`evidence sources --strict`, then
 * `evidence build:strict`, so a failing query fails the build) in a fresh workspace, and swaps the
 * result in as the served site. On failure or timeout it throws ReportBuildError and the site
 * served before stays; on `signal` it stops the build and throws the abort reason.
 */
export async function buildReportSite(site: ReportSite, opts: { snapshotPath: string; signal?: AbortSignal }): Promise<ReportSiteBuilt> {
  const started = Date.now();
  if (!existsSync(join(site.projectDir, 'node_modules/@evidence-dev/evidence/cli.js'))) {
    throw new ReportBuildError(`Evidence is not installed in ${site.projectDir}: run npm ci there (npm start does it)`, 'failed');
  }
  if (!existsSync(opts.snapshotPath)) throw new ReportBuildError(`no report snapshot at ${opts.snapshotPath}: the publish stage writes it`, 'failed');
  removeAbandonedBuilds(site);
  const { work, project, snapshotIno } = prepareWorkspace(site, opts.snapshotPath);
  try {
    const deadline = started + site.timeLimitMs;
    await runEvidence(project, ['sources', '--strict'], deadline, opts.signal);
    await runEvidence(project, ['build:strict'], deadline, opts.signal);
    if (!existsSync(join(project, 'build', 'index.html'))) throw new ReportBuildError('evidence build wrote no index.html', 'failed');
    const built = join(buildsDir(site.siteDir), `site-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    renameSync(join(project, 'build'), built);
    swapIn(site, built);
    return { durationMs: Date.now() - started, site: built, snapshotStale: statSync(opts.snapshotPath).ino !== snapshotIno };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
