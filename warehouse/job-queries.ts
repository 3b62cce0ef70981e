// Read side of postings and clusters for the API: one card per deduplicated job.
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { NormalizedPosting } from '../activities/normalize/normalize-posting.js';
import { ACTIVE_CLUSTER, sourceVisibleTo, visibleTo } from './core.js';
import { queryRows } from './db.js';
import type { QueryTerms } from './search-words.js';

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
  /** Who asks (absent or null: signed out): jobs found only on other users' own sources are left out. */
  viewer?: string | null;
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

/**
 * Every source of each given job the viewer may see (public sources and their own), so a card
 * shows the places to apply and counts only those (one query for the whole page).
 */
export async function withSources<T extends { clusterId: string; sources: number }>(conn: DuckDBConnection, cards: T[], viewer: string | null): Promise<(T & { members: JobSource[] })[]> {
  if (cards.length === 0) return [];
  const rows = await queryRows<JobSource & { clusterId: string }>(
    conn,
    `SELECT ${MEMBER_COLUMNS}
     FROM cluster_members m JOIN postings p ON p.id = m.posting_id JOIN sources s ON s.id = p.source_id
     WHERE list_contains($1, m.cluster_id) AND ${sourceVisibleTo('$2::VARCHAR')} ORDER BY m.added_at, p.id`,
    [listValue(cards.map((c) => c.clusterId)), viewer],
  );
  const byCluster = new Map<string, JobSource[]>();
  for (const { clusterId, ...member } of rows) {
    const members = byCluster.get(clusterId) ?? [];
    members.push(member);
    byCluster.set(clusterId, members);
  }
  return cards.map((card) => {
    const members = byCluster.get(card.clusterId) ?? [];
    return { ...card, sources: members.length, members };
  });
}

/** Newest first; every filter is a bound parameter, never spliced into the SQL text. */
export async function listJobs(conn: DuckDBConnection, f: JobFilter): Promise<JobCard[]> {
  const where: string[] = [];
  const params: DuckDBValue[] = [];
  const bind = (value: DuckDBValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  where.push(visibleTo('c.visible_to', `${bind(f.viewer ?? null)}::VARCHAR`));
  if (!f.includeInactive) where.push(ACTIVE_CLUSTER);
  // The text is matched literally: LIKE's own wildcards in it are escaped.
  if (f.q) where.push(`(c.title ILIKE ${bind(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`)} ESCAPE '\\' OR c.company ILIKE $${params.length} ESCAPE '\\')`);
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
  return withSources(conn, cards, f.viewer ?? null);
}

/**
 * A job with every normalized field, the evidence each came from, and every place to apply; null
 * when there is none the viewer may see (null viewer: signed out).
 */
export async function getJob(conn: DuckDBConnection, clusterId: string, viewer: string | null = null): Promise<JobDetail | null> {
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
     WHERE c.id = $1 AND ${visibleTo('c.visible_to', '$2::VARCHAR')}`,
    [clusterId, viewer],
  );
  if (!job) return null;
  const [withMembers] = await withSources(conn, [job], viewer);
  return {
    ...job,
    evidence: JSON.parse(job.evidence) as NormalizedPosting['evidence'],
    qualityFlags: job.qualityFlags ? (JSON.parse(job.qualityFlags) as NormalizedPosting['quality']['flags']) : null,
    sources: withMembers?.sources ?? 0,
    members: withMembers?.members ?? [],
  };
}

/** Where a search page ends: the sort key of its last job, from which the next page continues. */
export type SearchKey = { sort: 'date'; firstSeenUs: number; clusterId: string } | { sort: 'match'; score: number; clusterId: string };

export interface JobSearch {
  /** Who asks (absent or null: signed out): jobs found only on other users' own sources are left out. */
  viewer?: string | null;
  /** Words every job must contain (title, company or description); see search-words.ts. */
  text?: QueryTerms;
  /** Every one of these skills. */
  skills?: string[];
  /** Only jobs someone living in Latin America may take (the default), or any. */
  latamOnly: boolean;
  scopes?: string[];
  /** Open to someone living in one of these countries (ISO 3166-1 alpha-2). */
  countries?: string[];
  seniority?: string[];
  contractTypes?: string[];
  languages?: string[];
  /** Monthly pay reaching this amount, in the USD or BRL columns (other currencies are converted to USD first). */
  salaryFloor?: { column: 'usd' | 'brl'; amount: number };
  /** First seen at or after this instant (epoch microseconds). */
  postedSinceUs?: number;
  /** Listed by at least one of these sources. */
  sources?: string[];
  includeInactive?: boolean;
  sort: 'date' | 'match';
  /** The caller's scores from this matcher version: the score on each card, and for the match sort the jobs it scored, best first. */
  scoredFor?: { userId: string; modelVersion: string } | null;
  after?: SearchKey | null;
  limit: number;
}

