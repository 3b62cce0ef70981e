// User-defined ("custom") sources: rows of `sources` with a `config`, owned by a user or, with no
// owner, an operator's for everyone. Every query that reads or changes one names who asks, so
// ownership is enforced in SQL: someone else's source matches no row, exactly like a missing one.
// Listing with health is sourcesWithHealth (core.ts) with an owner filter.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './db.js';
import { sourceSchema, type Source } from './core.js';

/** Who acts: a user on their own sources, and an operator also on the global ones (no owner). */
export interface SourceActor {
  userId: string;
  isAdmin: boolean;
}

const OWNED_BY_ACTOR = `config IS NOT NULL AND removed_at IS NULL AND (owner_user_id = $owner OR ($isAdmin AND owner_user_id IS NULL))`;

export type CustomSourceRow = Omit<Source, 'enabled' | 'config'> & { config: Record<string, unknown> };

export async function insertCustomSource(conn: DuckDBConnection, row: CustomSourceRow & { ownerUserId: string | null; enabled: boolean }): Promise<void> {
  const s = sourceSchema.parse(row);
  await conn.run(
    `INSERT INTO sources (id, name, kind, adapter, url, enabled, owner_user_id, timeout_ms, max_bytes, max_pages, page_delay_ms, config, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::JSON, now(), now())`,
    [s.id, s.name, s.kind, s.adapter, s.url, s.enabled, row.ownerUserId, s.timeoutMs, s.maxBytes, s.maxPages, s.pageDelayMs, JSON.stringify(row.config)],
  );
}

/** Replaces a source's name and configuration (and what follows from it); false when the actor has no such source. */
export async function updateCustomSource(conn: DuckDBConnection, actor: SourceActor, row: CustomSourceRow): Promise<boolean> {
  const s = sourceSchema.parse({ ...row, enabled: true });
  const result = await conn.run(
    `UPDATE sources SET name = $name, kind = $kind, adapter = $adapter, url = $url, timeout_ms = $timeoutMs, max_bytes = $maxBytes,
            max_pages = $maxPages, page_delay_ms = $pageDelayMs, config = $config::JSON, updated_at = now()
     WHERE id = $id AND ${OWNED_BY_ACTOR}`,
    {
      id: s.id,
      name: s.name,
      kind: s.kind,
      adapter: s.adapter,
      url: s.url,
      timeoutMs: s.timeoutMs,
      maxBytes: s.maxBytes,
      maxPages: s.maxPages,
      pageDelayMs: s.pageDelayMs,
      config: JSON.stringify(row.config),
      owner: actor.userId,
      isAdmin: actor.isAdmin,
    },
  );
  return Number(result.rowsChanged) === 1;
}

export async function setCustomSourceEnabled(conn: DuckDBConnection, actor: SourceActor, id: string, enabled: boolean): Promise<boolean> {
  const result = await conn.run(`UPDATE sources SET enabled = $enabled, updated_at = now() WHERE id = $id AND ${OWNED_BY_ACTOR}`, {
    id,
    enabled,
    owner: actor.userId,
    isAdmin: actor.isAdmin,
  });
  return Number(result.rowsChanged) === 1;
}

/**
 * Removes a source from use: it is never fetched again and its postings leave the listings (nobody
 * checks any more whether the board still lists them). The row, raw payloads and postings stay,
 * since jobs that other sources also list refer to them.
 */
export async function removeCustomSource(conn: DuckDBConnection, actor: SourceActor, id: string): Promise<boolean> {
  const result = await conn.run(`UPDATE sources SET enabled = false, removed_at = now(), updated_at = now() WHERE id = $id AND ${OWNED_BY_ACTOR}`, {
    id,
    owner: actor.userId,
    isAdmin: actor.isAdmin,
  });
  if (Number(result.rowsChanged) !== 1) return false;
  await conn.run('UPDATE source_listings SET active = false WHERE source_id = $1', [id]);
  return true;
}

/** How many custom sources a user has in use (removed ones not counted): users have a cap. */
export async function countOwnedSources(conn: DuckDBConnection, ownerUserId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(conn, 'SELECT count(*) AS n FROM sources WHERE owner_user_id = $1 AND config IS NOT NULL AND removed_at IS NULL', [
    ownerUserId,
  ]);
  return row?.n ?? 0;
}
