// Search read model (migration 017): search_docs, one row per job, and search_terms, the inverted
// index over its words. Refreshed incrementally by the dedupe stage, inside its transaction. A job's
// visibility (migration 018) changes only with its members, which moves the cluster's updated_at.
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { ACTIVE_CLUSTER } from './core.js';
import { queryRows } from './db.js';
import { WorkerPool } from '../activities/worker-pool.js';
import { indexedWords } from './search-words.js';

/**
 * Sorted runs appended since the last full sort that trigger a re-sort. A lookup reads a row group or
 * two of each run; a refresh appends a run per WORD_BATCH jobs, so a first build of 100,000 jobs
 * (ten runs) is left as it is, and a refresh every six hours re-sorts about weekly.
 */
const MAX_RUNS = 24;
/** Jobs whose words are cut and stored at a time, as one sorted run: bounds the memory of a first build over a million jobs. */
const WORD_BATCH = 10_000;
/** From this many jobs to (re)index, words are cut on worker threads: fewer are cut sooner than threads start. */
const THREADS_FROM = 5_000;
/** Jobs a thread cuts at a time. */
const THREAD_CHUNK = 1_000;
const WORDS_WORKER_URL = new URL('./search-words-worker.mjs', import.meta.url);

export interface SearchIndexCounts {
  [key: string]: number;
  /** Jobs (re)built: new, changed canonical posting, re-normalized, new member, renamed source. */
  indexedDocs: number;
  /** Words added to the inverted index for them. */
  indexedTerms: number;
  /** Jobs whose listed / no-longer-listed state changed. */
  activityChanged: number;
  /** 1 when the index was re-sorted. */
  resorted: number;
}

/**
 * Brings the read model up to date with the core tables: rebuilds the rows of jobs that changed
 * since they were indexed, re-reads every job's active state (listings change in ingest without
 * touching clusters), and re-sorts the word index when enough unsorted rows have piled up.
 */
