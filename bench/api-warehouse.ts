// A warehouse at API-benchmark scale: N postings of the synthetic corpus (corpus.ts) through the real
// normalizer, clustered by the corpus's ground truth (the dedupe benchmark measures dedupe; running it
// here would only add minutes), listings that close as jobs age, and U users with profiles, live
// sessions and scored matches. Built once per size and reused from DATA_DIR/bench/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { clusterIdFor } from '../activities/dedupe/assign-clusters.js';
import { LATAM_COUNTRIES } from '../activities/normalize/geo.js';
import { NormalizePool } from '../activities/normalize/normalize-pool.js';
import { postingId } from '../activities/normalize/normalize-posting.js';
import { Staging } from '../activities/staging.js';
import { tokenHash } from '../api/auth/secrets.js';
import { PROJECT_ROOT, loadConfig } from '../cli/config.js';
import { seedDefaults } from '../cli/seed-defaults.js';
import { insertAccount, insertSession } from '../warehouse/accounts.js';
import { upsertProfile } from '../warehouse/app.js';
import { insertClusterMembers, refreshClusters, upsertPostings, upsertSource } from '../warehouse/core.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import { upsertMatches } from '../warehouse/ml.js';
import { refreshSearchIndex } from '../warehouse/search-index.js';
import { Corpus, Rand, rawNdjson, shiftToTodayMs, type CorpusPosting } from './corpus.js';
import { BOARDS, FAMILIES } from './corpus-vocab.js';

export interface BenchWarehouse {
  path: string;
  postings: number;
  users: number;
  /** Session token of bench user i (cookie `sid`). */
  sessionToken(i: number): string;
  /** Seconds each build step took (empty when a finished file was reused). */
  buildSeconds: Record<string, number>;
}

const CHUNK = 20_000;
/** Postings that go through the real normalizer; see loadPostings. */
const NORMALIZED_LIMIT = 100_000;
/** Listings of jobs posted longer ago than this have closed (their boards stopped listing them). */
const OPEN_DAYS = 120;
const SPAN_DAYS = 365;

/** The bench's users are fixed accounts whose session tokens the load generator derives, not secrets. */
export function benchSessionToken(i: number): string {
  return createHash('sha256').update(`bench-session-${i}`).digest('base64url');
}

const benchUserId = (i: number) => `bench-user-${String(i).padStart(5, '0')}`;

/** Builds (or reuses) the warehouse for `postings` postings and `users` users with `matchesPerUser` matches each. */
export async function benchWarehouse(opts: { postings: number; users: number; matchesPerUser: number; seed?: number }): Promise<BenchWarehouse> {
  const seed = opts.seed ?? 42;
  const dir = join(loadConfig().dataDir, 'bench');
  const path = join(dir, `api-${opts.postings}-${opts.users}-${opts.matchesPerUser}-${seed}.duckdb`);
  const result = { path, postings: opts.postings, users: opts.users, sessionToken: benchSessionToken, buildSeconds: {} as Record<string, number> };
  if (existsSync(path)) return result;
  mkdirSync(dir, { recursive: true });
  // A build interrupted after some steps continues with the next one (a million postings take an hour).
  const building = `${path}.building`;
  const warehouse = await Warehouse.open(building);
  const staging = new Staging(join(dir, 'staging'));
  const steps: [string, () => Promise<unknown>][] = [
    ['postings', () => loadPostings(warehouse, staging, opts.postings, seed)],
    ['searchIndex', () => warehouse.transaction((conn) => refreshSearchIndex(conn, { latamCountries: LATAM_COUNTRIES }))],
    ['users', () => loadUsers(warehouse, opts.users, seed)],
    ['matches', () => loadMatches(warehouse, staging, opts.users, opts.matchesPerUser, seed)],
  ];
  try {
    await migrate(warehouse);
    await warehouse.query('CREATE TABLE IF NOT EXISTS bench_build_steps (step VARCHAR PRIMARY KEY, seconds DOUBLE)');
    const previous = await warehouse.query<{ step: string; seconds: number }>('SELECT step, seconds FROM bench_build_steps');
    for (const { step, seconds } of previous) result.buildSeconds[step] = seconds;
    const done = new Set(previous.map((r) => r.step));
    if (done.size === 0) {
      await seedDefaults(warehouse, { projectRoot: PROJECT_ROOT, sources: [], demoProfile: false });
      await warehouse.withConnection(async (conn) => {
        for (const board of [...BOARDS, 'aggregator']) {
          await upsertSource(conn, { id: board, name: board, kind: 'json_api', adapter: 'remotive', url: `https://${board}.example/jobs`, enabled: false, timeoutMs: 10_000, maxBytes: 1_048_576 });
        }
      });
    }
    for (const [step, run] of steps) {
      if (done.has(step)) continue;
      const started = performance.now();
      await run();
      const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
      result.buildSeconds[step] = seconds;
      await warehouse.query('INSERT INTO bench_build_steps VALUES ($1, $2)', [step, seconds]);
      console.log(`  built ${step} in ${seconds} s`);
    }
    await warehouse.query('CHECKPOINT');
  } finally {
    warehouse.close();
    rmSync(join(dir, 'staging'), { recursive: true, force: true });
  }
  renameSync(building, path);
  return result;
}

