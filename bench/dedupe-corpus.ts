// The generated corpus in a throwaway warehouse, and scores of a clustering against its ground truth.
//
// Postings are written with the fields normalize would have derived for dedupe (canonical URL and
// content hash through the same functions), without running normalize itself: that is
// bench/normalize.ts's subject, and at a million postings it would take longer than dedupe.
import type { DuckDBConnection } from '@duckdb/node-api';
import { canonicalUrl } from '../activities/dedupe/canonical-url.js';
import { postingContentHash } from '../activities/dedupe/content-hash.js';
import type { Warehouse } from '../warehouse/db.js';
import type { CorpusPosting, PostingKind } from './corpus.js';

const COLUMNS = `id VARCHAR, source_id VARCHAR, external_id VARCHAR, title VARCHAR, company VARCHAR, location VARCHAR, remote_scope VARCHAR,
  posted_at VARCHAR, apply_url VARCHAR, canonical_url VARCHAR, description_text VARCHAR, content_hash VARCHAR, job VARCHAR, kind VARCHAR`;

async function append(conn: DuckDBConnection, table: string, postings: Iterable<CorpusPosting>): Promise<void> {
  const appender = await conn.createAppender(table);
  const text = (value: string | null) => (value === null ? appender.appendNull() : appender.appendVarchar(value));
  for (const p of postings) {
    for (const value of [p.id, p.sourceId, p.externalId, p.title, p.company, p.location, p.remoteScope, p.postedAt, p.applyUrl, canonicalUrl(p.applyUrl)]) text(value);
    for (const value of [p.text, postingContentHash(p.title, p.company, p.text), p.truth.job, p.truth.kind]) text(value);
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * Writes the first `size` postings to `postings` and the rest to `bench_pending` (a later run's
 * batch, see publishPending); the ground truth of all goes to `bench_truth`.
 */
export async function loadCorpus(warehouse: Warehouse, postings: Iterable<CorpusPosting>, size: number): Promise<void> {
  await warehouse.withConnection(async (conn) => {
    await conn.run(`CREATE TABLE bench_posting_rows (${COLUMNS})`);
    await conn.run(`CREATE TABLE bench_pending (${COLUMNS})`);
    const iterator = postings[Symbol.iterator]();
    const take = function* (n: number) {
      for (let i = 0; i < n; i++) {
        const next = iterator.next();
        if (next.done) return;
        yield next.value;
      }
    };
    await append(conn, 'bench_posting_rows', take(size));
    await append(conn, 'bench_pending', take(Number.MAX_SAFE_INTEGER));
    await conn.run(`CREATE TABLE bench_truth AS SELECT id AS posting_id, job, kind FROM bench_posting_rows UNION ALL SELECT id, job, kind FROM bench_pending`);
    await insertPostings(conn, 'bench_posting_rows', 'bench-load');
    await conn.run('DROP TABLE bench_posting_rows');
  });
}

async function insertPostings(conn: DuckDBConnection, from: string, runId: string): Promise<void> {
  await conn.run(
    `INSERT INTO postings (id, source_id, external_id, raw_content_hash, title, company, location, remote_scope, posted_at, apply_url,
                           canonical_url, description_text, skills, evidence, content_hash, run_id, normalized_at)
     SELECT id, source_id, external_id, content_hash, title, company, location, remote_scope, posted_at::TIMESTAMPTZ, apply_url,
            canonical_url, description_text, [], '{}', content_hash, $1, now()
     FROM ${from}`,
    [runId],
  );
}

/** Moves the pending batch into `postings`, as normalize would after the next ingest; returns its size. */
export async function publishPending(warehouse: Warehouse): Promise<number> {
  return warehouse.withConnection(async (conn) => {
    await insertPostings(conn, 'bench_pending', 'bench-next');
    const reader = await conn.runAndReadAll('SELECT count(*) FROM bench_pending');
    await conn.run('DELETE FROM bench_pending');
    return Number(reader.getRows()[0]?.[0]);
  });
}

/** One posting's predicted cluster and its ground truth, in publication order. */
export interface Labelled {
  cluster: string;
  job: string;
  kind: PostingKind;
}

export async function clusteredWithTruth(warehouse: Warehouse): Promise<Labelled[]> {
  return warehouse.withConnection(async (conn) => {
    const result = await conn.stream(
      `SELECT m.cluster_id, t.job, t.kind FROM cluster_members m JOIN bench_truth t ON t.posting_id = m.posting_id
       JOIN postings p ON p.id = m.posting_id ORDER BY p.posted_at, p.id`,
    );
    const rows: Labelled[] = [];
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return rows;
      const [cluster, job, kind] = [0, 1, 2].map((i) => chunk.getColumnVector(i));
      for (let r = 0; r < chunk.rowCount; r++) rows.push({ cluster: cluster!.getItem(r) as string, job: job!.getItem(r) as string, kind: kind!.getItem(r) as PostingKind });
    }
  });
}

const pairs = (sizes: Iterable<number>) => {
  let n = 0;
  for (const size of sizes) n += (size * (size - 1)) / 2;
  return n;
};

/**
 * Pairwise precision and recall of a clustering (a pair is predicted when both postings share a
 * cluster, true when they share a job), how often each kind of copy joined its job's first posting,
 * and how many jobs of each kind were folded into another job's cluster.
 */
export function scoreClusters(rows: readonly Labelled[]) {
  const cells = new Map<string, number>();
  const clusters = new Map<string, number>();
  const jobs = new Map<string, number>();
  for (const { cluster, job } of rows) {
    const cell = `${cluster}\u0000${job}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    clusters.set(cluster, (clusters.get(cluster) ?? 0) + 1);
    jobs.set(job, (jobs.get(job) ?? 0) + 1);
  }
  const tp = pairs(cells.values());
  const predicted = pairs(clusters.values());
  const actual = pairs(jobs.values());
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = actual === 0 ? 1 : tp / actual;

  const firstOfJob = new Map<string, string>();
  const jobOfCluster = new Map<string, string>();
  const copies: Record<string, { joined: number; of: number }> = {};
  const folded: Record<string, { folded: number; of: number }> = {};
  for (const { cluster, job, kind } of rows) {
    const first = firstOfJob.get(job);
    if (first === undefined) {
      firstOfJob.set(job, cluster);
      const owner = jobOfCluster.get(cluster);
      if (owner === undefined) jobOfCluster.set(cluster, job);
      const entry = (folded[kind] ??= { folded: 0, of: 0 });
      entry.of++;
      if (owner !== undefined && owner !== job) entry.folded++;
    } else {
      const entry = (copies[kind] ??= { joined: 0, of: 0 });
      entry.of++;
      if (first === cluster) entry.joined++;
    }
  }
  const round = (x: number) => Number(x.toFixed(4));
  return {
    postings: rows.length,
    truePairs: actual,
    predictedPairs: predicted,
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
    copyRecall: Object.fromEntries(Object.entries(copies).map(([kind, c]) => [kind, `${c.joined}/${c.of} (${((100 * c.joined) / c.of).toFixed(1)} %)`])),
    foldedIntoOtherJob: Object.fromEntries(Object.entries(folded).map(([kind, f]) => [kind, `${f.folded}/${f.of}`])),
  };
}