export async function refreshSearchIndex(
  conn: DuckDBConnection,
  opts: {
    latamCountries: Iterable<string>;
    /** Jobs cut into words at a time (WORD_BATCH). */
    wordBatch?: number;
    /** Jobs to index from which their words are cut on worker threads (THREADS_FROM). */
    threadsFrom?: number;
    /** Runs since the last full sort that trigger a re-sort (MAX_RUNS). */
    maxRuns?: number;
  },
): Promise<SearchIndexCounts> {
  const renamedSources = await renamedSourceIds(conn);
  // The changed jobs' keys and the facts that need a window or a look at other tables, worked out on
  // these narrow rows: in the statement that builds the wide rows, DuckDB would hold all of those
  // (members' JSON included) to number them and to evaluate ACTIVE_CLUSTER per job.
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE search_changed AS
     SELECT c.id AS cluster_id, greatest(c.updated_at, p.normalized_at) AS changed_at, (row_number() OVER () - 1) // ${opts.wordBatch ?? WORD_BATCH} AS batch,
            coalesce(d.doc_id, (SELECT coalesce(max(doc_id), 0) FROM search_docs) + row_number() OVER (PARTITION BY d.doc_id IS NULL ORDER BY c.first_seen_at, c.id)) AS doc_id,
            ${ACTIVE_CLUSTER} AS active
     FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
     LEFT JOIN search_docs d ON d.cluster_id = c.id
     WHERE d.cluster_id IS NULL OR d.posting_id <> c.canonical_posting_id
        OR d.source_changed_at < greatest(c.updated_at, p.normalized_at) OR list_has_any(d.source_ids, $1::VARCHAR[])`,
    // Typed, since the list is usually empty.
    [listValue(renamedSources)],
    [LIST(VARCHAR)],
  );
  await conn.run(`DELETE FROM search_terms WHERE doc_id IN (SELECT d.doc_id FROM search_docs d JOIN search_changed USING (cluster_id))`);
  // Replaced rather than upserted: ON CONFLICT goes through a merge that holds every incoming row.
  await conn.run('DELETE FROM search_docs WHERE cluster_id IN (SELECT cluster_id FROM search_changed)');
  const indexedDocs = Number(
    (
      await conn.run(
        `INSERT INTO search_docs
         SELECT c.id, ch.doc_id, p.id, ch.changed_at, ch.active, epoch_us(c.first_seen_at), c.first_seen_at, c.title, c.company, p.location,
                c.member_count, p.remote_scope, p.remote_countries,
                p.remote_scope IN ('global', 'latam', 'americas', 'brazil') OR (p.remote_scope = 'countries' AND list_has_any(coalesce(p.remote_countries, []), $1::VARCHAR[])),
                p.seniority, p.language, p.contract_type, p.skills,
                p.salary_usd_month_min, p.salary_usd_month_max, p.salary_brl_month_min, p.salary_brl_month_max,
                mem.source_ids, mem.members, c.visible_to
         FROM search_changed ch JOIN job_clusters c ON c.id = ch.cluster_id JOIN postings p ON p.id = c.canonical_posting_id
         -- Lists sorted after they are built: an ORDER BY inside the aggregate sorts per group, at three times the cost.
         JOIN (SELECT m.cluster_id, list_sort(list_distinct(list(p.source_id))) AS source_ids,
                      to_json(list_transform(list_sort(list({addedAt: m.added_at, id: p.id, member: {
                                    postingId: p.id, sourceId: p.source_id, sourceName: s.name, title: p.title, applyUrl: p.apply_url,
                                    postedAt: p.posted_at::VARCHAR, matchedBy: m.matched_by}})), x -> x.member)) AS members
               FROM cluster_members m JOIN postings p ON p.id = m.posting_id JOIN sources s ON s.id = p.source_id
               WHERE m.cluster_id IN (SELECT cluster_id FROM search_changed)
               GROUP BY m.cluster_id) mem ON mem.cluster_id = c.id`,
        [listValue([...opts.latamCountries])],
      )
    ).rowsChanged,
  );
  const [{ batches } = { batches: 0 }] = await queryRows<{ batches: number }>(conn, 'SELECT count(DISTINCT batch) AS batches FROM search_changed');
  const indexed = await indexWords(conn, batches, { onThreads: indexedDocs >= (opts.threadsFrom ?? THREADS_FROM) });
  const activityChanged = Number(
    (
      await conn.run(
        `UPDATE search_docs d SET active = NOT d.active
         FROM (SELECT c.id, ${ACTIVE_CLUSTER} AS active FROM job_clusters c) live
         WHERE live.id = d.cluster_id AND live.active <> d.active`,
      )
    ).rowsChanged,
  );
  const resorted = await resortIfNeeded(conn, indexed, opts.maxRuns ?? MAX_RUNS);
  await conn.run(
    `UPDATE search_index_state SET refreshed_at = now(),
       source_names = (SELECT coalesce(json_group_object(id, name), '{}') FROM sources)`,
  );
  await conn.run('DROP TABLE search_changed');
  return { indexedDocs, indexedTerms: indexed.rows, activityChanged, resorted };
}

/**
 * Cuts the changed jobs into words here, with the function queries use (so indexed and queried words
 * cannot differ), and stores each job's distinct words, a batch at a time. In TypeScript rather than
 * SQL: DuckDB's regex split costs four times the CPU. A batch is cut (on worker threads when asked, else on
 * this thread) while DuckDB stores the one before and reads the one after.
 */
async function indexWords(conn: DuckDBConnection, batches: number, opts: { onThreads: boolean }): Promise<{ rows: number; runs: number }> {
  const threads = opts.onThreads ? new WorkerPool<string[], string[]>(WORDS_WORKER_URL) : null;
  const cutWords = async (texts: string[]) => {
    if (!threads) return texts.map(indexedWords);
    const chunks = Array.from({ length: Math.ceil(texts.length / THREAD_CHUNK) }, (_, i) => texts.slice(i * THREAD_CHUNK, (i + 1) * THREAD_CHUNK));
    return (await threads.map(chunks)).flat();
  };
  const indexed = { rows: 0, runs: 0 };
  const store = async (jobs: { docIds: number[]; words: string[] }) => {
    const rows = await storeWords(conn, jobs);
    indexed.rows += rows;
    if (rows > 0) indexed.runs += 1;
  };
  try {
    let batch = batches > 0 ? await readBatch(conn, 0) : null;
    let cut: { docIds: number[]; words: string[] } | null = null;
    for (let next = 1; batch; next++) {
      const previous = cut;
      // One statement at a time on the connection, all while the batch in hand is cut.
      const warehouseWork = (async () => {
        if (previous) await store(previous);
        return next < batches ? readBatch(conn, next) : null;
      })();
      try {
        cut = { docIds: batch.docIds, words: await cutWords(batch.texts) };
      } finally {
        batch = await warehouseWork;
      }
    }
    if (cut) await store(cut);
    return indexed;
  } finally {
    await threads?.close();
  }
}

async function readBatch(conn: DuckDBConnection, batch: number): Promise<{ docIds: number[]; texts: string[] }> {
  const reader = await conn.runAndReadAll(
    `SELECT d.doc_id, d.title || ' ' || coalesce(d.company, '') || ' ' || p.description_text
     FROM search_changed ch JOIN search_docs d USING (cluster_id) JOIN postings p ON p.id = d.posting_id
     WHERE ch.batch = $1`,
    [batch],
  );
  const [docIds = [], texts = []] = reader.getColumns() as [number[], string[]];
  return { docIds, texts };
}

/** Appends the jobs' words as one run sorted by word (DuckDB keeps an insert's order). */
async function storeWords(conn: DuckDBConnection, jobs: { docIds: number[]; words: string[] }): Promise<number> {
  if (jobs.docIds.length === 0) return 0;
  const inserted = await conn.run(
    `INSERT INTO search_terms
     SELECT unnest(string_split(words, ' ')) AS token, doc_id
     FROM (SELECT unnest($1::INTEGER[]) AS doc_id, unnest($2::VARCHAR[]) AS words) WHERE words <> ''
     ORDER BY token`,
    [listValue(jobs.docIds), listValue(jobs.words)],
  );
  return Number(inserted.rowsChanged);
}

/**
 * Copies the given jobs' visibility from job_clusters at once: an operator's split can make a job
 * private between pipeline runs, and search must not show it to others until the next refresh.
 */
export async function syncVisibility(conn: DuckDBConnection, clusterIds: string[]): Promise<void> {
  await conn.run(
    `UPDATE search_docs d SET visible_to = c.visible_to FROM job_clusters c
     WHERE c.id = d.cluster_id AND d.cluster_id IN (SELECT unnest($1::VARCHAR[])) AND d.visible_to IS DISTINCT FROM c.visible_to`,
    [listValue(clusterIds)],
  );
}

/** Sources whose name changed since the last refresh: the members of their jobs show the name. */
async function renamedSourceIds(conn: DuckDBConnection): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    conn,
    `SELECT s.id FROM sources s, search_index_state st WHERE (st.source_names ->> s.id) IS DISTINCT FROM s.name`,
  );
  return rows.map((r) => r.id);
}

/**
 * Rewrites the word index in token order once more than `maxRuns` sorted runs have been appended
 * since the last full sort.
 */
async function resortIfNeeded(conn: DuckDBConnection, appended: { rows: number; runs: number }, maxRuns: number): Promise<number> {
  await conn.run('UPDATE search_index_state SET appended_rows = appended_rows + $1, appended_runs = appended_runs + $2', [appended.rows, appended.runs]);
  const [state] = await queryRows<{ runs: number }>(conn, 'SELECT appended_runs AS runs FROM search_index_state');
  if (!state || state.runs <= maxRuns) return 0;
  // By word alone: readers sort a word's jobs themselves, and a second key costs the sort an eighth more.
  await conn.run('CREATE TABLE search_terms_sorted AS SELECT token, doc_id FROM search_terms ORDER BY token');
  await conn.run('DROP TABLE search_terms');
  await conn.run('ALTER TABLE search_terms_sorted RENAME TO search_terms');
  await conn.run('UPDATE search_index_state SET sorted_rows = (SELECT count(*) FROM search_terms), appended_rows = 0, appended_runs = 0');
  return 1;
}