/**
 * Postings in chunks: normalize on the worker pool, stage, load; cluster members from the corpus's
 * truth. At most NORMALIZED_LIMIT postings go through the normalizer (some 0.6 ms of CPU each,
 * so a million would add ten minutes to the build); a larger warehouse holds the first NORMALIZED_LIMIT postings of
 * the larger corpus plus copies of them, each copy with new ids and moved later in time, so the
 * year is covered with the same mix of titles, skills, companies and words.
 */
async function loadPostings(warehouse: Warehouse, staging: Staging, size: number, seed: number): Promise<void> {
  const corpus = new Corpus(size, seed);
  const normalized = Math.min(size, NORMALIZED_LIMIT);
  // The corpus spans a year from 2025-01-01; shift it so its last day is today (copies fill the rest of the year).
  const copies = Math.ceil(size / normalized) - 1;
  const copyDays = (SPAN_DAYS * normalized) / size;
  const shiftMs = shiftToTodayMs() + copies * copyDays * 86_400_000;
  // A build cut short goes on after its last loaded chunk.
  const [{ loaded } = { loaded: 0 }] = await warehouse.query<{ loaded: number }>("SELECT count(DISTINCT run_id) * $1 AS loaded FROM postings WHERE run_id LIKE 'bench-%'", [CHUNK]);
  const pool = new NormalizePool();
  const founders = new Map<string, string>();
  let seen = 0;
  let batch: CorpusPosting[] = [];
  const members = (chunk: typeof batch) =>
    chunk.map((p) => {
      const id = postingId(p.sourceId, p.externalId);
      const founder = founders.get(p.truth.job);
      if (founder === undefined) founders.set(p.truth.job, id);
      return { posting_id: id, cluster_id: clusterIdFor(founder ?? id), matched_by: founder === undefined ? 'first' : 'content_hash', score: null };
    });
  const flush = async () => {
    const run = `bench-${Math.floor(seen / CHUNK)}`;
    seen += batch.length;
    const clusterMembers = members(batch);
    if (seen <= loaded) return void (batch = []);
    const results = await pool.normalize(rawNdjson(batch, shiftMs));
    const postings = staging.writeNdjsonBytes(staging.pathFor(run, 'normalize', 'postings'), results.map((r) => r.rows)).path;
    const membersPath = staging.writeNdjson(staging.pathFor(run, 'dedupe', 'members'), clusterMembers).path;
    await warehouse.transaction(async (conn) => {
      await upsertPostings(conn, postings, run);
      await insertClusterMembers(conn, membersPath, run);
      await refreshClusters(conn, [...new Set(clusterMembers.map((m) => m.cluster_id))]);
    });
    batch = [];
    process.stdout.write(`\r  normalized postings: ${seen.toLocaleString('en')} / ${normalized.toLocaleString('en')}`);
  };
  try {
    for (const p of corpus.postings()) {
      batch.push(p);
      if (batch.length === CHUNK || seen + batch.length === normalized) await flush();
      if (seen === normalized) break;
    }
  } finally {
    await pool.close();
  }
  process.stdout.write('\n');
  for (let copy = 1; copy <= copies; copy++) await copyPostings(warehouse, copy, copy * copyDays);
  await warehouse.query(
    `INSERT INTO source_listings (source_id, external_id, first_seen_at, last_seen_at, missed_runs, active)
     SELECT source_id, external_id, coalesce(posted_at, normalized_at), now(), 0, coalesce(posted_at, normalized_at) >= now() - to_days($1::INTEGER)
     FROM postings
     ON CONFLICT DO NOTHING`,
    [OPEN_DAYS],
  );
}

