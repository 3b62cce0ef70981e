import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Warehouse, WarehouseLockedError } from './db.js';
import { loadMigrations, migrate, MigrationError } from './migrate.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const tempDirs: string[] = [];
const openWarehouses: Warehouse[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

async function openTemp(): Promise<Warehouse> {
  const warehouse = await Warehouse.open(join(tempDir('migrate-test-'), 'warehouse.duckdb'));
  openWarehouses.push(warehouse);
  return warehouse;
}

async function tableExists(warehouse: Warehouse, name: string): Promise<boolean> {
  const rows = await warehouse.query<{ n: number }>('SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1', [name]);
  return rows[0]?.n === 1;
}

afterEach(() => {
  for (const warehouse of openWarehouses.splice(0)) warehouse.close();
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('applies every migration file to a fresh warehouse and records each one', async () => {
    const files = loadMigrations();
    // Numbered without gaps from 001, so the order of application is the order of the files.
    expect(files.map((m) => m.version)).toEqual(files.map((_, i) => i + 1));
    const warehouse = await openTemp();

    const result = await migrate(warehouse);

    expect(result.applied).toEqual(files.map((m) => m.name));
    expect(result.version).toBe(files.length);
    const recorded = await warehouse.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    expect(recorded).toEqual(files.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
    for (const table of ['sources', 'raw_postings', 'postings', 'job_clusters', 'cluster_members', 'profiles', 'matches']) {
      expect(await tableExists(warehouse, table), table).toBe(true);
    }
  });

  it('applies nothing when run a second time', async () => {
    const warehouse = await openTemp();
    await migrate(warehouse);

    const again = await migrate(warehouse);

    expect(again).toEqual({ applied: [], version: loadMigrations().length });
    const count = await warehouse.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(count[0]?.n).toBe(loadMigrations().length);
  });

  it('rolls back a failing migration, names its file and keeps the earlier version', async () => {
    const dir = tempDir('migrate-files-');
    writeFileSync(join(dir, '001_good.sql'), 'CREATE TABLE good_table (id INTEGER);\n');
    writeFileSync(join(dir, '002_broken.sql'), 'CREATE TABLE half_done (id INTEGER);\nCREATE TABLEX oops (;\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a migration');
    const migrations = loadMigrations(dir);
    expect(migrations.map((m) => m.version)).toEqual([1, 2]);
    const warehouse = await openTemp();

    const failure = await migrate(warehouse, migrations).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toContain('002_broken.sql');
    expect((failure as Error).message).toContain('version 1');
    const versions = await warehouse.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions).toEqual([{ version: 1 }]);
    expect(await tableExists(warehouse, 'good_table')).toBe(true);
    expect(await tableExists(warehouse, 'half_done')).toBe(false);
  });

  it('refuses an applied migration whose SQL has changed since', async () => {
    const dir = tempDir('migrate-files-');
    writeFileSync(join(dir, '001_first.sql'), 'CREATE TABLE first_table (id INTEGER);\n');
    const warehouse = await openTemp();
    await migrate(warehouse, loadMigrations(dir));

    writeFileSync(join(dir, '001_first.sql'), 'CREATE TABLE first_table (id INTEGER, extra VARCHAR);\n');
    const failure = await migrate(warehouse, loadMigrations(dir)).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toContain('001_first.sql');
    expect((failure as Error).message).toContain('changed');
  });
});

describe('Warehouse.open', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('names the lock holder and the way out when another process holds the file', async () => {
    const path = join(tempDir('warehouse-lock-'), 'locked.duckdb');
    const code = `
      import('@duckdb/node-api').then(async ({ DuckDBInstance }) => {
        const instance = await DuckDBInstance.create(${JSON.stringify(path)});
        await instance.connect();
        console.log('ready');
        setInterval(() => undefined, 1000);
      });`;
    const started = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      started.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      started.on('exit', (exitCode) => reject(new Error(`lock holder exited with ${exitCode}: ${stderr}`)));
    });

    const failure = await Warehouse.open(path).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(WarehouseLockedError);
    const locked = failure as WarehouseLockedError;
    expect(locked.path).toBe(path);
    expect(locked.holder).toContain(String(started.pid));
    expect(locked.message).toContain('stop that process');
    expect(locked.message).toContain('DATA_DIR');
  });
});