export interface SearchCard extends JobCard {
  /** The caller's match score, when signed in and scored. */
  score: number | null;
}

const SALARY_COLUMNS = { usd: 'coalesce(d.salary_usd_month_max, d.salary_usd_month_min)', brl: 'coalesce(d.salary_brl_month_max, d.salary_brl_month_min)' };

/**
 * One page of the search read model (warehouse/search-index.ts), newest or best match first, after
 * `after`'s key. Every value is a bound parameter; lists become one placeholder per value, which
 * DuckDB turns into filters its zone maps can use.
 */
export async function searchJobs(conn: DuckDBConnection, f: JobSearch): Promise<{ items: SearchCard[]; next: SearchKey | null }> {
  const params: DuckDBValue[] = [];
  const bind = (value: DuckDBValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const anyOf = (values: string[], test: (placeholder: string) => string) => `(${values.map((v) => test(bind(v))).join(' OR ')})`;
  const viewer = f.viewer ?? null;
  // A source the viewer may not see filters nothing in: it would tell which jobs it lists.
  const sources = f.sources?.length ? await visibleSourceIds(conn, f.sources, viewer) : undefined;
  if (sources?.length === 0) return { items: [], next: null };
  const where: string[] = [visibleTo('d.visible_to', `${bind(viewer)}::VARCHAR`)];
  if (!f.includeInactive) where.push('d.active');
  if (f.latamOnly) where.push('d.latam_open');
  if (f.scopes?.length) where.push(`d.remote_scope IN (${f.scopes.map(bind).join(', ')})`);
  if (f.countries?.length) where.push(`(d.remote_scope = 'global' OR ${anyOf(f.countries, (c) => `list_contains(d.remote_countries, ${c})`)})`);
  if (f.seniority?.length) where.push(`d.seniority IN (${f.seniority.map(bind).join(', ')})`);
  if (f.contractTypes?.length) where.push(`d.contract_type IN (${f.contractTypes.map(bind).join(', ')})`);
  if (f.languages?.length) where.push(`d.language IN (${f.languages.map(bind).join(', ')})`);
  for (const skill of f.skills ?? []) where.push(`list_contains(d.skills, ${bind(skill)})`);
  if (sources?.length) where.push(anyOf(sources, (s) => `list_contains(d.source_ids, ${s})`));
  if (f.salaryFloor) where.push(`${SALARY_COLUMNS[f.salaryFloor.column]} >= ${bind(f.salaryFloor.amount)}`);
  if (f.postedSinceUs !== undefined) where.push(`d.first_seen_us >= ${bind(f.postedSinceUs)}`);
  const lookups = [
    ...(f.text?.exact ?? []).map((word) => `SELECT doc_id FROM search_terms WHERE token = ${bind(word)}`),
    // Words are made of [a-z0-9+#], all below "~": [prefix, prefix~) holds exactly the words starting with it.
    ...(f.text?.prefix ? [`SELECT doc_id FROM search_terms WHERE token >= ${bind(f.text.prefix)} AND token < ${bind(`${f.text.prefix}~`)}`] : []),
  ];
  if (lookups.length) where.push(`d.doc_id IN (${lookups.join(' INTERSECT ')})`);

  const scored = f.sort === 'match' ? f.scoredFor : null;
  if (f.sort === 'match' && !scored) throw new Error('sorting by match needs the caller\'s scores');
  const sortKey = scored ? 'm.score' : 'd.first_seen_us';
  if (f.after) {
    const key = bind(f.after.sort === 'match' ? f.after.score : f.after.firstSeenUs);
    where.push(`(${sortKey} < ${key} OR (${sortKey} = ${key} AND d.cluster_id > ${bind(f.after.clusterId)}))`);
  }
  // Sorted by match, the caller's scored jobs drive the query (a few thousand rows), not every job.
  const from = scored ? `matches m JOIN search_docs d ON d.cluster_id = m.cluster_id` : 'search_docs d';
  if (scored) where.push(`m.user_id = ${bind(scored.userId)} AND m.model_version = ${bind(scored.modelVersion)}`);
  // Ids and sort keys first, then the cards of that page alone: reading every column of every
  // matching job before the top-N cost ten to thirty times more.
  const keys = await queryRows<{ clusterId: string; key: number }>(
    conn,
    `SELECT d.cluster_id AS "clusterId", ${sortKey} AS key
     FROM ${from}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${sortKey} DESC, d.cluster_id
     LIMIT ${bind(f.limit + 1)}`,
    params,
  );
  const page = keys.slice(0, f.limit);
  const cards = await searchCardsById(conn, page.map((k) => k.clusterId), viewer);
  // A job's row is only ever updated, never deleted, and the page is of jobs the viewer may see, so every id of the page has its card.
  const items: SearchCard[] = page.flatMap((k) => {
    const card = cards.get(k.clusterId);
    return card ? [{ ...card, score: scored ? k.key : null }] : [];
  });
  const last = page.at(-1);
  const next: SearchKey | null =
    keys.length > f.limit && last
      ? scored
        ? { sort: 'match', score: last.key, clusterId: last.clusterId }
        : { sort: 'date', firstSeenUs: last.key, clusterId: last.clusterId }
      : null;
  if (f.scoredFor && !scored) await attachScores(conn, items, f.scoredFor);
  return { items, next };
}

/** The card's columns over the search read model `d`, as CARD_COLUMNS names them. */
const SEARCH_CARD_COLUMNS = `d.cluster_id AS "clusterId", d.active, d.title, d.company, d.member_count AS "sources",
  d.first_seen_at::VARCHAR AS "firstSeenAt", d.location, d.remote_scope AS "remoteScope",
  d.seniority, d.language, d.skills, d.salary_usd_month_min AS "salaryUsdMonthMin", d.salary_usd_month_max AS "salaryUsdMonthMax",
  d.salary_brl_month_min AS "salaryBrlMonthMin", d.salary_brl_month_max AS "salaryBrlMonthMax", d.members::VARCHAR AS members`;

/** The caller's scores for the cards of a date-sorted page: a lookup of these jobs only. */
async function attachScores(conn: DuckDBConnection, items: SearchCard[], who: { userId: string; modelVersion: string }): Promise<void> {
  if (items.length === 0) return;
  const rows = await queryRows<{ clusterId: string; score: number }>(
    conn,
    `SELECT cluster_id AS "clusterId", score FROM matches
     WHERE user_id = $1 AND model_version = $2 AND cluster_id IN (SELECT unnest($3::VARCHAR[]))`,
    [who.userId, who.modelVersion, listValue(items.map((item) => item.clusterId))],
  );
  const scores = new Map(rows.map((r) => [r.clusterId, r.score]));
  for (const item of items) item.score = scores.get(item.clusterId) ?? null;
}

// Past some fifty ids DuckDB stops looking them up and reads every column of every job instead
// (20 ids: 4 ms, 130: 170 ms at 100,000 jobs), so lookups by id go in slices of this many; past
// ten slices one read of everything is the cheaper way again.
const IDS_PER_LOOKUP = 50;

function slices(ids: string[]): string[][] {
  if (ids.length > 10 * IDS_PER_LOOKUP) return [ids];
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) out.push(ids.slice(i, i + IDS_PER_LOOKUP));
  return out;
}

