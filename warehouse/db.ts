import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;

/** Raised when another process holds the warehouse file: DuckDB allows a single read-write process. */
export class WarehouseLockedError extends Error {
  constructor(
    readonly path: string,
    readonly holder: string,
  ) {
    super(
      `the warehouse ${path} is in use by another process (${holder}): stop that process, or set DATA_DIR to use another data folder`,
    );
    this.name = 'WarehouseLockedError';
  }
}

/** The name the warehouse file is attached under. */
const CATALOG = 'warehouse';

/**
 * Rows per row group, DuckDB's unit of parallel work: a table scan hands each thread whole row groups.
 * With DuckDB's default of 122,880 a table of 100,000 postings is one row group, and every statement
 * over it runs on one core.
 */
const ROW_GROUP_SIZE = 16_384;

/** The single owner of the DuckDB warehouse file inside this process. */
export class Warehouse {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly attached: boolean,
  ) {}

  /** `memoryLimit`: DuckDB's memory_limit (e.g. '1GB'); unset, DuckDB's default of 80 % of RAM. */
  static async open(path: string, opts: { memoryLimit?: string } = {}): Promise<Warehouse> {
    const settings: Record<string, string> = {
      // Offline machines cannot download extensions; parquet and json are built in.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      // Freed memory goes back to the OS within moments, not when a later query happens to reuse it:
      // the worker process runs every stage, and without this each one starts with the last one's peak.
      allocator_background_threads: 'true',
      ...(opts.memoryLimit ? { memory_limit: opts.memoryLimit } : {}),
    };
    if (path === ':memory:') return new Warehouse(path, await DuckDBInstance.create(path, settings), false);
    mkdirSync(dirname(path), { recursive: true });
    // The file is attached rather than opened, as only ATTACH sets the row group size; spilled data
    // goes beside it, where DuckDB puts it for a file it opens.
    const instance = await DuckDBInstance.create(':memory:', { ...settings, temp_directory: `${path}.tmp` });
    const conn = await instance.connect();
    try {
      await conn.run(`ATTACH ${sqlString(path)} AS ${CATALOG} (ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`);
    } catch (error) {
      instance.closeSync();
      const message = (error as Error).message;
      const lock = /Conflicting lock is held in (.*?)(?:\. See also|$)/.exec(message);
      if (lock) throw new WarehouseLockedError(path, lock[1] ?? 'unknown process');
      throw error;
    } finally {
      conn.closeSync();
    }
    return new Warehouse(path, instance, true);
  }

  async connect(): Promise<DuckDBConnection> {
    const conn = await this.instance.connect();
    // USE holds for one connection: each new one starts in the in-memory catalog.
    if (this.attached) await conn.run(`USE ${CATALOG}`);
    return conn;
  }

  /** Runs `fn` on its own connection; the connection is closed afterwards. */
  async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  }

  /** Runs `fn` in one transaction: everything it wrote is kept, or nothing is. */
  async transaction<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.withConnection(async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      try {
        const result = await fn(conn);
        await conn.run('COMMIT');
        return result;
      } catch (error) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async query<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.withConnection((conn) => queryRows<T>(conn, sql, params));
  }

  close(): void {
    this.instance.closeSync();
  }
}

/** A string as an SQL literal, for the statements that take no parameters (ATTACH, COPY … TO). */
export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Inside Warehouse.transaction: keeps what was written so far and goes on in a new transaction on the
 * same connection. For a stage that loads in pages: DuckDB may hold a transaction's new rows in memory
 * until it commits, so a stage-long transaction would hold every page it loaded.
 */
export async function commitSoFar(conn: DuckDBConnection): Promise<void> {
  await conn.run('COMMIT');
  await conn.run('BEGIN TRANSACTION');
}

// DuckDB type ids of 64/128-bit integers, which getRowObjectsJson() returns as strings.
const BIGINT_TYPE_IDS = new Set([5, 9, 16]);

/** Rows as plain JSON-compatible objects: counts and other BIGINTs as numbers, timestamps as strings. */
export async function queryRows<T = Record<string, unknown>>(
  conn: DuckDBConnection,
  sql: string,
  params?: SqlParams,
): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params);
  const types = reader.columnTypes();
  const bigintColumns = reader.columnNames().filter((_, i) => BIGINT_TYPE_IDS.has(types[i]?.typeId ?? -1));
  const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
  for (const row of rows) {
    for (const column of bigintColumns) {
      if (typeof row[column] === 'string') row[column] = Number(row[column]);
    }
  }
  return rows as T[];
}
