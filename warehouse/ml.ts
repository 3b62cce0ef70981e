// ML layer: model registry and match scores.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ACTIVE_CLUSTER } from './core.js';
import { queryRows } from './db.js';
import { CARD_COLUMNS, withSources, type JobCard } from './job-queries.js';

export interface ModelVersion {
  name: string;
  version: string;
  path: string;
  sha256: string;
  status: 'candidate' | 'active' | 'retired';
}

/** Registers a model version once; an existing version is left as it is (its status may have changed since). */
export async function registerModelVersion(
  conn: DuckDBConnection,
  m: ModelVersion & { metrics: Record<string, number> },
): Promise<void> {
  await conn.run(
    `INSERT INTO model_versions (name, version, path, sha256, metrics, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT DO NOTHING`,
    [m.name, m.version, m.path, m.sha256, JSON.stringify(m.metrics), m.status],
  );
}

export async function activeModelVersion(conn: DuckDBConnection, name: string): Promise<ModelVersion> {
  const [row] = await queryRows<ModelVersion>(
    conn,
    `SELECT name, version, path, sha256, status FROM model_versions WHERE name = $1 AND status = 'active'
     ORDER BY created_at DESC LIMIT 1`,
    [name],
  );
  if (!row) throw new Error(`no active version of model "${name}" is registered`);
  return row;
}

export interface ScoringPair {
  user_id: string;
  cluster_id: string;
  profile_skills: string[];
  years_experience: number;
  country: string | null;
  timezone: string | null;
  salary_floor_usd_month: number | null;
  job_skills: string[];
  seniority: string | null;
  years_required: number | null;
  remote_scope: string;
  remote_countries: string[] | null;
  tz_min_utc_offset: number | null;
  tz_max_utc_offset: number | null;
  salary_usd_month_max: number | null;
}

/**
 * Profile × cluster pairs with no score from this model version, or whose profile changed after
 * its score: scoring is incremental, new clusters and changed profiles only.
 */
export async function pairsToScore(conn: DuckDBConnection, modelVersion: string): Promise<ScoringPair[]> {
  return queryRows<ScoringPair>(
    conn,
    `SELECT pr.user_id, c.id AS cluster_id, pr.skills AS profile_skills, pr.years_experience, pr.country, pr.timezone,
            pr.salary_floor_usd_month, p.skills AS job_skills, p.seniority, p.years_required, p.remote_scope,
            p.remote_countries, p.tz_min_utc_offset, p.tz_max_utc_offset, p.salary_usd_month_max
     FROM profiles pr
     CROSS JOIN job_clusters c
     JOIN postings p ON p.id = c.canonical_posting_id
     LEFT JOIN matches m ON m.user_id = pr.user_id AND m.cluster_id = c.id AND m.model_version = $1
     WHERE m.user_id IS NULL OR m.computed_at < pr.updated_at OR m.computed_at < c.updated_at OR m.computed_at < p.normalized_at
     ORDER BY pr.user_id, c.id`,
    [modelVersion],
  );
}

export async function upsertMatches(conn: DuckDBConnection, stagedPath: string): Promise<number> {
  const result = await conn.run(
    `INSERT INTO matches (user_id, cluster_id, model_version, score, components, computed_at)
     SELECT user_id, cluster_id, model_version, score, components, now()
     FROM read_json($1, format = 'newline_delimited',
       columns = {user_id: 'VARCHAR', cluster_id: 'VARCHAR', model_version: 'VARCHAR', score: 'DOUBLE', components: 'JSON'})
     ON CONFLICT (user_id, cluster_id, model_version) DO UPDATE SET score = excluded.score,
       components = excluded.components, computed_at = excluded.computed_at`,
    [stagedPath],
  );
  return Number(result.rowsChanged);
}

/** A job card with its score for one user: `components` maps each matcher feature to its share of the score. */
export interface MatchCard extends JobCard {
  score: number;
  components: Record<string, number>;
  modelVersion: string;
}

/** A user's matches from the active matcher, best first, with each score's components and the job's card. */
export async function listMatches(
  conn: DuckDBConnection,
  q: { userId: string; modelVersion: string; minScore: number; limit: number; offset: number },
): Promise<MatchCard[]> {
  const rows = await queryRows<Omit<MatchCard, 'components' | 'members'> & { components: string }>(
    conn,
    `SELECT m.score, m.components::VARCHAR AS components, m.model_version AS "modelVersion", ${CARD_COLUMNS}
     FROM matches m JOIN job_clusters c ON c.id = m.cluster_id JOIN postings p ON p.id = c.canonical_posting_id
     WHERE m.user_id = $1 AND m.model_version = $2 AND m.score >= $3
       AND ${ACTIVE_CLUSTER}
       AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.user_id = m.user_id AND f.cluster_id = m.cluster_id AND f.dismissed)
     ORDER BY m.score DESC, m.cluster_id LIMIT $4 OFFSET $5`,
    [q.userId, q.modelVersion, q.minScore, q.limit, q.offset],
  );
  return withSources(
    conn,
    rows.map((row) => ({ ...row, components: JSON.parse(row.components) as Record<string, number> })),
  );
}