/** A job's row of the search read model as cached and shown: the card of every viewer, before their visibility rules. */
export interface SearchDoc extends JobCard {
  /** Null: public; else the only users who may see it (those whose sources found it). */
  visibleTo: string[] | null;
  contractType: string | null;
}

/**
 * Rows of the given jobs from the search read model, by id, whoever may see them: a list of
 * matches shows these, after cardFor.
 */
export async function searchDocsById(conn: DuckDBConnection, clusterIds: string[]): Promise<SearchDoc[]> {
  const found: SearchDoc[] = [];
  for (const ids of slices(clusterIds)) {
    const rows = await queryRows<Omit<SearchDoc, 'members'> & { members: string }>(
      conn,
      `SELECT ${SEARCH_CARD_COLUMNS}, d.visible_to AS "visibleTo", d.contract_type AS "contractType" FROM search_docs d
       WHERE d.cluster_id IN (SELECT unnest($1::VARCHAR[]))`,
      [listValue(ids)],
    );
    for (const { members, ...doc } of rows) found.push({ ...doc, members: JSON.parse(members) as JobSource[] });
  }
  return found;
}

/**
 * A job's card as the viewer sees it (null viewer: signed out), or null when they may not see the
 * job: only the places to apply on sources they may see, and counting only those.
 */
