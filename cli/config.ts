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
  temporalDbFile: string;
  demoSources: boolean;
  /** Fetch the real job boards (needs internet); off by default. */
  liveSources: boolean;
  /** SOURCE_ALLOWLIST: non-public hosts, IPs or CIDRs (optionally :port) that sources may still reach. */
  sourceAllowList: string[];
  logLevel: string;
  /** When the weekly digest goes out: a cron expression read in `digestTimezone`. */
  digestCron: string;
  digestTimezone: string;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name}=${raw} is not a port number`);
  return value;
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
    temporalDbFile: inData('temporal.sqlite'),
    demoSources: (env.DEMO_SOURCES ?? 'on') !== 'off',
    liveSources: env.LIVE_SOURCES === 'on',
    sourceAllowList: parseAllowList(env.SOURCE_ALLOWLIST),
    logLevel: env.LOG_LEVEL ?? 'info',
    digestCron: env.DIGEST_CRON ?? '0 9 * * 1',
    digestTimezone: env.DIGEST_TIMEZONE ?? 'America/Sao_Paulo',
  };
}
