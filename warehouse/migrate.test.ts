import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../cli/config.js';
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

  it('018 gives jobs found only on users’ own sources to those users, and reads public jobs from a public posting', async () => {
    const warehouse = await openTemp();
    await migrate(warehouse, loadMigrations().filter((m) => m.version < 18));
    await warehouse.query(`INSERT INTO sources (id, name, kind, adapter, url, owner_user_id) VALUES
      ('board', 'Board', 'rss', 'rss', 'https://board.example', NULL), ('ana-feed', 'Ana', 'rss', 'custom', 'https://ana.example', 'ana')`);
    await warehouse.query(`INSERT INTO postings (id, source_id, external_id, raw_content_hash, title, remote_scope, description_text, skills, evidence, content_hash, run_id, normalized_at)
      SELECT id, source_id, id, 'h', 'Title ' || id, 'global', '', [], '{}', 'c' || id, 'r', TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_days(n::INTEGER)
      FROM (VALUES ('p1', 'ana-feed', 1), ('p2', 'board', 2), ('p3', 'ana-feed', 3), ('p4', 'board', 4)) t(id, source_id, n)`);
    await warehouse.query(`INSERT INTO cluster_members (posting_id, cluster_id, matched_by, run_id, added_at) VALUES
      ('p1', 'job_shared', 'first', 'r', now()), ('p2', 'job_shared', 'canonical_url', 'r', now()),
      ('p3', 'job_ana', 'first', 'r', now()), ('p4', 'job_board', 'first', 'r', now())`);
    await warehouse.query(`INSERT INTO job_clusters (id, canonical_posting_id, title, member_count, first_seen_at, updated_at)
      SELECT cluster_id, posting_id, 'Title ' || posting_id, 1, TIMESTAMPTZ '2026-01-01 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00'
      FROM cluster_members WHERE matched_by = 'first'`);
    await warehouse.query(`INSERT INTO search_docs (cluster_id, doc_id, posting_id, source_changed_at, active, first_seen_us, first_seen_at, title,
        member_count, remote_scope, latam_open, skills, source_ids, members)
      SELECT id, row_number() OVER (ORDER BY id), canonical_posting_id, updated_at, true, 0, first_seen_at, title, 1, 'global', true, [], [], '[]'
      FROM job_clusters`);
    await warehouse.query(`INSERT INTO matches (user_id, cluster_id, model_version, score, components, computed_at)
      SELECT u, c, 'v1', 0.5, '{}', now() FROM (VALUES ('ana'), ('bia')) users(u), (VALUES ('job_shared'), ('job_ana')) jobs(c)`);

    await migrate(warehouse);

    const clusters = await warehouse.query<{ id: string; canonical_posting_id: string; title: string; visible_to: string[] | null; moved: boolean }>(
      `SELECT id, canonical_posting_id, title, visible_to, updated_at > TIMESTAMPTZ '2026-01-01 00:00:00+00' AS moved FROM job_clusters ORDER BY id`,
    );
    expect(clusters).toEqual([
      { id: 'job_ana', canonical_posting_id: 'p3', title: 'Title p3', visible_to: ['ana'], moved: false },
      { id: 'job_board', canonical_posting_id: 'p4', title: 'Title p4', visible_to: null, moved: false },
      // Rebuilt by the next search refresh, since it moved.
      { id: 'job_shared', canonical_posting_id: 'p2', title: 'Title p2', visible_to: null, moved: true },
    ]);
    expect(await warehouse.query('SELECT cluster_id, visible_to FROM search_docs ORDER BY cluster_id')).toEqual([
      { cluster_id: 'job_ana', visible_to: ['ana'] },
      { cluster_id: 'job_board', visible_to: null },
      { cluster_id: 'job_shared', visible_to: null },
    ]);
    expect(await warehouse.query('SELECT user_id, cluster_id FROM matches ORDER BY ALL')).toEqual([
      { user_id: 'ana', cluster_id: 'job_ana' },
      { user_id: 'ana', cluster_id: 'job_shared' },
      { user_id: 'bia', cluster_id: 'job_shared' },
    ]);
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

  it('holds DuckDB to WAREHOUSE_MEMORY_LIMIT, and refuses a limit that is not a size', async () => {
    const config = loadConfig({ DATA_DIR: tempDir('warehouse-memory-'), WAREHOUSE_MEMORY_LIMIT: '300MB' });
    const warehouse = await Warehouse.open(config.warehousePath, { memoryLimit: config.warehouseMemoryLimit });
    openWarehouses.push(warehouse);
    const [row] = await warehouse.query<{ limit: string }>(`SELECT current_setting('memory_limit') AS "limit"`);
    expect(row?.limit).toMatch(/^(286\.1 MiB|300\.0 MB)$/);
    expect(() => loadConfig({ WAREHOUSE_MEMORY_LIMIT: 'lots' })).toThrow(/WAREHOUSE_MEMORY_LIMIT=lots is not a memory size/);
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