export function cardFor(doc: SearchDoc, viewer: string | null, sourceShown: (sourceId: string) => boolean): JobCard | null {
  if (doc.visibleTo !== null && (viewer === null || !doc.visibleTo.includes(viewer))) return null;
  const members = doc.members.filter((m) => sourceShown(m.sourceId));
  return {
    clusterId: doc.clusterId,
    active: doc.active,
    title: doc.title,
    company: doc.company,
    sources: members.length,
    firstSeenAt: doc.firstSeenAt,
    location: doc.location,
    remoteScope: doc.remoteScope,
    seniority: doc.seniority,
    language: doc.language,
    skills: doc.skills,
    salaryUsdMonthMin: doc.salaryUsdMonthMin,
    salaryUsdMonthMax: doc.salaryUsdMonthMax,
    salaryBrlMonthMin: doc.salaryBrlMonthMin,
    salaryBrlMonthMax: doc.salaryBrlMonthMax,
    members,
  };
}

/**
 * Cards of the given jobs from the search read model, by id (what a list of matches shows): those
 * the viewer may see, each with the places to apply the viewer may see and counting only those.
 */
export async function searchCardsById(conn: DuckDBConnection, clusterIds: string[], viewer: string | null): Promise<Map<string, JobCard>> {
  const found = await searchDocsById(conn, clusterIds);
  const shown = new Set(await visibleSourceIds(conn, [...new Set(found.flatMap((doc) => doc.members.map((m) => m.sourceId)))], viewer));
  const cards = new Map<string, JobCard>();
  for (const doc of found) {
    const card = cardFor(doc, viewer, (id) => shown.has(id));
    if (card) cards.set(card.clusterId, card);
  }
  return cards;
}

/** Every source with its owner (null: a public source), for deciding visibility without a query per request. */
export async function sourceOwners(conn: DuckDBConnection): Promise<Map<string, string | null>> {
  const rows = await queryRows<{ id: string; owner: string | null }>(conn, 'SELECT id, owner_user_id AS owner FROM sources');
  return new Map(rows.map((r) => [r.id, r.owner]));
}

/** Which of the given sources the viewer may see (public ones and their own), in the order given. */
async function visibleSourceIds(conn: DuckDBConnection, sourceIds: string[], viewer: string | null): Promise<string[]> {
  if (sourceIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(conn, `SELECT s.id FROM sources s WHERE s.id IN (SELECT unnest($1::VARCHAR[])) AND ${sourceVisibleTo('$2::VARCHAR')}`, [
    listValue(sourceIds),
    viewer,
  ]);
  const visible = new Set(rows.map((r) => r.id));
  return sourceIds.filter((id) => visible.has(id));
}

/** Which of the given jobs some source still lists (the read model's flag) with a contract among those accepted (none given: any); narrow columns, so cheap for many ids. */
export async function activeClusterIds(conn: DuckDBConnection, clusterIds: string[], acceptedContracts: readonly string[] = []): Promise<Set<string>> {
  const active = new Set<string>();
  for (const ids of slices(clusterIds)) {
    // A job whose contract is not stated stays: most postings do not say.
    const contract = acceptedContracts.length ? 'AND (contract_type IS NULL OR list_contains($2::VARCHAR[], contract_type))' : '';
    const rows = await queryRows<{ id: string }>(
      conn,
      `SELECT cluster_id AS id FROM search_docs WHERE cluster_id IN (SELECT unnest($1::VARCHAR[])) AND active ${contract}`,
      acceptedContracts.length ? [listValue(ids), listValue([...acceptedContracts])] : [listValue(ids)],
    );
    for (const row of rows) active.add(row.id);
  }
  return active;
}
