import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATAM_COUNTRIES } from '../activities/normalize/geo.js';
import { Staging } from '../activities/staging.js';
import { useFixtureWarehouse } from '../cli/test-support/fixture-warehouse.js';
import { INACTIVE_AFTER_MISSED_RUNS, recordListings, splitClusterMember, upsertSource } from './core.js';
import { refreshSearchIndex } from './search-index.js';
import { STOP_WORDS, searchWords } from './search-words.js';

const fixture = useFixtureWarehouse();
const refresh = () => fixture.warehouse.transaction((conn) => refreshSearchIndex(conn, { latamCountries: LATAM_COUNTRIES }));
const docsWith = async (token: string) =>
  (await fixture.warehouse.query<{ cluster_id: string }>('SELECT d.cluster_id FROM search_terms t JOIN search_docs d USING (doc_id) WHERE t.token = $1 ORDER BY 1', [token])).map(
    (r) => r.cluster_id,
  );

describe('search index refresh', () => {
  it('indexes every job once, as a run sorted by word, and then only what changed', async () => {
    // The fixture's dedupe built the index from an empty one (see fixture-warehouse.ts).
    const [{ clusters } = { clusters: 0 }] = await fixture.warehouse.query<{ clusters: number }>('SELECT count(*) AS clusters FROM job_clusters');
    expect(await fixture.warehouse.query('SELECT count(*) AS n FROM search_docs WHERE active')).toEqual([{ n: clusters }]);
    expect(await fixture.warehouse.query('SELECT count(DISTINCT doc_id) AS n FROM search_terms')).toEqual([{ n: clusters }]);
    // Fewer jobs than a batch: one sorted run, with nothing to merge it with.
    const [state] = await fixture.warehouse.query<{ sorted: number; appended: number; runs: number; total: number }>(
      'SELECT sorted_rows AS sorted, appended_rows AS appended, appended_runs AS runs, (SELECT count(*) FROM search_terms) AS total FROM search_index_state',
    );
    expect(state).toEqual({ sorted: 0, appended: state?.total, runs: 1, total: state?.total });
    expect(state?.total).toBeGreaterThan(clusters * 10);
    const tokens = (await fixture.warehouse.query<{ token: string }>('SELECT token FROM search_terms ORDER BY rowid')).map((r) => r.token);
    expect(tokens).toEqual([...tokens].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Stop words are never indexed.
    expect(await docsWith('de')).toEqual([]);
    // Each job's words are its text's search words, each once, as a query cuts them.
    const docs = await fixture.warehouse.query<{ text: string; words: string[] }>(
      `SELECT d.title || ' ' || coalesce(d.company, '') || ' ' || p.description_text AS text, list(t.token ORDER BY t.token) AS words
       FROM search_docs d JOIN postings p ON p.id = d.posting_id JOIN search_terms t USING (doc_id) GROUP BY ALL`,
    );
    expect(docs).toHaveLength(clusters);
    for (const doc of docs) expect(doc.words).toEqual([...new Set(searchWords(doc.text))].filter((w) => !STOP_WORDS.has(w)).sort());

    // A job lists its places to apply oldest member first, and its sources once each, in order.
    const members = await fixture.warehouse.query<{ listed: string[]; expected: string[]; sources: string[]; expectedSources: string[] }>(
      `SELECT d.members->'$[*].postingId' AS listed, d.source_ids AS sources,
              (SELECT list(m.posting_id ORDER BY m.added_at, m.posting_id) FROM cluster_members m WHERE m.cluster_id = d.cluster_id) AS expected,
              (SELECT list(DISTINCT p.source_id ORDER BY p.source_id) FROM cluster_members m JOIN postings p ON p.id = m.posting_id WHERE m.cluster_id = d.cluster_id) AS expectedSources
       FROM search_docs d`,
    );
    expect(members.filter((m) => m.expected.length > 1 && new Set(m.expectedSources).size > 1).length).toBeGreaterThan(0);
    for (const m of members) expect([m.listed.map((id) => JSON.parse(id) as string), m.sources]).toEqual([m.expected, m.expectedSources]);
    expect(await refresh()).toEqual({ indexedDocs: 0, indexedTerms: 0, activityChanged: 0, resorted: 0 });
  });

  it('rebuilds a job whose canonical posting was normalized again, and forgets its old words', async () => {
    const [job] = await fixture.warehouse.query<{ cluster_id: string; posting_id: string }>(
      `SELECT cluster_id, posting_id FROM search_docs ORDER BY cluster_id LIMIT 1`,
    );
    await fixture.warehouse.query(`UPDATE postings SET description_text = 'Quokka wrangler wanted', normalized_at = now() WHERE id = $1`, [String(job?.posting_id)]);
    expect(await refresh()).toMatchObject({ indexedDocs: 1 });
    expect(await docsWith('quokka')).toEqual([job?.cluster_id]);
    const [{ n } = { n: -1 }] = await fixture.warehouse.query<{ n: number }>(
      'SELECT count(*) AS n FROM search_terms t JOIN search_docs d USING (doc_id) WHERE d.cluster_id = $1',
      [String(job?.cluster_id)],
    );
    // The title and company words plus the three new ones: nothing of the old description.
    expect(n).toBeLessThan(25);
  });

  it('follows listings that close, renamed sources and split clusters', async () => {
    const staging = new Staging(join(fixture.dir, 'staging'));
    const [gone] = await fixture.warehouse.query<{ cluster_id: string; source_id: string; external_id: string }>(
      `SELECT d.cluster_id, p.source_id, p.external_id FROM search_docs d JOIN postings p ON p.id = d.posting_id
       WHERE d.member_count = 1 AND p.source_id = 'demo-remotive' ORDER BY d.cluster_id LIMIT 1`,
    );
    const listed = await fixture.warehouse.query<{ external_id: string }>(`SELECT external_id FROM source_listings WHERE source_id = 'demo-remotive'`);
    for (let run = 0; run < INACTIVE_AFTER_MISSED_RUNS; run++) {
      await fixture.warehouse.withConnection((conn) => {
        const rows = listed.filter((l) => l.external_id !== gone?.external_id).map((l) => ({ source_id: 'demo-remotive', external_id: l.external_id }));
        return recordListings(conn, { stagedPath: staging.writeNdjson(staging.pathFor(`closing-${run}`, 'ingest', 'demo-remotive'), rows).path, sourceId: 'demo-remotive', complete: true });
      });
    }
    expect(await refresh()).toMatchObject({ indexedDocs: 0, activityChanged: 1 });
    expect(await fixture.warehouse.query('SELECT active FROM search_docs WHERE cluster_id = $1', [String(gone?.cluster_id)])).toEqual([{ active: false }]);

    await fixture.warehouse.withConnection((conn) =>
      upsertSource(conn, { id: 'demo-wwr', name: 'WWR renamed', kind: 'rss', adapter: 'rss', url: 'https://wwr.example/feed', enabled: true, timeoutMs: 1_000, maxBytes: 1_024 * 1_024 }),
    );
    const [{ wwrJobs } = { wwrJobs: 0 }] = await fixture.warehouse.query<{ wwrJobs: number }>(`SELECT count(*) AS "wwrJobs" FROM search_docs WHERE list_contains(source_ids, 'demo-wwr')`);
    expect(await refresh()).toMatchObject({ indexedDocs: wwrJobs });
    const names = await fixture.warehouse.query<{ name: string }>(
      `SELECT DISTINCT m->>'sourceName' AS name FROM search_docs, unnest(members::JSON[]) AS u(m) WHERE m->>'sourceId' = 'demo-wwr'`,
    );
    expect(names).toEqual([{ name: 'WWR renamed' }]);

    const [merged] = await fixture.warehouse.query<{ cluster_id: string; posting_id: string }>(
      `SELECT m.cluster_id, m.posting_id FROM cluster_members m WHERE m.matched_by <> 'first' ORDER BY m.posting_id LIMIT 1`,
    );
    const moved = await fixture.warehouse.transaction((conn) =>
      splitClusterMember(conn, { postingId: String(merged?.posting_id), newClusterId: () => `job_${String(merged?.posting_id)}`, runId: 'split' }),
    );
    expect(await refresh()).toMatchObject({ indexedDocs: 2 });
    const split = await fixture.warehouse.query<{ cluster_id: string; member_count: number }>(
      'SELECT cluster_id, member_count FROM search_docs WHERE cluster_id IN ($1, $2) ORDER BY cluster_id',
      [String(moved?.from), String(moved?.to)],
    );
    expect(split.map((d) => d.member_count)).toEqual([1, 1]);
  });

  it('appends each batch as a sorted run, and merges the runs into one sort once there are too many', async () => {
    const bytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const tokens = async () => (await fixture.warehouse.query<{ token: string }>('SELECT token FROM search_terms ORDER BY rowid')).map((r) => r.token);
    const state = () => fixture.warehouse.query('SELECT appended_runs AS runs, sorted_rows = (SELECT count(*) FROM search_terms) AS sorted FROM search_index_state');
    const touch = (n: number) => fixture.warehouse.query(`UPDATE postings SET normalized_at = now() WHERE id IN (SELECT posting_id FROM search_docs ORDER BY cluster_id LIMIT ${n})`);
    const [{ runs: before = 0 } = {}] = (await state()) as { runs?: number }[];
    // 8 jobs in batches of 3: three more runs, each sorted, the table as a whole not.
    await touch(8);
    const appended = await fixture.warehouse.transaction((conn) => refreshSearchIndex(conn, { latamCountries: LATAM_COUNTRIES, wordBatch: 3, maxRuns: before + 3 }));
    expect(appended).toMatchObject({ indexedDocs: 8, resorted: 0 });
    expect(await state()).toEqual([{ runs: before + 3, sorted: false }]);
    // In table order, the words go down only where a run starts (the fixture's build was the first run).
    const words = await tokens();
    const descents = words.filter((word, i) => i > 0 && bytes(word, words[i - 1] as string) < 0).length;
    expect(descents).toBeGreaterThan(0);
    expect(descents).toBeLessThanOrEqual(before + 3 - 1);
    // One run more than allowed: the whole table is sorted again.
    await touch(1);
    expect(await fixture.warehouse.transaction((conn) => refreshSearchIndex(conn, { latamCountries: LATAM_COUNTRIES, maxRuns: before + 3 }))).toMatchObject({ indexedDocs: 1, resorted: 1 });
    expect(await state()).toEqual([{ runs: 0, sorted: true }]);
    expect(await tokens()).toEqual([...(await tokens())].sort(bytes));
  });

  it('builds the same word index however many batches it is cut in, on this thread or on worker threads', async () => {
    const words = () => fixture.warehouse.query<{ cluster_id: string; token: string }>('SELECT d.cluster_id, t.token FROM search_terms t JOIN search_docs d USING (doc_id) ORDER BY ALL');
    const before = await words();
    expect(before.length).toBeGreaterThan(1000);
    // 7 jobs a batch: every batch but the last is cut while the one before is stored and the one after read.
    for (const cutting of [{ wordBatch: 7 }, { wordBatch: 7, threadsFrom: 0 }]) {
      await fixture.warehouse.transaction(async (conn) => {
        await conn.run('DELETE FROM search_terms');
        await conn.run('DELETE FROM search_docs');
        await conn.run('UPDATE search_index_state SET sorted_rows = 0, appended_rows = 0, appended_runs = 0');
        expect(await refreshSearchIndex(conn, { latamCountries: LATAM_COUNTRIES, ...cutting })).toMatchObject({ indexedTerms: before.length });
      });
      expect(await words()).toEqual(before);
    }
  });
});
