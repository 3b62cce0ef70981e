// Core layer: sources, raw postings, postings, clusters, source health and pipeline runs.
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import { queryRows, sqlString } from './db.js';

export const STAGES = ['ingest', 'normalize', 'dedupe', 'score', 'trend', 'publish'] as const;
export type Stage = (typeof STAGES)[number];

export const sourceSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/),
  name: z.string().min(1).max(200),
  kind: z.enum(['rss', 'json_api', 'html']),
  adapter: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  enabled: z.boolean(),
  timeoutMs: z.number().int().min(100).max(120_000),
  maxBytes: z.number().int().min(1_024).max(100 * 1024 * 1024),
  maxPages: z.number().int().min(1).max(1_000).default(10),
  pageDelayMs: z.number().int().min(0).max(60_000).default(500),
  /** The company an ATS board belongs to, for payloads that never name it. */
  company: z.string().trim().min(1).max(200).nullish(),
  /** A provider's published request limits for this source; absent: the page pause and one request per host at a time. */
  requestsPerMinute: z.number().int().min(1).max(10_000).nullish(),
  requestsPerDay: z.number().int().min(1).max(1_000_000).nullish(),
  /** A user-defined source's configuration (activities/ingest/custom/config.ts validates it); absent for built-in adapters. */
  config: z.record(z.string(), z.unknown()).optional(),
});
export type Source = z.infer<typeof sourceSchema>;
export type SourceInput = z.input<typeof sourceSchema>;

export async function upsertSource(conn: DuckDBConnection, source: SourceInput): Promise<void> {
  const s = sourceSchema.parse(source);
  await conn.run(
    `INSERT INTO sources (id, name, kind, adapter, url, enabled, timeout_ms, max_bytes, max_pages, page_delay_ms,
                          company, requests_per_minute, requests_per_day)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, adapter = excluded.adapter,
       url = excluded.url, enabled = excluded.enabled, timeout_ms = excluded.timeout_ms,
       max_bytes = excluded.max_bytes, max_pages = excluded.max_pages, page_delay_ms = excluded.page_delay_ms,
       company = excluded.company, requests_per_minute = excluded.requests_per_minute, requests_per_day = excluded.requests_per_day,
       updated_at = now()`,
    [s.id, s.name, s.kind, s.adapter, s.url, s.enabled, s.timeoutMs, s.maxBytes, s.maxPages, s.pageDelayMs, s.company ?? null, s.requestsPerMinute ?? null, s.requestsPerDay ?? null],
  );
}

export async function listEnabledSources(conn: DuckDBConnection): Promise<Source[]> {
  const rows = await queryRows<Omit<Source, 'config'> & { config: string | null }>(
    conn,
    `SELECT id, name, kind, adapter, url, enabled, timeout_ms AS "timeoutMs", max_bytes AS "maxBytes",
            coalesce(max_pages, 10) AS "maxPages", coalesce(page_delay_ms, 500) AS "pageDelayMs",
            company, requests_per_minute AS "requestsPerMinute", requests_per_day AS "requestsPerDay", config::VARCHAR AS config
     FROM sources WHERE enabled AND removed_at IS NULL ORDER BY id`,
  );
  return rows.map(({ config, ...row }) => sourceSchema.parse(config === null ? row : { ...row, config: JSON.parse(config) }));
}

/** Appends staged raw postings; a payload already stored (same source, id and hash) is skipped. */
export async function insertRawPostings(conn: DuckDBConnection, stagedPath: string, runId: string): Promise<number> {
  const before = await countRows(conn, 'raw_postings');
  await conn.run(
    `INSERT INTO raw_postings (source_id, external_id, content_hash, fetched_at, run_id, payload)
     SELECT source_id, external_id, content_hash, now(), $2, payload
     FROM read_json($1, format = 'newline_delimited',
       columns = {source_id: 'VARCHAR', external_id: 'VARCHAR', content_hash: 'VARCHAR', payload: 'JSON'})
     QUALIFY row_number() OVER (PARTITION BY source_id, external_id, content_hash) = 1
     ON CONFLICT DO NOTHING`,
    [stagedPath, runId],
  );
  return (await countRows(conn, 'raw_postings')) - before;
}

