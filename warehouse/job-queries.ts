// Read side of postings and clusters for the API: one card per deduplicated job.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { ACTIVE_CLUSTER } from './core.js';
import { queryRows } from './db.js';

export interface JobFilter {
  /** Also jobs no source lists any more. */
  includeInactive?: boolean;
  q?: string;
  skill?: string;
  scope?: string;
  seniority?: string;
  language?: string;
  limit: number;
  offset: number;
}

const CARD_COLUMNS = `c.id AS "clusterId", ${ACTIVE_CLUSTER} AS active, c.title, c.company, c.member_count AS "sources", c.first_seen_at::VARCHAR AS "firstSeenAt",
  p.location, p.remote_scope AS "remoteScope", p.seniority, p.language, p.skills,
  p.salary_usd_month_min AS "salaryUsdMonthMin", p.salary_usd_month_max AS "salaryUsdMonthMax",
  p.salary_brl_month_min AS "salaryBrlMonthMin", p.salary_brl_month_max AS "salaryBrlMonthMax"`;

/** Newest first; every filter is a bound parameter, never spliced into the SQL text. */
export async function listJobs(conn: DuckDBConnection, f: JobFilter): Promise<Record<string, unknown>[]> {
  const where: string[] = [];
  const params: DuckDBValue[] = [];
  const bind = (value: DuckDBValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (!f.includeInactive) where.push(ACTIVE_CLUSTER);
  if (f.q) where.push(`(c.title ILIKE ${bind(`%${f.q}%`)} OR c.company ILIKE $${params.length})`);
  if (f.skill) where.push(`list_contains(p.skills, ${bind(f.skill)})`);
  if (f.scope) where.push(`p.remote_scope = ${bind(f.scope)}`);
  if (f.seniority) where.push(`p.seniority = ${bind(f.seniority)}`);
  if (f.language) where.push(`p.language = ${bind(f.language)}`);
  return queryRows(
    conn,
    `SELECT ${CARD_COLUMNS}
     FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.first_seen_at DESC, c.id
     LIMIT ${bind(f.limit)} OFFSET ${bind(f.offset)}`,
    params,
  );
}

/** A job with every normalized field, the evidence each came from, and every place to apply. */
export async function getJob(conn: DuckDBConnection, clusterId: string): Promise<Record<string, unknown> | null> {
  const [job] = await queryRows<Record<string, unknown>>(
    conn,
    `SELECT ${CARD_COLUMNS}, p.description_text AS "description", p.remote_countries AS "remoteCountries",
            p.location_countries AS "locationCountries", p.location_cities AS "locationCities",
            p.tz_min_utc_offset AS "tzMinUtcOffset", p.tz_max_utc_offset AS "tzMaxUtcOffset",
            p.years_required AS "yearsRequired", p.employment_type AS "employmentType", p.contract_type AS "contractType",
            p.salary_text AS "salaryText", p.salary_min AS "salaryMin", p.salary_max AS "salaryMax",
            p.salary_currency AS "salaryCurrency", p.salary_period AS "salaryPeriod", p.fx_date::VARCHAR AS "fxDate",
            p.skills_required AS "skillsRequired", p.skills_nice AS "skillsNice",
            p.quality_ok AS "qualityOk", p.quality_flags::VARCHAR AS "qualityFlags", p.evidence::VARCHAR AS "evidence"
     FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
     WHERE c.id = $1`,
    [clusterId],
  );
  if (!job) return null;
  const members = await queryRows(
    conn,
    `SELECT p.source_id AS "sourceId", s.name AS "sourceName", p.title, p.apply_url AS "applyUrl",
            p.posted_at::VARCHAR AS "postedAt", m.matched_by AS "matchedBy"
     FROM cluster_members m JOIN postings p ON p.id = m.posting_id JOIN sources s ON s.id = p.source_id
     WHERE m.cluster_id = $1 ORDER BY m.added_at, p.id`,
    [clusterId],
  );
  return {
    ...job,
    evidence: JSON.parse(job.evidence as string) as unknown,
    qualityFlags: job.qualityFlags ? (JSON.parse(job.qualityFlags as string) as unknown) : null,
    members,
  };
}
