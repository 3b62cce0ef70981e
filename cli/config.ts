import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllowList } from '../activities/ingest/network-policy.js';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface Config {
  projectRoot: string;
  dataDir: string;
  warehousePath: string;
  snapshotPath: string;
  stagingDir: string;
  logFile: string;
  httpHost: string;
  httpPort: number;
  /** Where users reach the app (links in e-mails); https here turns on Secure cookies. */
  publicUrl: string;
  /** Set: use that Temporal cluster. Unset: start a dev server as a child process. */
  temporalAddress: string | null;
  temporalNamespace: string;
  temporalPort: number;
  temporalUiPort: number;
  /** TEMPORAL_UI_URL: the Web UI of the cluster TEMPORAL_ADDRESS names, for links to runs (the dev server's own UI needs none). */
  temporalUiUrl: string | null;
  temporalDbFile: string;
  demoSources: boolean;
  /** Fetch the real job boards (needs internet); off by default. */
  liveSources: boolean;
  /** REPORTS=off: publish the report snapshot but build no Evidence site (tests, machines without reports/ installed). */
  buildReports: boolean;
  /** SOURCE_ALLOWLIST: non-public hosts, IPs or CIDRs (optionally :port) that sources may still reach. */
  sourceAllowList: string[];
  logLevel: string;
  /** When the weekly digest goes out: a cron expression read in `digestTimezone`. */
  digestCron: string;
  digestTimezone: string;
  /** RESUME_MAX_BYTES: the largest résumé upload accepted (5 MB). */
  resumeMaxBytes: number;
  /** ANTHROPIC_MODEL: the model résumé structuring uses when ANTHROPIC_API_KEY is set (the key itself is read where it is used, never kept here). */
  anthropicModel: string;
  /** WAREHOUSE_MEMORY_LIMIT: what DuckDB may hold in memory before it spills to disk (DuckDB's own default is 80 % of RAM). */
  warehouseMemoryLimit: string;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, what: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}=${raw} is not ${what}`);
  return value;
}

const port = (env: NodeJS.ProcessEnv, name: string, fallback: number) => wholeNumber(env, name, fallback, 0, 65535, 'a port number');

function httpUrl(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) throw new Error(`${name}=${raw} is not an http(s) URL`);
  return raw.replace(/\/+$/, '');
}

function memorySize(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(raw)) throw new Error(`${name}=${raw} is not a memory size such as 512MB or 2GB`);
  return raw;
}

/** Every setting comes from the environment; the defaults run everything on this machine. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(PROJECT_ROOT, env.DATA_DIR ?? 'data');
  const inData = (path: string) => (isAbsolute(path) ? path : join(dataDir, path));
  return {
    projectRoot: PROJECT_ROOT,
    dataDir,
    warehousePath: inData('warehouse.duckdb'),
    snapshotPath: inData('reports.duckdb'),
    // Shared by every worker of a deployment: fetch workers on other machines write here (claim check).
    stagingDir: env.STAGING_DIR ? resolve(env.STAGING_DIR) : inData('staging'),
    logFile: inData(env.LOG_FILE ?? 'logs/app.ndjson'),
    httpHost: env.HOST ?? '127.0.0.1',
    httpPort: port(env, 'PORT', 8080),
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST ?? '127.0.0.1'}:${port(env, 'PORT', 8080)}`).replace(/\/+$/, ''),
    temporalAddress: env.TEMPORAL_ADDRESS || null,
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    temporalPort: port(env, 'TEMPORAL_PORT', 7233),
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', 8233),
    temporalUiUrl: httpUrl(env, 'TEMPORAL_UI_URL'),
    temporalDbFile: inData('temporal.sqlite'),
    demoSources: (env.DEMO_SOURCES ?? 'on') !== 'off',
    liveSources: env.LIVE_SOURCES === 'on',
    buildReports: (env.REPORTS ?? 'on') !== 'off',
    sourceAllowList: parseAllowList(env.SOURCE_ALLOWLIST),
    logLevel: env.LOG_LEVEL ?? 'info',
    digestCron: env.DIGEST_CRON ?? '0 9 * * 1',
    digestTimezone: env.DIGEST_TIMEZONE ?? 'America/Sao_Paulo',
    resumeMaxBytes: wholeNumber(env, 'RESUME_MAX_BYTES', 5 * 1024 * 1024, 1, 100 * 1024 * 1024, 'a size in bytes up to 100 MB'),
    // A fast, inexpensive model is enough to fill a schema from a résumé's text.
    anthropicModel: env.ANTHROPIC_MODEL || 'claude-haiku-5-5',
    // DuckDB spills sorts, joins and aggregates past this to disk, but not its indexes or a
    // transaction's bulk load: at a million postings 1 GB ran out in the dedupe stage.
    warehouseMemoryLimit: memorySize(env, 'WAREHOUSE_MEMORY_LIMIT', '4GB'),
  };
}