/** What a staged raw-postings file holds: its rows, those missing a key column, those of another source. */
export async function inspectStagedRawPostings(
  conn: DuckDBConnection,
  stagedPath: string,
  sourceId: string,
): Promise<{ rows: number; incomplete: number; foreign: number }> {
  const [row] = await queryRows<{ rows: number; incomplete: number; foreign: number }>(
    conn,
    `SELECT count(*) AS rows,
            count(*) FILTER (WHERE source_id IS NULL OR external_id IS NULL OR content_hash IS NULL OR payload IS NULL) AS incomplete,
            count(*) FILTER (WHERE source_id <> $2) AS foreign
     FROM read_json($1, format = 'newline_delimited',
       columns = {source_id: 'VARCHAR', external_id: 'VARCHAR', content_hash: 'VARCHAR', payload: 'JSON'})`,
    [stagedPath, sourceId],
  );
  return { rows: Number(row?.rows ?? 0), incomplete: Number(row?.incomplete ?? 0), foreign: Number(row?.foreign ?? 0) };
}

export interface SourceHealth {
  sourceId: string;
  runId: string;
  ok: boolean;
  items: number;
  newItems: number;
  error: string | null;
}

export async function recordSourceHealth(conn: DuckDBConnection, h: SourceHealth): Promise<void> {
  await conn.run(
    `INSERT INTO source_health (source_id, run_id, checked_at, ok, items, new_items, error)
     VALUES ($1, $2, now(), $3, $4, $5, $6)
     ON CONFLICT (source_id, run_id) DO UPDATE SET checked_at = excluded.checked_at, ok = excluded.ok,
       items = excluded.items, new_items = excluded.new_items, error = excluded.error`,
    [h.sourceId, h.runId, h.ok, h.items, h.newItems, h.error],
  );
}

export interface StageRun {
  runId: string;
  workflowId: string;
  stage: Stage;
  status: 'ok' | 'partial' | 'failed';
  startedAt: Date;
  finishedAt: Date;
  counts: Record<string, number>;
  error: string | null;
}

/** A retried stage overwrites its row, so a run has exactly one row per stage. */
export async function recordStageRun(conn: DuckDBConnection, r: StageRun): Promise<void> {
  await conn.run(
    `INSERT INTO pipeline_runs (run_id, workflow_id, stage, status, started_at, finished_at, duration_ms, counts, error)
     VALUES ($1, $2, $3, $4, $5::TIMESTAMPTZ, $6::TIMESTAMPTZ, $7, $8, $9)
     ON CONFLICT (run_id, stage) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
       finished_at = excluded.finished_at, duration_ms = excluded.duration_ms, counts = excluded.counts, error = excluded.error`,
    [
      r.runId,
      r.workflowId,
      r.stage,
      r.status,
      r.startedAt.toISOString(),
      r.finishedAt.toISOString(),
      r.finishedAt.getTime() - r.startedAt.getTime(),
      JSON.stringify(r.counts),
      r.error,
    ],
  );
}

export async function countRows(conn: DuckDBConnection, table: string): Promise<number> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const [row] = await queryRows<{ n: number }>(conn, `SELECT count(*) AS n FROM ${table}`);
  return row?.n ?? 0;
}

/** A raw version to normalize, as writePendingRawPage stages it: one NDJSON line each, the payload as it was fetched. */
export interface PendingRawLine {
  sourceId: string;
  externalId: string;
  rawContentHash: string;
  adapter: string;
  payload: unknown;
}

/**
 * Lists, for the normalize stage, the newest raw version of each source posting not yet normalized,
 * or normalized by an older normalizer, numbered in key order from 1 (a temporary table of this
 * connection's, normalize_pending). Listed once per stage: choosing each page anew from raw_postings
 * read every raw row left at every page. Returns how many there are.
 */
