// Read side of postings and clusters for the API: one card per deduplicated job.
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { NormalizedPosting } from '../activities/normalize/normalize-posting.js';
import { ACTIVE_CLUSTER } from './core.js';
import { queryRows } from './db.js';

/** One place a job is listed: the board, the posting there and where to apply. */
export interface JobSource {
  postingId: string;
  sourceId: string;
  sourceName: string;
  title: string;
  applyUrl: string | null;
  postedAt: string | null;
  matchedBy: string;
}

/** One deduplicated job as a card: its canonical posting's fields and every source that lists it. */
export interface JobCard {
  clusterId: string;
  active: boolean;
  title: string;
  company: string | null;
  /** How many postings (sources) the job has. */
  sources: number;
  firstSeenAt: string;
  location: string | null;
  remoteScope: NormalizedPosting['remote']['scope'];
  seniority: NormalizedPosting['seniority'];
  language: NormalizedPosting['language'];
  skills: string[];
  salaryUsdMonthMin: number | null;
  salaryUsdMonthMax: number | null;
  salaryBrlMonthMin: number | null;
  salaryBrlMonthMax: number | null;
  members: JobSource[];
}

export interface JobDetail extends JobCard {
  description: string;
  remoteCountries: string[] | null;
  locationCountries: string[] | null;
  locationCities: string[] | null;
  tzMinUtcOffset: number | null;
  tzMaxUtcOffset: number | null;
  yearsRequired: number | null;
  employmentType: NormalizedPosting['employmentType'];
  contractType: NormalizedPosting['contractType'];
  salaryText: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryPeriod: string | null;
  fxDate: string | null;
  skillsRequired: string[] | null;
  skillsNice: string[] | null;
  qualityOk: boolean | null;
  qualityFlags: NormalizedPosting['quality']['flags'] | null;
  evidence: NormalizedPosting['evidence'];
}

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

/** The card's columns over `job_clusters c JOIN postings p` (its canonical posting). */
export const CARD_COLUMNS = `c.id AS "clusterId", ${ACTIVE_CLUSTER} AS active, c.title, c.company, c.member_count AS "sources", c.first_seen_at::VARCHAR AS "firstSeenAt",
  p.location, p.remote_scope AS "remoteScope", p.seniority, p.language, p.skills,
  p.salary_usd_month_min AS "salaryUsdMonthMin", p.salary_usd_month_max AS "salaryUsdMonthMax",
  p.salary_brl_month_min AS "salaryBrlMonthMin", p.salary_brl_month_max AS "salaryBrlMonthMax"`;

const MEMBER_COLUMNS = `m.cluster_id AS "clusterId", p.id AS "postingId", p.source_id AS "sourceId", s.name AS "sourceName", p.title,
  p.apply_url AS "applyUrl", p.posted_at::VARCHAR AS "postedAt", m.matched_by AS "matchedBy"`;

/** Every source of each given job, so a card shows all the places to apply (one query for the whole page). */
export async function withSources<T extends { clusterId: string }>(conn: DuckDBConnection, cards: T[]): Promise<(T & { members: JobSource[] })[]> {
  if (cards.length === 0) return [];
  const rows = await queryRows<JobSource & { clusterId: string }>(
    conn,
    `SELECT ${MEMBER_COLUMNS}
     FROM cluster_members m JOIN postings p ON p.id = m.posting_id JOIN sources s ON s.id = p.source_id
     WHERE list_contains($1, m.cluster_id) ORDER BY m.added_at, p.id`,
    [listValue(cards.map((c) => c.clusterId))],
  );
  const byCluster = new Map<string, JobSource[]>();
  for (const { clusterId, ...member } of rows) {
    const members = byCluster.get(clusterId) ?? [];
    members.push(member);
    byCluster.set(clusterId, members);
  }
  return cards.map((card) => ({ ...card, members: byCluster.get(card.clusterId) ?? [] }));
}

/** Newest first; every filter is a bound parameter, never spliced into the SQL text. */
export async function listJobs(conn: DuckDBConnection, f: JobFilter): Promise<JobCard[]> {
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
  const cards = await queryRows<Omit<JobCard, 'members'>>(
    conn,
    `SELECT ${CARD_COLUMNS}
     FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.first_seen_at DESC, c.id
     LIMIT ${bind(f.limit)} OFFSET ${bind(f.offset)}`,
    params,
  );
  return withSources(conn, cards);
}

/** A job with every normalized field, the evidence each came from, and every place to apply. */
export async function getJob(conn: DuckDBConnection, clusterId: string): Promise<JobDetail | null> {
  const [job] = await queryRows<Omit<JobDetail, 'members' | 'evidence' | 'qualityFlags'> & { evidence: string; qualityFlags: string | null }>(
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
  const [withMembers] = await withSources(conn, [job]);
  return {
    ...job,
    evidence: JSON.parse(job.evidence) as NormalizedPosting['evidence'],
    qualityFlags: job.qualityFlags ? (JSON.parse(job.qualityFlags) as NormalizedPosting['quality']['flags']) : null,
    members: withMembers?.members ?? [],
  };
}
