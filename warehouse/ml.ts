// ML layer: model registry, activation history, match scores, and what the matcher reads to score and train.
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { MatchJob, MatchProfile } from '../models/matcher/features.js';
import type { FeedbackState } from '../models/matcher/labels.js';
import { ACTIVE_CLUSTER } from './core.js';
import { queryRows } from './db.js';
import { activeClusterIds, searchCardsById, type JobCard } from './job-queries.js';

export interface ModelVersion {
  name: string;
  version: string;
  path: string;
  sha256: string;
  status: 'candidate' | 'active' | 'retired';
}

export interface ModelVersionRow extends ModelVersion {
  metrics: Record<string, number>;
  features: string[] | null;
  trainingDataSha256: string | null;
  createdAt: string;
  /** When it last became the active version, if ever. */
  activatedAt: string | null;
}

/** Registers a model version once; an existing version is left as it is (its status may have changed since). */
export async function registerModelVersion(
  conn: DuckDBConnection,
  m: ModelVersion & { metrics: Record<string, number>; features?: readonly string[]; trainingDataSha256?: string },
): Promise<void> {
  await conn.run(
    `INSERT INTO model_versions (name, version, path, sha256, metrics, status, created_at, features, training_data_sha256)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8) ON CONFLICT DO NOTHING`,
    [m.name, m.version, m.path, m.sha256, JSON.stringify(m.metrics), m.status, m.features ? listValue([...m.features]) : null, m.trainingDataSha256 ?? null],
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

export async function findModelVersion(conn: DuckDBConnection, name: string, version: string): Promise<ModelVersion | null> {
  const [row] = await queryRows<ModelVersion>(conn, 'SELECT name, version, path, sha256, status FROM model_versions WHERE name = $1 AND version = $2', [name, version]);
  return row ?? null;
}

/** Every version of a model, newest first, with its metrics and when it was last activated. */
export async function listModelVersions(conn: DuckDBConnection, name: string): Promise<ModelVersionRow[]> {
  const rows = await queryRows<ModelVersionRow & { metrics: string }>(
    conn,
    `SELECT v.name, v.version, v.path, v.sha256, v.status, v.metrics::VARCHAR AS metrics, v.features,
            v.training_data_sha256 AS "trainingDataSha256", v.created_at::VARCHAR AS "createdAt",
            (SELECT max(a.activated_at) FROM model_activations a WHERE a.name = v.name AND a.version = v.version)::VARCHAR AS "activatedAt"
     FROM model_versions v WHERE v.name = $1 ORDER BY v.created_at DESC, v.version DESC`,
    [name],
  );
  return rows.map((row) => ({ ...row, metrics: JSON.parse(row.metrics) as Record<string, number> }));
}

/** The next free "vN" name: one more than the highest N registered. */
export async function nextModelVersion(conn: DuckDBConnection, name: string): Promise<string> {
  const [row] = await queryRows<{ n: number | null }>(
    conn,
    `SELECT max(TRY_CAST(substr(version, 2) AS INTEGER)) AS n FROM model_versions WHERE name = $1 AND version LIKE 'v%'`,
    [name],
  );
  return `v${(row?.n ?? 0) + 1}`;
}

/**
 * Makes `version` the active one and records why, in the caller's transaction: the version that
 * was active is retired. Returns the version that was active before.
 */
export async function activateModelVersion(
  conn: DuckDBConnection,
  a: { name: string; version: string; action: 'promote' | 'rollback'; reason: string },
): Promise<string | null> {
  const [previous] = await queryRows<{ version: string }>(conn, `SELECT version FROM model_versions WHERE name = $1 AND status = 'active'`, [a.name]);
  await conn.run(`UPDATE model_versions SET status = 'retired' WHERE name = $1 AND status = 'active' AND version <> $2`, [a.name, a.version]);
  await conn.run(`UPDATE model_versions SET status = 'active' WHERE name = $1 AND version = $2`, [a.name, a.version]);
  await conn.run(
    `INSERT INTO model_activations (name, version, previous_version, action, reason, activated_at) VALUES ($1, $2, $3, $4, $5, now())`,
    [a.name, a.version, previous?.version ?? null, a.action, a.reason],
  );
  return previous?.version ?? null;
}

/**
 * Where a rollback goes: the version that was active before the active one was last promoted.
 * Following promotions (not rollbacks) back makes repeated rollbacks walk down the history.
 */
export async function rollbackTarget(conn: DuckDBConnection, name: string): Promise<string | null> {
  const [row] = await queryRows<{ previous_version: string | null }>(
    conn,
    `SELECT a.previous_version FROM model_activations a JOIN model_versions v ON v.name = a.name AND v.version = a.version
     WHERE a.name = $1 AND v.status = 'active' AND a.action = 'promote' ORDER BY a.activated_at DESC LIMIT 1`,
    [name],
  );
  return row?.previous_version ?? null;
}

const PROFILE_COLUMNS = `pr.user_id AS "userId", pr.skills, pr.years_experience AS "yearsExperience", pr.seniority, pr.country,
  pr.timezone, pr.salary_floor_usd_month AS "salaryFloorUsdMonth", pr.languages`;

/** The canonical posting of each cluster `c` as the matcher reads a job. */
const JOB_COLUMNS = `c.id AS "clusterId", p.skills, coalesce(p.skills_required, []::VARCHAR[]) AS "skillsRequired",
  coalesce(p.skills_nice, []::VARCHAR[]) AS "skillsNice", p.seniority, p.years_required AS "yearsRequired",
  p.remote_scope AS "remoteScope", coalesce(p.remote_countries, []::VARCHAR[]) AS "remoteCountries",
  p.tz_min_utc_offset AS "tzMinUtcOffset", p.tz_max_utc_offset AS "tzMaxUtcOffset", p.salary_usd_month_max AS "salaryUsdMonthMax",
  p.contract_type AS "contractType", p.language, epoch_ms(coalesce(p.posted_at, c.first_seen_at)) AS "postedAtMs"`;

const CHANGED_AT = 'greatest(c.updated_at, p.normalized_at)';

export interface ScoringProfile extends MatchProfile {
  /** Inputs time of this version's latest scores for the profile; null when it has none. */
  scoredThroughMs: number | null;
  /** The profile changed since (or was never scored): score it against every active job. */
  rescoreAll: boolean;
}

export interface ScoringJob extends MatchJob {
  changedMs: number;
  /** Null: public; else the only users whose profiles it is scored for (those whose sources found it). */
  visibleTo: string[] | null;
}

/** Every profile with where this version's scoring of it stands. */
export async function scoringProfiles(conn: DuckDBConnection, modelVersion: string): Promise<ScoringProfile[]> {
  return queryRows<ScoringProfile>(
    conn,
    `SELECT ${PROFILE_COLUMNS}, epoch_ms(w.scored_through) AS "scoredThroughMs",
            (w.scored_through IS NULL OR pr.updated_at > w.scored_through) AS "rescoreAll"
     FROM profiles pr
     LEFT JOIN scoring_watermarks w ON w.user_id = pr.user_id AND w.model_version = $1
     ORDER BY pr.user_id`,
    [modelVersion],
  );
}

/**
 * Writes the active jobs changed after `sinceMs` (all active jobs when null), oldest change first, as
 * NDJSON at `path`, one ScoringJob a line: DuckDB writes the file, so no JS object is made per job (a
 * second of a 100,000-job run). Returns each job's change time and viewers, in the same order.
 */
export async function copyScoringJobs(conn: DuckDBConnection, sinceMs: number | null, path: string): Promise<Pick<ScoringJob, 'changedMs' | 'visibleTo'>[]> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE scoring_jobs AS
     SELECT ${JOB_COLUMNS}, epoch_ms(${CHANGED_AT}) AS "changedMs", c.visible_to AS "visibleTo"
     FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
     WHERE ${ACTIVE_CLUSTER} AND ($1::BIGINT IS NULL OR epoch_ms(${CHANGED_AT}) > $1)`,
    [sinceMs],
  );
  try {
    await conn.run(`COPY (SELECT * FROM scoring_jobs ORDER BY "changedMs", "clusterId") TO $1 (FORMAT json)`, [path]);
    return await queryRows(conn, `SELECT "changedMs", "visibleTo" FROM scoring_jobs ORDER BY "changedMs", "clusterId"`);
  } finally {
    await conn.run('DROP TABLE IF EXISTS scoring_jobs');
  }
}

export async function allMatchProfiles(conn: DuckDBConnection): Promise<MatchProfile[]> {
  return queryRows<MatchProfile>(conn, `SELECT ${PROFILE_COLUMNS} FROM profiles pr ORDER BY pr.user_id`);
}

/** Every job, active or not: the corpus the skill statistics are learned from (public jobs), and what feedback is about. */
export async function allMatchJobs(conn: DuckDBConnection): Promise<(MatchJob & { ownSourcesOnly: boolean })[]> {
  return queryRows<MatchJob & { ownSourcesOnly: boolean }>(
    conn,
    `SELECT ${JOB_COLUMNS}, c.visible_to IS NOT NULL AS "ownSourcesOnly" FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id ORDER BY c.id`,
  );
}

/** One feedback row as the matcher learns from it, with when it last changed. */
export interface FeedbackRow extends FeedbackState {
  userId: string;
  clusterId: string;
  atMs: number;
}

/**
 * Every (user, job) the user said something about: the feedback row (saved, dismissed, rating)
 * joined to the application they track for it, whose furthest stage is the outcome (an interview
 * that ended in a rejection still counts as an interview). In a stable order: it is hashed as
 * training data.
 */
export async function allFeedback(conn: DuckDBConnection): Promise<FeedbackRow[]> {
  return queryRows<FeedbackRow>(
    conn,
    `WITH reached AS (
       SELECT a.user_id, a.cluster_id, a.updated_at,
              list_prepend(a.status, coalesce((SELECT list(e.to_status) FROM application_events e
                                               WHERE e.application_id = a.id AND e.kind = 'status' AND e.to_status IS NOT NULL), []::VARCHAR[])) AS stages
       FROM applications a
     ),
     outcomes AS (
       SELECT user_id, cluster_id, updated_at,
              CASE WHEN list_contains(stages, 'offer') THEN 'offer'
                   WHEN list_contains(stages, 'interview') THEN 'interview'
                   WHEN list_contains(stages, 'rejected') THEN 'rejected'
                   WHEN list_has_any(stages, ['applied', 'screening', 'ghosted', 'withdrawn']) THEN 'applied' END AS outcome,
              list_contains(stages, 'saved') AS saved
       FROM reached
     )
     SELECT coalesce(f.user_id, o.user_id) AS "userId", coalesce(f.cluster_id, o.cluster_id) AS "clusterId",
            coalesce(f.saved, false) OR coalesce(o.saved, false) AS saved, coalesce(f.dismissed, false) AS dismissed,
            f.rating, o.outcome, epoch_ms(greatest(f.updated_at, o.updated_at)) AS "atMs"
     FROM feedback f FULL JOIN outcomes o ON o.user_id = f.user_id AND o.cluster_id = f.cluster_id
     ORDER BY "userId", "clusterId"`,
  );
}

/**
 * How many matches a profile keeps per matcher version: its best, which is what the match list, alerts
 * and skill gaps read. Storing every (profile, job) pair grows as users × jobs (82 million rows at a
 * thousand profiles and 100,000 jobs) for rows nobody reads.
 */
export const MATCHES_PER_PROFILE = 1_000;

const STAGED_SCORE_COLUMNS = `{user_id: 'VARCHAR', cluster_id: 'VARCHAR', model_version: 'VARCHAR', score: 'DOUBLE', components: 'JSON',
  computed_at: 'TIMESTAMPTZ', replaces: 'BOOLEAN'}`;

/**
 * Loads staged scores (a file or a glob of chunk files; `computed_at` is the time the inputs were read)
 * and keeps each scored profile's best `keep`, jobs no longer listed ranked last so they
 * leave first. A profile scored against every job (`replaces`: new, changed, or a new version) loses its
 * earlier rows of that version; the scored profiles' watermarks move to the scores' time. Run it in a
 * transaction. Returns the rows written.
 */
export async function upsertMatches(conn: DuckDBConnection, stagedPath: string, keep = MATCHES_PER_PROFILE): Promise<number> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE staged_scores AS
     SELECT * FROM read_json($1, format = 'newline_delimited', columns = ${STAGED_SCORE_COLUMNS})`,
    [stagedPath],
  );
  try {
    // Rows the new scores replace go first; a key deleted and inserted again in one transaction trips DuckDB's index checks, so rescored keys are updated instead.
    await conn.run(
      `DELETE FROM matches m USING (SELECT DISTINCT user_id, model_version FROM staged_scores WHERE replaces) r
       WHERE m.user_id = r.user_id AND m.model_version = r.model_version
         AND NOT EXISTS (SELECT 1 FROM staged_scores s WHERE s.user_id = m.user_id AND s.cluster_id = m.cluster_id AND s.model_version = m.model_version)`,
    );
    // Stored keys are updated and new ones inserted apart: ON CONFLICT probes the index row by row, and after a first scoring every key is new.
    const updated = await conn.run(
      `UPDATE matches m SET score = s.score, components = s.components, computed_at = s.computed_at FROM staged_scores s
       WHERE m.user_id = s.user_id AND m.cluster_id = s.cluster_id AND m.model_version = s.model_version`,
    );
    const inserted = await conn.run(
      `INSERT INTO matches (user_id, cluster_id, model_version, score, components, computed_at)
       SELECT user_id, cluster_id, model_version, score, components, computed_at FROM staged_scores s
       WHERE NOT EXISTS (SELECT 1 FROM matches m WHERE m.user_id = s.user_id AND m.cluster_id = s.cluster_id AND m.model_version = s.model_version)`,
    );
    await conn.run(
      `INSERT INTO scoring_watermarks (user_id, model_version, scored_through)
       SELECT user_id, model_version, max(computed_at) FROM staged_scores GROUP BY user_id, model_version
       ON CONFLICT (user_id, model_version) DO UPDATE SET scored_through = greatest(scoring_watermarks.scored_through, excluded.scored_through)`,
    );
    // Only profiles past `keep` rows are ranked: after a first scoring none is, and ranking them all sorted a million rows to delete nothing.
    await conn.run(
      `DELETE FROM matches m USING (
         SELECT x.user_id, x.cluster_id, x.model_version,
                row_number() OVER (PARTITION BY x.user_id, x.model_version
                                   ORDER BY (listed.id IS NOT NULL) DESC, x.score DESC, x.cluster_id) AS rank
         FROM matches x
         JOIN (SELECT y.user_id, y.model_version FROM matches y
               SEMI JOIN (SELECT DISTINCT user_id, model_version FROM staged_scores) s ON s.user_id = y.user_id AND s.model_version = y.model_version
               GROUP BY y.user_id, y.model_version HAVING count(*) > $1) t ON t.user_id = x.user_id AND t.model_version = x.model_version
         LEFT JOIN (SELECT c.id FROM job_clusters c WHERE ${ACTIVE_CLUSTER}) listed ON listed.id = x.cluster_id
       ) d
       WHERE d.rank > $1 AND m.user_id = d.user_id AND m.cluster_id = d.cluster_id AND m.model_version = d.model_version`,
      [keep],
    );
    return Number(updated.rowsChanged) + Number(inserted.rowsChanged);
  } finally {
    await conn.run('DROP TABLE IF EXISTS staged_scores');
  }
}