export async function listPendingRaw(conn: DuckDBConnection, normalizerVersion: number): Promise<number> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE normalize_pending AS
     WITH latest AS (
       SELECT r.source_id, r.external_id, r.content_hash
       FROM raw_postings r
       QUALIFY row_number() OVER (PARTITION BY r.source_id, r.external_id ORDER BY r.fetched_at DESC, r.content_hash) = 1)
     SELECT l.*, row_number() OVER (ORDER BY l.source_id, l.external_id) AS n
     FROM latest l
     WHERE NOT EXISTS (SELECT 1 FROM postings p
                       WHERE p.source_id = l.source_id AND p.external_id = l.external_id AND p.raw_content_hash = l.content_hash
                         AND coalesce(p.normalizer_version, 1) >= $1)`,
    [normalizerVersion],
  );
  const [row] = await queryRows<{ n: number }>(conn, 'SELECT count(*) AS n FROM normalize_pending');
  return row?.n ?? 0;
}

/**
 * Rows `from` to `to` (inclusive) of listPendingRaw's list, written by DuckDB to `path` as NDJSON
 * (PendingRawLine): payloads go to the normalizing threads as bytes, never held here as JavaScript
 * strings, and a stage holds a page of them, not every pending one. Returns how many rows it wrote.
 */
export async function writePendingRawPage(conn: DuckDBConnection, q: { from: number; to: number; path: string }): Promise<number> {
  const written = await conn.run(
    `COPY (SELECT page.source_id AS "sourceId", page.external_id AS "externalId", page.content_hash AS "rawContentHash", s.adapter, r.payload
           FROM normalize_pending page
           JOIN raw_postings r ON r.source_id = page.source_id AND r.external_id = page.external_id AND r.content_hash = page.content_hash
           JOIN sources s ON s.id = page.source_id
           WHERE page.n BETWEEN ${Number(q.from)} AND ${Number(q.to)}
           ORDER BY page.n)
     TO ${sqlString(q.path)} (FORMAT json)`,
  );
  return Number(written.rowsChanged);
}

/** Columns of staged postings (everything but run_id and normalized_at, which the load sets), with their types. */
export const STAGED_POSTING_COLUMNS: Record<string, string> = {
  id: 'VARCHAR', source_id: 'VARCHAR', external_id: 'VARCHAR', raw_content_hash: 'VARCHAR', title: 'VARCHAR',
  company: 'VARCHAR', location: 'VARCHAR', remote_scope: 'VARCHAR', seniority: 'VARCHAR', salary_text: 'VARCHAR',
  salary_usd_month: 'DOUBLE', posted_at: 'TIMESTAMPTZ', apply_url: 'VARCHAR', canonical_url: 'VARCHAR',
  description_text: 'VARCHAR', skills: 'VARCHAR[]', evidence: 'JSON', content_hash: 'VARCHAR',
  normalizer_version: 'INTEGER', language: 'VARCHAR', remote_countries: 'VARCHAR[]', location_countries: 'VARCHAR[]',
  location_cities: 'VARCHAR[]', tz_min_utc_offset: 'DOUBLE', tz_max_utc_offset: 'DOUBLE', years_required: 'DOUBLE',
  employment_type: 'VARCHAR', contract_type: 'VARCHAR', salary_min: 'DOUBLE', salary_max: 'DOUBLE',
  salary_currency: 'VARCHAR', salary_period: 'VARCHAR', salary_usd_month_min: 'DOUBLE', salary_usd_month_max: 'DOUBLE',
  salary_brl_month_min: 'DOUBLE', salary_brl_month_max: 'DOUBLE', fx_date: 'DATE', skills_required: 'VARCHAR[]',
  skills_nice: 'VARCHAR[]', quality_ok: 'BOOLEAN', quality_flags: 'JSON',
};

/** Inserts or replaces postings from a staged NDJSON file; returns how many rows it wrote. */
export async function upsertPostings(conn: DuckDBConnection, stagedPath: string, runId: string): Promise<number> {
  const names = Object.keys(STAGED_POSTING_COLUMNS);
  const columns = `{${names.map((name) => `${name}: '${STAGED_POSTING_COLUMNS[name]}'`).join(', ')}}`;
  const updates = [...names.filter((n) => n !== 'id'), 'run_id', 'normalized_at'].map((n) => `${n} = excluded.${n}`).join(', ');
  const result = await conn.run(
    `INSERT INTO postings (${names.join(', ')}, run_id, normalized_at)
     SELECT ${names.join(', ')}, $2, now()
     FROM read_json($1, format = 'newline_delimited', columns = ${columns})
     ON CONFLICT (id) DO UPDATE SET ${updates}`,
    [stagedPath, runId],
  );
  return Number(result.rowsChanged);
}

/**
 * Clusters that already hold a posting with the canonical URL or content hash of a posting not in
 * any cluster yet, earliest member first: the keys exact dedupe matches new postings by.
 */
export async function clusterKeysOfUnclustered(conn: DuckDBConnection): Promise<{ cluster_id: string; canonical_url: string | null; content_hash: string }[]> {
  return queryRows(
    conn,
    `WITH new AS (SELECT p.canonical_url, p.content_hash FROM postings p
                  WHERE NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.posting_id = p.id))
     SELECT m.cluster_id, p.canonical_url, p.content_hash
     FROM cluster_members m JOIN postings p ON p.id = m.posting_id
     WHERE p.canonical_url IN (SELECT canonical_url FROM new) OR p.content_hash IN (SELECT content_hash FROM new)
     ORDER BY m.added_at, m.posting_id`,
  );
}

export async function insertClusterMembers(conn: DuckDBConnection, stagedPath: string, runId: string): Promise<number> {
  const result = await conn.run(
    `INSERT INTO cluster_members (posting_id, cluster_id, matched_by, score, run_id, added_at)
     SELECT posting_id, cluster_id, matched_by, score, $2, now()
     FROM read_json($1, format = 'newline_delimited',
       columns = {posting_id: 'VARCHAR', cluster_id: 'VARCHAR', matched_by: 'VARCHAR', score: 'DOUBLE'})
     ON CONFLICT DO NOTHING`,
    [stagedPath, runId],
  );
  return Number(result.rowsChanged);
}

/**
 * Recomputes clusters from their members. The canonical member (the card's title and company) is
 * a public source's posting when there is one, so a user's own posting never speaks for a job
 * others see; among those, the founding posting, or the one an operator split out; failing those,
 * the earliest member. So a job's card does not change as copies join it, unless the first public
 * copy does. Visibility (migration 018): public when some member comes from a source without an
 * owner, else only to the owners of its sources.
 */
export async function refreshClusters(conn: DuckDBConnection, clusterIds: string[]): Promise<number> {
  if (clusterIds.length === 0) return 0;
  return refreshClustersWhere(conn, 'IN (SELECT unnest($1::VARCHAR[]))', [listValue(clusterIds)]);
}

/** refreshClusters for every cluster that gained members in run `runId`: a million ids need no list. */
export async function refreshClustersOfRun(conn: DuckDBConnection, runId: string): Promise<number> {
  return refreshClustersWhere(conn, 'IN (SELECT cluster_id FROM cluster_members WHERE run_id = $1)', [runId]);
}

async function refreshClustersWhere(conn: DuckDBConnection, clusterIdCondition: string, params: DuckDBValue[]): Promise<number> {
  const result = await conn.run(
    `INSERT INTO job_clusters (id, canonical_posting_id, title, company, member_count, first_seen_at, updated_at, visible_to)
     SELECT cluster_id, id, title, company, n, first_seen, now(), CASE WHEN public THEN NULL ELSE owners END FROM (
       SELECT m.cluster_id, p.id, p.title, p.company,
              count(*) OVER w AS n,
              min(coalesce(p.posted_at, p.normalized_at)) OVER w AS first_seen,
              bool_or(s.owner_user_id IS NULL) OVER w AS public,
              list(DISTINCT s.owner_user_id ORDER BY s.owner_user_id) FILTER (WHERE s.owner_user_id IS NOT NULL) OVER w AS owners,
              row_number() OVER (PARTITION BY m.cluster_id
                ORDER BY s.owner_user_id IS NULL DESC, m.matched_by IN ('first', 'operator_split') DESC, coalesce(p.posted_at, p.normalized_at), p.id) AS rank
       FROM cluster_members m JOIN postings p ON p.id = m.posting_id LEFT JOIN sources s ON s.id = p.source_id
       WHERE m.cluster_id ${clusterIdCondition}
       WINDOW w AS (PARTITION BY m.cluster_id))
     WHERE rank = 1
     ON CONFLICT (id) DO UPDATE SET canonical_posting_id = excluded.canonical_posting_id, title = excluded.title,
       company = excluded.company, member_count = excluded.member_count, first_seen_at = excluded.first_seen_at,
       updated_at = excluded.updated_at, visible_to = excluded.visible_to`,
    params,
  );
  return Number(result.rowsChanged);
}

/** Moves a posting out of a cluster it was wrongly merged into, to a cluster of its own; later runs leave it there. */
export async function splitClusterMember(
  conn: DuckDBConnection,
  s: { postingId: string; newClusterId: (currentClusterId: string) => string; runId: string },
): Promise<{ from: string; to: string } | null> {
  const { postingId, runId } = s;
  const [row] = await queryRows<{ cluster_id: string; members: number }>(
    conn,
    `SELECT cluster_id, (SELECT count(*) FROM cluster_members x WHERE x.cluster_id = m.cluster_id) AS members
     FROM cluster_members m WHERE posting_id = $1`,
    [postingId],
  );
  if (!row || row.members < 2) return null;
  const to = s.newClusterId(row.cluster_id);
  await conn.run(
    `UPDATE cluster_members SET cluster_id = $2, matched_by = 'operator_split', score = NULL, run_id = $3, added_at = now() WHERE posting_id = $1`,
    [postingId, to, runId],
  );
  await refreshClusters(conn, [row.cluster_id, to]);
  return { from: row.cluster_id, to };
}

/** A source as the operator sees it: what it is and how its latest fetch went (nulls: never fetched). */
export interface SourceWithHealth {
  id: string;
  name: string;
  kind: Source['kind'];
  adapter: string;
  url: string;
  enabled: boolean;
  /** User-defined sources: who owns it (null: an operator's, for everyone) and its configuration. */
  ownerUserId: string | null;
  config: Record<string, unknown> | null;
  lastOk: boolean | null;
  lastCheckedAt: string | null;
  lastItems: number | null;
  lastError: string | null;
  lastSuccessAt: string | null;
}

/** Every source (or, given an owner, that user's own custom sources) with the outcome of its latest fetch; removed sources left out. */
export async function sourcesWithHealth(conn: DuckDBConnection, filter: { ownerUserId?: string } = {}): Promise<SourceWithHealth[]> {
  const rows = await queryRows<Omit<SourceWithHealth, 'config'> & { config: string | null }>(
    conn,
    `SELECT s.id, s.name, s.kind, s.adapter, s.url, s.enabled, s.owner_user_id AS "ownerUserId", s.config::VARCHAR AS config,
            h.ok AS "lastOk", h.checked_at::VARCHAR AS "lastCheckedAt", h.items AS "lastItems", h.error AS "lastError",
            (SELECT max(checked_at)::VARCHAR FROM source_health x WHERE x.source_id = s.id AND x.ok) AS "lastSuccessAt"
     FROM sources s
     LEFT JOIN source_health h ON h.source_id = s.id
     WHERE s.removed_at IS NULL AND ($1::VARCHAR IS NULL OR s.owner_user_id = $1)
     QUALIFY row_number() OVER (PARTITION BY s.id ORDER BY h.checked_at DESC NULLS LAST) = 1
     ORDER BY s.id`,
    [filter.ownerUserId ?? null],
  );
  return rows.map((row) => ({ ...row, config: row.config === null ? null : (JSON.parse(row.config) as Record<string, unknown>) }));
}

/** One pipeline run with each stage's outcome and row counts. */
export interface RunSummary {
  runId: string;
  workflowId: string;
  startedAt: string;
  finishedAt: string;
  stages: { stage: Stage; status: StageRun['status']; durationMs: number; counts: StageRun['counts']; error: string | null }[];
}

/** The latest pipeline runs, one row per run with its stages. */
export async function recentRuns(conn: DuckDBConnection, limit: number): Promise<RunSummary[]> {
  const rows = await queryRows<Omit<RunSummary, 'stages'> & { stages: string }>(
    conn,
    `SELECT run_id AS "runId", any_value(workflow_id) AS "workflowId", min(started_at)::VARCHAR AS "startedAt",
            max(finished_at)::VARCHAR AS "finishedAt",
            list({stage: stage, status: status, durationMs: duration_ms, counts: counts::VARCHAR, error: error} ORDER BY started_at)::JSON::VARCHAR AS stages
     FROM pipeline_runs GROUP BY run_id ORDER BY min(started_at) DESC LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({
    ...row,
    // counts is JSON inside the stage list's JSON: parsed once more.
    stages: (JSON.parse(row.stages) as (Omit<RunSummary['stages'][number], 'counts'> & { counts: string })[]).map((stage) => ({
      ...stage,
      counts: JSON.parse(stage.counts) as StageRun['counts'],
    })),
  }));
}

