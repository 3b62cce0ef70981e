import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse/db.js';
import { PROJECT_ROOT, type Config } from './config.js';
import { assertPortsFree } from './ports.js';
import { childEnv, testConfig } from './test-support/test-config.js';

const BOOTSTRAP = join(PROJECT_ROOT, 'cli/bootstrap.mjs');
const dataDirs: string[] = [];

async function config(): Promise<Config> {
  const c = await testConfig();
  dataDirs.push(c.dataDir);
  return c;
}

/** `npm start` as a newcomer runs it (npm only adds its own wrapper), expected to fail fast. */
function upFails(env: NodeJS.ProcessEnv): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [BOOTSTRAP, 'up'], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stderr: result.stderr.replace(/^npm warn.*\n/gm, '') };
}

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm start (cli up)', () => {
  it('starts everything, runs the pipeline once, serves /healthz, and stops cleanly on SIGINT', async () => {
    const c = await config();
    const child = spawn(process.execPath, [BOOTSTRAP, 'up'], { cwd: PROJECT_ROOT, env: childEnv(c), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Ctrl-C stops everything')) resolve();
      });
      exited.then((code) => reject(new Error(`npm start exited (${code}) early:\n${stdout}\n${stderr}`)));
    });

    expect(stdout).toMatch(/pipeline schedule (created|updated) \(every 6 hours\)/);
    for (const stage of ['ingest', 'normalize', 'dedupe', 'score', 'trend', 'publish']) expect(stdout).toMatch(new RegExp(`^  ${stage} +ok`, 'm'));
    expect(stdout).toContain(`http://127.0.0.1:${c.httpPort}/healthz`);
    expect(stdout).toContain(`http://127.0.0.1:${c.temporalUiPort}`);

    const health = await fetch(`http://127.0.0.1:${c.httpPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', workers: { pipeline: 'RUNNING', fetch: 'RUNNING' } });
    const ui = await fetch(`http://127.0.0.1:${c.temporalUiPort}/`);
    expect(ui.status).toBe(200);

    // The report snapshot opens from this (another) process while the app holds the warehouse.
    const snapshot = await DuckDBInstance.create(c.snapshotPath, { access_mode: 'READ_ONLY' });
    const jobs = (await (await snapshot.connect()).runAndReadAll('SELECT count(*)::INT FROM jobs')).getRows()[0]?.[0];
    snapshot.closeSync();
    expect(jobs).toBe(21);
    await expect(Warehouse.open(c.warehousePath)).rejects.toThrow(/in use by another process/);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('SIGINT: stopping workers');
    // Everything it started is gone: the ports are free and the warehouse can be opened again.
    await assertPortsFree('127.0.0.1', [
      { port: c.httpPort, what: 'http', envVar: 'PORT' },
      { port: c.temporalPort, what: 'temporal', envVar: 'TEMPORAL_PORT' },
      { port: c.temporalUiPort, what: 'ui', envVar: 'TEMPORAL_UI_PORT' },
    ]);
    (await Warehouse.open(c.warehousePath)).close();
  });

  it('stops with one clear line, and writes nothing, when a port is taken', async () => {
    const c = await config();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(c.temporalUiPort, '127.0.0.1', resolve));
    try {
      const { status, stderr } = upFails(childEnv(c));
      expect(status).toBe(1);
      expect(stderr.trim()).toBe(`✗ port ${c.temporalUiPort} (Temporal Web UI) is in use: stop what listens there, or set TEMPORAL_UI_PORT to a free port`);
      expect(existsSync(c.warehousePath)).toBe(false);
      expect(existsSync(c.temporalDbFile)).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('stops with one clear line when another process holds the warehouse', async () => {
    const c = await config();
    const holder = await Warehouse.open(c.warehousePath);
    try {
      const { status, stderr } = upFails(childEnv(c));
      expect(status).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`✗ the warehouse ${c.warehousePath} is in use by another process`);
      expect(existsSync(c.temporalDbFile)).toBe(false);
    } finally {
      holder.close();
    }
  });

  it('stops with one clear line when TEMPORAL_CLI points at nothing', async () => {
    const c = await config();
    const { status, stderr } = upFails(childEnv(c, { TEMPORAL_CLI: '/nonexistent/temporal' }));
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('✗ TEMPORAL_CLI=/nonexistent/temporal is not an executable file: fix the path or unset it');
    expect(existsSync(c.warehousePath)).toBe(false);
  });
});