/** A job card with its score for one user: `components` maps each matcher feature to its share of the score. */
export interface MatchCard extends JobCard {
  score: number;
  components: Record<string, number>;
  modelVersion: string;
}

/** A user's score for a job, its components as stored (JSON text). */
export interface RankedMatch {
  clusterId: string;
  score: number;
  components: string;
  modelVersion: string;
}

/** A user's best `limit` scores from one matcher version, best first, leaving out the jobs they dismissed. */
export async function rankedMatches(conn: DuckDBConnection, q: { userId: string; modelVersion: string; minScore: number; limit: number }): Promise<RankedMatch[]> {
  return queryRows<RankedMatch>(
    conn,
    `SELECT m.cluster_id AS "clusterId", m.score, m.components::VARCHAR AS components, m.model_version AS "modelVersion"
     FROM matches m
     WHERE m.user_id = $1 AND m.model_version = $2 AND m.score >= $3
       AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.user_id = m.user_id AND f.cluster_id = m.cluster_id AND f.dismissed)
     ORDER BY m.score DESC, m.cluster_id LIMIT $4`,
    [q.userId, q.modelVersion, q.minScore, q.limit],
  );
}

/** The best `limit` scores of each of these users from one matcher version, as rankedMatches reads them one user at a time. */
export async function rankedMatchesOf(conn: DuckDBConnection, q: { userIds: string[]; modelVersion: string; limit: number }): Promise<(RankedMatch & { userId: string })[]> {
  if (q.userIds.length === 0) return [];
  return queryRows<RankedMatch & { userId: string }>(
    conn,
    `SELECT m.user_id AS "userId", m.cluster_id AS "clusterId", m.score, m.components::VARCHAR AS components, m.model_version AS "modelVersion"
     FROM matches m
     WHERE m.user_id IN (SELECT unnest($1::VARCHAR[])) AND m.model_version = $2
       AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.user_id = m.user_id AND f.cluster_id = m.cluster_id AND f.dismissed)
     QUALIFY row_number() OVER (PARTITION BY m.user_id ORDER BY m.score DESC, m.cluster_id) <= $3
     ORDER BY m.user_id, m.score DESC, m.cluster_id`,
    [listValue(q.userIds), q.modelVersion, q.limit],
  );
}