/** One fetch of a source, as source_health recorded it. */
export interface SourceCheck {
  runId: string;
  /** The pipeline run's workflow, once one of its stages was recorded. */
  workflowId: string | null;
  checkedAt: string;
  ok: boolean;
  items: number;
  newItems: number;
  error: string | null;
}

/** A source's recent fetches and how it has been doing, for the operator's source-health page. */
export interface SourceHealthHistory {
  sourceId: string;
  name: string;
  enabled: boolean;
  ownerUserId: string | null;
  lastSuccessAt: string | null;
  /** Failed fetches since the last successful one (all of them when it never succeeded). */
  failuresSinceSuccess: number;
  /** The latest checks, newest first. */
  recent: SourceCheck[];
}

/** Every source (removed ones left out) with its latest `perSource` checks. */
export async function sourceHealthHistory(conn: DuckDBConnection, perSource: number): Promise<SourceHealthHistory[]> {
  const rows = await queryRows<Omit<SourceHealthHistory, 'recent'> & { recent: string }>(
    conn,
    `WITH checks AS (
       SELECT h.*, r.workflow_id, max(h.checked_at) FILTER (WHERE h.ok) OVER (PARTITION BY h.source_id) AS last_ok,
              row_number() OVER (PARTITION BY h.source_id ORDER BY h.checked_at DESC) AS n
       FROM source_health h LEFT JOIN (SELECT DISTINCT run_id, workflow_id FROM pipeline_runs) r ON r.run_id = h.run_id)
     SELECT s.id AS "sourceId", s.name, s.enabled, s.owner_user_id AS "ownerUserId",
            max(h.last_ok)::VARCHAR AS "lastSuccessAt",
            count(h.source_id) FILTER (WHERE NOT h.ok AND (h.last_ok IS NULL OR h.checked_at > h.last_ok)) AS "failuresSinceSuccess",
            coalesce(list({runId: h.run_id, workflowId: h.workflow_id, checkedAt: h.checked_at::VARCHAR, ok: h.ok, items: h.items, newItems: h.new_items, error: h.error}
                          ORDER BY h.checked_at DESC) FILTER (WHERE h.n <= $1), [])::JSON::VARCHAR AS recent
     FROM sources s LEFT JOIN checks h ON h.source_id = s.id
     WHERE s.removed_at IS NULL
     GROUP BY s.id, s.name, s.enabled, s.owner_user_id
     ORDER BY s.id`,
    [perSource],
  );
  return rows.map((row) => ({ ...row, recent: JSON.parse(row.recent) as SourceCheck[] }));
}

