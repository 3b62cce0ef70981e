import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { freePort } from '../ports.js';

/** The embedded default, in a throwaway data folder on free ports. */
export async function testConfig(env: NodeJS.ProcessEnv = {}): Promise<Config> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vagas-test-'));
  return loadConfig({
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    LOG_LEVEL: 'info',
    // A report build is minutes of CPU: no test builds one except the report's own.
    REPORTS: 'off',
    ...env,
  });
}

/** Environment for a child process (`npm start`, `cli worker`) that uses the given config's folder and ports. */
export function childEnv(config: Config, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: config.dataDir,
    PORT: String(config.httpPort),
    TEMPORAL_PORT: String(config.temporalPort),
    TEMPORAL_UI_PORT: String(config.temporalUiPort),
    REPORTS: config.buildReports ? 'on' : 'off',
    ...extra,
  };
}
