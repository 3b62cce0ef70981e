import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { queryRows, type Warehouse } from './db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Numbered `NNN_name.sql` files, in order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own transaction.
 * Re-running is a no-op; a failing migration is rolled back and stops start-up; an applied
 * migration whose file has since changed is refused, since the warehouse would no longer match the code.
 */
export async function migrate(warehouse: Warehouse, migrations = loadMigrations()): Promise<{ applied: string[]; version: number }> {
  return warehouse.withConnection(async (conn) => {
    await conn.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, checksum VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = new Map(
      (await queryRows<{ version: number; name: string; checksum: string }>(conn, 'SELECT version, name, checksum FROM schema_migrations')).map(
        (row) => [row.version, row],
      ),
    );
    const applied: string[] = [];
    let version = Math.max(0, ...done.keys());
    for (const migration of migrations) {
      const previous = done.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new MigrationError(
            `migration ${migration.name} was changed after it was applied to ${warehouse.path}; add a new migration instead of editing an applied one`,
          );
        }
        continue;
      }
      await conn.run('BEGIN TRANSACTION');
      try {
        await conn.run(migration.sql);
        await conn.run('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        await conn.run('COMMIT');
      } catch (error) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw new MigrationError(
          `migration ${migration.name} failed and was rolled back (warehouse stays at version ${version}): ${(error as Error).message}`,
        );
      }
      applied.push(migration.name);
      version = migration.version;
    }
    return { applied, version };
  });
}