/** Every score of these users from one matcher version, dismissed jobs too (what sorting a search by match ranks by). */
export async function scoresOf(conn: DuckDBConnection, q: { userIds: string[]; modelVersion: string }): Promise<{ userId: string; clusterId: string; score: number }[]> {
  if (q.userIds.length === 0) return [];
  return queryRows<{ userId: string; clusterId: string; score: number }>(
    conn,
    `SELECT user_id AS "userId", cluster_id AS "clusterId", score FROM matches WHERE user_id IN (SELECT unnest($1::VARCHAR[])) AND model_version = $2`,
    [listValue(q.userIds), q.modelVersion],
  );
}

/**
 * A user's matches from the active matcher, best first, with each score's components and the job's
 * card. The best scores are read from the matches table alone (a user's rows sit together, so this
 * reads little) and the cards of those jobs from the search read model, by id: joining the two would
 * read every job. Jobs no longer listed, or under a contract the user does not accept, are skipped, so
 * more scores are read until the page is full.
 */
export async function listMatches(
  conn: DuckDBConnection,
  q: { userId: string; modelVersion: string; minScore: number; limit: number; offset: number; acceptedContracts?: readonly string[] },
): Promise<MatchCard[]> {
  const wanted = q.offset + q.limit;
  for (let read = 2 * wanted + 10; ; read *= 4) {
    const scores = await rankedMatches(conn, { ...q, limit: read });
    const active = await activeClusterIds(conn, scores.map((s) => s.clusterId), q.acceptedContracts);
    const listed = scores.filter((s) => active.has(s.clusterId));
    if (listed.length >= wanted || scores.length < read) {
      const page = listed.slice(q.offset, wanted);
      const cards = await searchCardsById(conn, page.map((s) => s.clusterId), q.userId);
      return page.flatMap((s) => {
        const card = cards.get(s.clusterId);
        return card ? [{ ...card, score: s.score, modelVersion: s.modelVersion, components: JSON.parse(s.components) as Record<string, number> }] : [];
      });
    }
  }
}