/** Copy `copy` of the normalized postings and their clusters: new ids, `days` later. */
async function copyPostings(warehouse: Warehouse, copy: number, days: number): Promise<void> {
  const started = performance.now();
  const newId = (column: string) => `substr(sha256(${column} || '#' || $1::VARCHAR), 1, 24)`;
  const later = (column: string) => `${column} + to_microseconds(CAST($2 * 86400e6 AS BIGINT))`;
  await warehouse.transaction(async (conn) => {
    const original = `run_id LIKE 'bench-%'`;
    await conn.run(
      `INSERT INTO postings
       SELECT * REPLACE (${newId('id')} AS id, external_id || '#' || $1::VARCHAR AS external_id, ${later('posted_at')} AS posted_at,
                         apply_url || '#' || $1::VARCHAR AS apply_url, canonical_url || '#' || $1::VARCHAR AS canonical_url,
                         ${newId('content_hash')} AS content_hash, 'copy-' || $1::VARCHAR AS run_id)
       FROM postings WHERE ${original}
       ON CONFLICT DO NOTHING`,
      [copy, days],
    );
    await conn.run(
      `INSERT INTO cluster_members
       SELECT * REPLACE (${newId('posting_id')} AS posting_id, 'job_' || ${newId('substr(cluster_id, 5)')} AS cluster_id, 'copy-' || $1::VARCHAR AS run_id)
       FROM cluster_members WHERE ${original}
       ON CONFLICT DO NOTHING`,
      [copy],
    );
    await conn.run(
      `INSERT INTO job_clusters (id, canonical_posting_id, title, company, member_count, first_seen_at, updated_at)
       SELECT 'job_' || ${newId('substr(id, 5)')}, ${newId('canonical_posting_id')}, title, company, member_count, ${later('first_seen_at')}, now()
       FROM job_clusters WHERE id IN (SELECT cluster_id FROM cluster_members WHERE ${original})
       ON CONFLICT DO NOTHING`,
      [copy, days],
    );
  });
  console.log(`  copy ${copy}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Bench users: an account, a live session and a profile each (skills of one role family, a LATAM country). */
export async function loadUsers(warehouse: Warehouse, users: number, seed: number): Promise<void> {
  await warehouse.transaction(async (conn) => {
    for (let i = 0; i < users; i++) {
      const random = new Rand(seed, 7, i);
      const userId = benchUserId(i);
      await insertAccount(conn, { id: userId, email: `${userId}@bench.example`, display_name: `Bench ${i}`, locale: 'pt-BR', password_hash: null });
      await insertSession(conn, { tokenHash: tokenHash(benchSessionToken(i)), userId, csrfToken: `csrf-${i}`, ttlHours: 24 * 30 });
      const family = random.pick(FAMILIES);
      await upsertProfile(conn, {
        userId,
        displayName: `Bench ${i}`,
        country: random.pick([...LATAM_COUNTRIES]),
        timezone: 'America/Sao_Paulo',
        yearsExperience: 1 + random.int(15),
        seniority: random.pick(['junior', 'mid', 'senior', 'lead'] as const),
        skills: family.skills.slice(0, 4 + random.int(6)),
        salaryFloorUsdMonth: random.chance(0.5) ? 1_000 + random.int(8) * 500 : null,
        remoteScopes: ['global', 'latam'],
        languages: ['pt', 'en'],
      });
    }
  });
}

/**
 * Scores as the score stage stores them (one row per user, job and model version) for a sample of
 * the open jobs per user: the matcher itself is benchmarked in bench/matcher.ts.
 */
async function loadMatches(warehouse: Warehouse, staging: Staging, users: number, perUser: number, seed: number): Promise<void> {
  const open = (await warehouse.query<{ id: string }>(`SELECT c.id FROM job_clusters c WHERE c.first_seen_at >= now() - to_days($1::INTEGER) ORDER BY c.id`, [OPEN_DAYS])).map((r) => r.id);
  const computedAt = new Date().toISOString();
  for (let from = 0; from < users; from += 50) {
    const rows: Record<string, unknown>[] = [];
    for (let i = from; i < Math.min(users, from + 50); i++) {
      const random = new Rand(seed, 11, i);
      const picked = new Set<string>();
      while (picked.size < Math.min(perUser, open.length)) picked.add(open[random.int(open.length)] as string);
      for (const clusterId of picked) {
        const parts = { skills: random.next() * 0.4, experience: random.next() * 0.25, location: random.next() * 0.2, salary: random.next() * 0.15 };
        const score = Number(Object.values(parts).reduce((a, b) => a + b, 0).toFixed(6));
        rows.push({ user_id: benchUserId(i), cluster_id: clusterId, model_version: 'v1', score, components: parts, computed_at: computedAt });
      }
    }
    const path = staging.writeNdjson(staging.pathFor(`bench-matches-${from}`, 'score', 'scores'), rows).path;
    await warehouse.withConnection((conn) => upsertMatches(conn, path));
  }
}