/** SQL condition on a cluster aliased `c`: active while at least one of its sources still lists it. */
export const ACTIVE_CLUSTER = `EXISTS (SELECT 1 FROM cluster_members am JOIN postings ap ON ap.id = am.posting_id
  JOIN source_listings l ON l.source_id = ap.source_id AND l.external_id = ap.external_id
  WHERE am.cluster_id = c.id AND l.active)`;

/**
 * SQL condition on a visibility list (job_clusters.visible_to, search_docs.visible_to): the job is
 * public, or the viewer (SQL for a user id; NULL when signed out) owns one of its sources.
 */
export const visibleTo = (column: string, viewer: string) => `(${column} IS NULL OR coalesce(list_contains(${column}, ${viewer}), false))`;

/**
 * SQL condition on a source aliased `s`: its postings may be shown to the viewer (a source without
 * an owner, or the viewer's own), as a place to apply or a count.
 */
export const sourceVisibleTo = (viewer: string) => `(s.owner_user_id IS NULL OR s.owner_user_id IS NOT DISTINCT FROM ${viewer})`;

/** Complete, successful fetches a posting may be missing from before it counts as inactive. */
export const INACTIVE_AFTER_MISSED_RUNS = 3;

/**
 * Marks what a source lists now as seen; when the fetch was complete (not cut off by the page
 * limit), every other posting of the source counts one more missed run.
 */
export async function recordListings(conn: DuckDBConnection, s: { stagedPath: string; sourceId: string; complete: boolean }): Promise<number> {
  await conn.run(
    `INSERT INTO source_listings (source_id, external_id, first_seen_at, last_seen_at, missed_runs, active)
     SELECT DISTINCT source_id, external_id, now(), now(), 0, true
     FROM read_json($1, format = 'newline_delimited', columns = {source_id: 'VARCHAR', external_id: 'VARCHAR'})
     ON CONFLICT (source_id, external_id) DO UPDATE SET last_seen_at = now(), missed_runs = 0, active = true`,
    [s.stagedPath],
  );
  if (!s.complete) return 0;
  const result = await conn.run(
    `UPDATE source_listings SET missed_runs = missed_runs + 1, active = missed_runs + 1 < $3
     WHERE source_id = $2 AND external_id NOT IN (
       SELECT external_id FROM read_json($1, format = 'newline_delimited', columns = {source_id: 'VARCHAR', external_id: 'VARCHAR'}))`,
    [s.stagedPath, s.sourceId, INACTIVE_AFTER_MISSED_RUNS],
  );
  return Number(result.rowsChanged);
}
