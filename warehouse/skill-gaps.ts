// Skill gaps: what users say they are learning, the jobs an analysis targets, market demand over
// recent windows, and stored analyses (user_skill_progress, skill_gap_analyses).
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { MatchJob } from '../models/matcher/features.js';
import { ACTIVE_CLUSTER, visibleTo } from './core.js';
import { queryRows } from './db.js';

export const SKILL_PROGRESS = ['learning', 'learned'] as const;
export type SkillProgress = (typeof SKILL_PROGRESS)[number];
export const TARGET_KINDS = ['chosen', 'saved', 'top'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface SkillProgressRow {
  skill: string;
  status: SkillProgress;
  startedAt: string;
  learnedAt: string | null;
  updatedAt: string;
}

export async function listSkillProgress(conn: DuckDBConnection, userId: string): Promise<SkillProgressRow[]> {
  return queryRows<SkillProgressRow>(
    conn,
    `SELECT skill_id AS skill, status, started_at::VARCHAR AS "startedAt", learned_at::VARCHAR AS "learnedAt", updated_at::VARCHAR AS "updatedAt"
     FROM user_skill_progress WHERE user_id = $1 ORDER BY updated_at DESC, skill_id`,
    [userId],
  );
}

/** Marks a skill learning or learned (null clears the mark); the first mark's time and the first time it was learned are kept. */
export async function setSkillProgress(conn: DuckDBConnection, userId: string, skill: string, status: SkillProgress | null): Promise<void> {
  if (status === null) {
    await conn.run('DELETE FROM user_skill_progress WHERE user_id = $1 AND skill_id = $2', [userId, skill]);
    return;
  }
  await conn.run(
    `INSERT INTO user_skill_progress AS old (user_id, skill_id, status, started_at, learned_at, updated_at)
     VALUES ($1, $2, $3, now(), CASE WHEN $3 = 'learned' THEN now() END, now())
     ON CONFLICT (user_id, skill_id) DO UPDATE SET status = excluded.status, updated_at = now(),
       learned_at = CASE WHEN excluded.status = 'learned' THEN coalesce(old.learned_at, now()) END`,
    [userId, skill, status],
  );
}

/** The canonical posting of a job, as the matcher reads it, with its card's title and company. */
export interface TargetJobRow extends MatchJob {
  title: string;
  company: string | null;
}

const TARGET_COLUMNS = `c.id AS "clusterId", c.title, c.company, p.skills, coalesce(p.skills_required, []) AS "skillsRequired",
  coalesce(p.skills_nice, []) AS "skillsNice", p.seniority, p.years_required AS "yearsRequired", p.remote_scope AS "remoteScope",
  coalesce(p.remote_countries, []) AS "remoteCountries", p.tz_min_utc_offset AS "tzMinUtcOffset", p.tz_max_utc_offset AS "tzMaxUtcOffset",
  p.salary_usd_month_max AS "salaryUsdMonthMax", p.contract_type AS "contractType", p.language,
  epoch_ms(coalesce(p.posted_at, c.first_seen_at)) AS "postedAtMs"`;

export type TargetQuery =
  | { kind: 'chosen'; clusterIds: string[] }
  | { kind: 'saved'; limit: number }
  | { kind: 'top'; limit: number; modelVersion: string };

/**
 * The jobs an analysis targets: those chosen (in the order given; unknown ids, and jobs found only
 * on other users' own sources, are left out), the user's saved jobs (newest first, dismissed ones
 * left out), or their best current matches.
 */
export async function targetJobs(conn: DuckDBConnection, userId: string, q: TargetQuery): Promise<TargetJobRow[]> {
  const from = `FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id`;
  if (q.kind === 'chosen') {
    return queryRows<TargetJobRow>(
      conn,
      `SELECT ${TARGET_COLUMNS} ${from} WHERE list_contains($1::VARCHAR[], c.id) AND ${visibleTo('c.visible_to', '$2')} ORDER BY list_position($1::VARCHAR[], c.id)`,
      [listValue(q.clusterIds), userId],
    );
  }
  if (q.kind === 'saved') {
    return queryRows<TargetJobRow>(
      conn,
      `SELECT ${TARGET_COLUMNS} ${from} JOIN feedback f ON f.cluster_id = c.id
       WHERE f.user_id = $1 AND f.saved AND NOT f.dismissed AND ${visibleTo('c.visible_to', '$1')} ORDER BY f.updated_at DESC, c.id LIMIT $2`,
      [userId, q.limit],
    );
  }
  return queryRows<TargetJobRow>(
    conn,
    `SELECT ${TARGET_COLUMNS} ${from} JOIN matches m ON m.cluster_id = c.id
     WHERE m.user_id = $1 AND m.model_version = $2 AND ${visibleTo('c.visible_to', '$1')} AND ${ACTIVE_CLUSTER}
       AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.user_id = m.user_id AND f.cluster_id = m.cluster_id AND f.dismissed)
     ORDER BY m.score DESC, c.id LIMIT $3`,
    [userId, q.modelVersion, q.limit],
  );
}

export interface DemandRows {
  totals: { last30: number; last90: number };
  bySkill: { skill: string; last30: number; last90: number }[];
}

/**
 * Jobs first seen in the 30 and 90 days up to `asOf` (deduplicated: one per cluster, read from its
 * canonical posting), in total and per skill they ask for. The market's: public jobs only.
 */
export async function marketDemand(conn: DuckDBConnection, asOf: string): Promise<DemandRows> {
  const jobs = `WITH jobs AS (
    SELECT c.first_seen_at > $1::TIMESTAMPTZ - INTERVAL 30 DAY AS recent, list_distinct(p.skills) AS skills
    FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
    WHERE c.first_seen_at > $1::TIMESTAMPTZ - INTERVAL 90 DAY AND c.first_seen_at <= $1::TIMESTAMPTZ AND c.visible_to IS NULL)`;
  const [totals] = await queryRows<{ last30: number; last90: number }>(
    conn,
    `${jobs} SELECT count(*) FILTER (WHERE recent) AS last30, count(*) AS last90 FROM jobs`,
    [asOf],
  );
  const bySkill = await queryRows<{ skill: string; last30: number; last90: number }>(
    conn,
    `${jobs} SELECT s.skill, count(*) FILTER (WHERE recent) AS last30, count(*) AS last90
     FROM jobs, unnest(jobs.skills) AS s(skill) GROUP BY s.skill ORDER BY s.skill`,
    [asOf],
  );
  return { totals: totals ?? { last30: 0, last90: 0 }, bySkill };
}

export interface AnalysisRow {
  id: string;
  userId: string;
  trigger: 'user' | 'schedule';
  targetKind: TargetKind;
  targetClusterIds: string[];
  createdAt: string;
  /** The market-demand windows end here. */
  asOf: string;
  modelVersion: string;
  catalogueVersion: string;
  missingCount: number;
  topMissing: string[];
  pathHours: number;
  currentAverage: number;
  potentialAverage: number;
  /** The analysis as the API returns it, serialized. */
  result: string;
}

export async function insertAnalysis(conn: DuckDBConnection, a: AnalysisRow): Promise<void> {
  await conn.run(
    `INSERT INTO skill_gap_analyses (id, user_id, created_at, trigger, target_kind, target_cluster_ids, as_of, model_version,
       catalogue_version, missing_count, top_missing, path_hours, current_average, potential_average, result)
     VALUES ($1, $2, $3::TIMESTAMPTZ, $4, $5, $6, $7::TIMESTAMPTZ, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      a.id,
      a.userId,
      a.createdAt,
      a.trigger,
      a.targetKind,
      listValue(a.targetClusterIds),
      a.asOf,
      a.modelVersion,
      a.catalogueVersion,
      a.missingCount,
      listValue(a.topMissing),
      a.pathHours,
      a.currentAverage,
      a.potentialAverage,
      a.result,
    ],
  );
}

/** The stored analysis (its JSON and when it was made), only if `userId` owns it; the latest when `id` is null. */
export async function findAnalysis(conn: DuckDBConnection, userId: string, id: string | null): Promise<{ createdAt: string; result: string } | null> {
  const [row] = await queryRows<{ createdAt: string; result: string }>(
    conn,
    `SELECT created_at::VARCHAR AS "createdAt", result::VARCHAR AS result FROM skill_gap_analyses
     WHERE user_id = $1 AND ($2::VARCHAR IS NULL OR id = $2) ORDER BY created_at DESC, id DESC LIMIT 1`,
    [userId, id],
  );
  return row ?? null;
}

export interface AnalysisSummary {
  id: string;
  createdAt: string;
  trigger: 'user' | 'schedule';
  targetKind: TargetKind;
  targetJobs: number;
  missingCount: number;
  topMissing: string[];
  pathHours: number;
  currentAverage: number;
  potentialAverage: number;
}

/** A user's analyses, newest first, without their bodies: enough to chart progress over time. */
export async function analysisHistory(conn: DuckDBConnection, userId: string, limit: number): Promise<AnalysisSummary[]> {
  return queryRows<AnalysisSummary>(
    conn,
    `SELECT id, created_at::VARCHAR AS "createdAt", trigger, target_kind AS "targetKind", len(target_cluster_ids) AS "targetJobs",
            missing_count AS "missingCount", top_missing AS "topMissing", path_hours AS "pathHours",
            current_average AS "currentAverage", potential_average AS "potentialAverage"
     FROM skill_gap_analyses WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [userId, limit],
  );
}

export interface RefreshCandidate {
  userId: string;
  /** What the user's latest analysis targeted; the daily refresh repeats it (best matches when there is none). */
  lastTargetKind: TargetKind | null;
  lastClusterIds: string[] | null;
}

/**
 * Users with a profile who were active in the last `days` days: signed in (a session seen), or
 * changed their profile, feedback, applications or skill progress. Only they get a daily refresh.
 */
export async function usersToRefresh(conn: DuckDBConnection, days: number): Promise<RefreshCandidate[]> {
  return queryRows<RefreshCandidate>(
    conn,
    `WITH since AS (SELECT now() - to_days($1::INTEGER) AS t)
     SELECT p.user_id AS "userId", last.target_kind AS "lastTargetKind", last.target_cluster_ids AS "lastClusterIds"
     FROM profiles p CROSS JOIN since
     LEFT JOIN (SELECT user_id, target_kind, target_cluster_ids FROM skill_gap_analyses
                QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, id DESC) = 1) last ON last.user_id = p.user_id
     WHERE p.updated_at >= since.t
        OR EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = p.user_id AND s.last_seen_at >= since.t)
        OR EXISTS (SELECT 1 FROM feedback f WHERE f.user_id = p.user_id AND f.updated_at >= since.t)
        OR EXISTS (SELECT 1 FROM applications a WHERE a.user_id = p.user_id AND a.updated_at >= since.t)
        OR EXISTS (SELECT 1 FROM user_skill_progress u WHERE u.user_id = p.user_id AND u.updated_at >= since.t)
     ORDER BY p.user_id`,
    [days],
  );
}
