// The API's serving layer: what the busiest procedures read on every request, kept in memory in
// front of the warehouse. At 50 clients a closed loop needs about a thousand answers a second on
// two cores, a millisecond or two of CPU each, where every DuckDB query costs one to thirty: so a
// signed-in request finds its session, the active matcher, the caller's accepted contracts and
// ranked matches, the jobs' cards and the search index here, and the warehouse is read only on a
// miss. Everything is derived from the warehouse and is read again after the writes that change
// it, all of which happen in this process (the warehouse has one owner):
// - the caller's own mutations (api/trpc.ts marks the caller changed after each one; a password
//   reset, whose caller is signed out, drops every cached session; sources' mutations drop who owns
//   which source, operators' mutations the jobs' cards and visibility);
// - the pipeline's stages, announced on the in-process bus: "score finished" drops every ranked
//   list, "dedupe finished" (which refreshed the search read model) every card and the index;
// - an account changed from the CLI (an operator made or unmade), announced on the same bus;
// - a matcher promoted or rolled back by its workflow, which says nothing on the bus: the active
//   version is read again once a second.
// The search index (job-index.ts) takes tens of seconds to read at a million jobs: it is rebuilt in
// the background after a change, and searches are answered from the warehouse until it is ready.
import { pipelineEvents } from '../../activities/pipeline-events.js';
import type { Warehouse } from '../../warehouse/db.js';
import { cardFor, sourceOwners, type JobSearch, type SearchCard, type SearchKey } from '../../warehouse/job-queries.js';
import { recentLiveSessions } from '../../warehouse/accounts.js';
import { acceptedContracts, acceptedContractsOf } from '../../warehouse/app.js';
import { activeModelVersion, rankedMatches, rankedMatchesOf, scoresOf, type MatchCard, type ModelVersion, type RankedMatch } from '../../warehouse/ml.js';
import { callerOf, loadCaller, type Caller } from '../context.js';
import { Freshness, Lru } from './freshness.js';
import { JobIndex, type IndexedScores } from './job-index.js';

/** How long a promotion or rollback may take to reach the cached active matcher version. */
const MODEL_VERSION_TTL_MS = 1_000;
/** Scores read for a user at first: the first pages of every list, even with unlisted jobs skipped. */
const RANKED_DEPTH = 200;

const SESSIONS = 'sessions';
const SCORES = 'scores';
const JOBS = 'jobs';
const SOURCES = 'sources';
const userScope = (userId: string) => `user:${userId}`;

export interface ReadModelLimits {
  /** Sessions kept (each a few hundred bytes). */
  sessions: number;
  /** Users whose accepted contracts and best scores are kept (each some 60 KB). */
  users: number;
}

const DEFAULT_LIMITS: ReadModelLimits = { sessions: 100_000, users: 5_000 };

interface Stamped<T> {
  value: T;
  /** Freshness epoch at which its load began. */
  at: number;
}

interface Ranked {
  modelVersion: string;
  /** Best first, as rankedMatches reads them; every score the user has when `complete`. */
  rows: RankedMatch[];
  complete: boolean;
  /** The rows' positions in the index they were last looked up in (see rankedPositions). */
  positions?: { index: JobIndex; of: Int32Array };
}

/** The positions of a user's ranked jobs in this index, looked up once per index: a page is then a few array reads a job. */
function rankedPositions(ranked: Ranked, index: JobIndex): Int32Array {
  if (ranked.positions?.index !== index) ranked.positions = { index, of: index.positionsOf(ranked.rows.map((r) => r.clusterId)) };
  return ranked.positions.of;
}

export class ReadModel {
  private readonly freshness = new Freshness();
  private readonly sessions: Lru<string, Stamped<Caller & { expiresMs: number }>>;
  private readonly contracts: Lru<string, Stamped<string[]>>;
  private readonly ranked: Lru<string, Stamped<Ranked>>;
  private owners: Stamped<Map<string, string | null>> | null = null;
  private model: (Stamped<ModelVersion> & { loadedMs: number }) | null = null;
  private index: Stamped<JobIndex> | null = null;
  private indexing: Promise<void> | null = null;
  /** Each user's scores as positions of one index, for searches sorted by (or showing) match. */
  private readonly scores: Lru<string, Stamped<{ index: JobIndex; modelVersion: string; scored: IndexedScores }>>;
  /** Loads under way, by what they load and the epoch they began at: concurrent misses share one. */
  private readonly loading = new Map<string, Promise<unknown>>();
  private readonly unsubscribe: () => void;

  private readonly limits: ReadModelLimits;

  constructor(
    private readonly warehouse: Warehouse,
    limits: Partial<ReadModelLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    const { sessions, users } = this.limits;
    this.sessions = new Lru(sessions);
    this.contracts = new Lru(users);
    this.ranked = new Lru(users);
    this.scores = new Lru(users);
    // Published after the stage's transaction committed.
    this.unsubscribe = pipelineEvents(warehouse).subscribe((event) => {
      if (event.type === 'account') return this.userChanged(event.userId);
      if (event.type !== 'stage' || event.state !== 'finished') return;
      if (event.stage === 'score') this.freshness.changed(SCORES);
      if (event.stage === 'dedupe') this.jobsChanged();
    });
  }

  /** After a write by or for one user: their account, sessions, profile, feedback. */
  userChanged(userId: string): void {
    this.freshness.changed(userScope(userId));
  }

  /** After sessions of a user not known here were deleted (a password reset by e-mail link). */
  sessionsChanged(): void {
    this.freshness.changed(SESSIONS);
  }

  /** After sources were added, renamed, enabled or removed: who owns which source is read again (the jobs change at the next dedupe stage). */
  sourcesChanged(): void {
    this.freshness.changed(SOURCES);
  }

  /** After jobs, their sources or their visibility changed: the search index is read again. */
  jobsChanged(): void {
    this.freshness.changed(JOBS);
    this.refreshIndex().catch(() => undefined);
  }

  /** Resolves once the search index holds every change announced so far (searches are answered from the warehouse until then). */
  indexReady(): Promise<void> {
    return this.refreshIndex();
  }

  /**
   * Reads ahead what the busiest procedures need: the search index, and for the users of the most
   * recently seen sessions, their sessions, accepted contracts and scores.
   */
  async warm(): Promise<void> {
    await this.refreshIndex();
    const at = this.freshness.now();
    const model = await this.activeModel();
    const index = this.freshIndex();
    await this.warehouse.withConnection(async (conn) => {
      const sessions = await recentLiveSessions(conn, this.limits.sessions);
      for (const s of sessions) this.sessions.set(s.token_hash, { value: callerOf(s.token_hash, s, s.account), at });
      const userIds = [...new Set(sessions.map((s) => s.user_id))].slice(0, this.limits.users);
      for (const [userId, value] of await acceptedContractsOf(conn, userIds)) this.contracts.set(userId, { value, at });
      const ranked = groupBy(await rankedMatchesOf(conn, { userIds, modelVersion: model.version, limit: RANKED_DEPTH }), (r) => r.userId);
      for (const userId of userIds) {
        const rows = (ranked.get(userId) ?? []).map((r) => ({ clusterId: r.clusterId, score: r.score, components: r.components, modelVersion: r.modelVersion }));
        this.ranked.set(userId, { value: { modelVersion: model.version, rows, complete: rows.length < RANKED_DEPTH }, at });
      }
      if (!index) return;
      const scores = groupBy(await scoresOf(conn, { userIds, modelVersion: model.version }), (r) => r.userId);
      for (const userId of userIds) {
        this.scores.set(userId, { value: { index, modelVersion: model.version, scored: index.indexScores(scores.get(userId) ?? []) }, at });
      }
    });
  }

  close(): void {
    this.unsubscribe();
  }

  /** The caller of a session token hash; null when it is unknown or expired. */
  async caller(tokenHash: string): Promise<Caller | null> {
    const hit = this.sessions.get(tokenHash);
    if (hit && hit.value.expiresMs > Date.now() && this.freshness.fresh(hit.at, [SESSIONS, userScope(hit.value.user.id)])) {
      return { user: { ...hit.value.user }, session: { ...hit.value.session } };
    }
    const loaded = await this.load(`session:${tokenHash}`, async (at) => {
      const caller = await this.warehouse.withConnection((conn) => loadCaller(conn, tokenHash));
      // Unknown tokens are not remembered: anyone can send many.
      if (caller) this.sessions.set(tokenHash, { value: caller, at });
      else this.sessions.delete(tokenHash);
      return caller;
    });
    return loaded && { user: { ...loaded.user }, session: { ...loaded.session } };
  }

  async activeModel(): Promise<ModelVersion> {
    const hit = this.model;
    if (hit && Date.now() - hit.loadedMs < MODEL_VERSION_TTL_MS && this.freshness.fresh(hit.at, [SCORES])) return hit.value;
    return this.load('model', async (at) => {
      const loadedMs = Date.now();
      const value = await this.warehouse.withConnection((conn) => activeModelVersion(conn, 'matcher'));
      this.model = { value, at, loadedMs };
      return value;
    });
  }

  /**
   * As warehouse/ml.ts listMatches answers, from memory once the user's scores are here; null while
   * the search index (which says which jobs are listed, and holds their cards) is being read.
   */
  async listMatches(userId: string, q: { minScore: number; limit: number; offset: number }): Promise<MatchCard[] | null> {
    const index = this.freshIndex();
    if (!index) return null;
    const [model, contracts] = await Promise.all([this.activeModel(), this.acceptedContracts(userId)]);
    const accepted = index.contractFilter(contracts);
    const wanted = q.offset + q.limit;
    const listed: { row: RankedMatch; position: number }[] = [];
    let ranked = await this.rankedMatches(userId, model.version, 2 * wanted + 10);
    let next = 0;
    for (;;) {
      const positions = rankedPositions(ranked, index);
      // The scores in order until the page is full or they fall below minScore; past the scores read, more are read.
      for (; listed.length < wanted && next < ranked.rows.length && ranked.rows[next]!.score >= q.minScore; next++) {
        if (index.listedAt(positions[next]!, accepted)) listed.push({ row: ranked.rows[next]!, position: positions[next]! });
      }
      if (listed.length >= wanted || ranked.complete || next < ranked.rows.length) break;
      ranked = await this.rankedMatches(userId, model.version, 4 * ranked.rows.length);
    }
    const shown = await this.sourceShown(userId);
    return listed.slice(q.offset, wanted).flatMap(({ row, position }) => {
      const card = cardFor(index.docAt(position), userId, shown);
      // cardFor's answer is the caller's own: adding to it costs a tenth of copying it with a spread.
      return card ? [Object.assign(card, { score: row.score, modelVersion: row.modelVersion, components: JSON.parse(row.components) as Record<string, number> })] : [];
    });
  }

  /**
   * As warehouse/job-queries.ts searchJobs answers, from the index in memory; null while the index
   * is being read (after a start or a change), when the warehouse answers.
   */
  async searchJobs(f: Omit<JobSearch, 'scoredFor'> & { scoredFor: { userId: string } | null }): Promise<{ items: SearchCard[]; next: SearchKey | null } | null> {
    const index = this.freshIndex();
    if (!index) return null;
    const viewer = f.viewer ?? null;
    const scored = f.scoredFor ? await this.userScores(index, f.scoredFor.userId) : null;
    const words: Int32Array[] | null = f.text ? [] : null;
    if (f.text) {
      const text = f.text;
      await this.warehouse.withConnection(async (conn) => {
        // One query at a time: a connection runs one.
        for (const word of text.exact) words!.push(await index.wordPostings(conn, word, false));
        if (text.prefix) words!.push(await index.wordPostings(conn, text.prefix, true));
      });
    }
    const shown = await this.sourceShown(viewer);
    const page = index.search({ ...f, scoredFor: null }, words, scored, shown);
    const items = page.positions.flatMap((position, i) => {
      const card = cardFor(index.docAt(position), viewer, shown);
      return card ? [Object.assign(card, { score: page.scores[i] ?? null })] : [];
    });
    return { items, next: page.next };
  }

  /** Whether the viewer (null: signed out) may see a source's postings: a public source or their own. */
  async sourceShown(viewer: string | null): Promise<(sourceId: string) => boolean> {
    let hit = this.owners;
    if (!hit || !this.freshness.fresh(hit.at, [JOBS, SOURCES])) {
      hit = await this.load('owners', async (at) => {
        const owners = { value: await this.warehouse.withConnection(sourceOwners), at };
        this.owners = owners;
        return owners;
      });
    }
    const owners = hit.value;
    return (sourceId) => {
      const owner = owners.get(sourceId);
      return owner === null || (owner !== undefined && owner === viewer);
    };
  }

  private async acceptedContracts(userId: string): Promise<string[]> {
    const hit = this.contracts.get(userId);
    if (hit && this.freshness.fresh(hit.at, [userScope(userId)])) return hit.value;
    return this.load(`contracts:${userId}`, async (at) => {
      const value = await this.warehouse.withConnection((conn) => acceptedContracts(conn, userId));
      this.contracts.set(userId, { value, at });
      return value;
    });
  }

  /** At least `depth` of the user's best scores from this matcher version (fewer when they have fewer). */
  private async rankedMatches(userId: string, modelVersion: string, depth: number): Promise<Ranked> {
    const hit = this.ranked.get(userId);
    if (hit && hit.value.modelVersion === modelVersion && (hit.value.complete || hit.value.rows.length >= depth) && this.freshness.fresh(hit.at, [SCORES, userScope(userId)])) {
      return hit.value;
    }
    const limit = Math.max(depth, RANKED_DEPTH, hit?.value.rows.length ?? 0);
    return this.load(`ranked:${userId}:${modelVersion}:${limit}`, async (at) => {
      const rows = await this.warehouse.withConnection((conn) => rankedMatches(conn, { userId, modelVersion, minScore: Number.NEGATIVE_INFINITY, limit }));
      const value = { modelVersion, rows, complete: rows.length < limit };
      this.ranked.set(userId, { value, at });
      return value;
    });
  }

  private freshIndex(): JobIndex | null {
    const index = this.index;
    if (index && this.freshness.fresh(index.at, [JOBS])) return index.value;
    // A failed read is tried again at the next search; the warehouse answers meanwhile.
    this.refreshIndex().catch(() => undefined);
    return null;
  }

  /** Reads the index once more unless a read begun since the last change is under way; resolves when the index is fresh. */
  private refreshIndex(): Promise<void> {
    if (this.indexing) return this.indexing;
    this.indexing = (async () => {
      try {
        while (!this.index || !this.freshness.fresh(this.index.at, [JOBS])) {
          const at = this.freshness.now();
          this.index = { value: await this.warehouse.withConnection((conn) => JobIndex.load(conn)), at };
          this.scores.clear();
        }
      } finally {
        this.indexing = null;
      }
    })();
    return this.indexing;
  }

  /** The user's scores from the active matcher as positions of this index. */
  private async userScores(index: JobIndex, userId: string): Promise<IndexedScores> {
    const model = await this.activeModel();
    const hit = this.scores.get(userId);
    if (hit && hit.value.index === index && hit.value.modelVersion === model.version && this.freshness.fresh(hit.at, [SCORES])) return hit.value.scored;
    return this.load(`scores:${userId}:${model.version}`, async (at) => {
      const rows = await this.warehouse.withConnection((conn) => scoresOf(conn, { userIds: [userId], modelVersion: model.version }));
      const scored = index.indexScores(rows);
      this.scores.set(userId, { value: { index, modelVersion: model.version, scored }, at });
      return scored;
    });
  }

  /** Runs `load` once for concurrent misses of the same thing begun at the same epoch. */
  private load<T>(key: string, load: (at: number) => Promise<T>): Promise<T> {
    const at = this.freshness.now();
    const slot = `${key}@${at}`;
    const running = this.loading.get(slot) as Promise<T> | undefined;
    if (running) return running;
    const started = load(at).finally(() => this.loading.delete(slot));
    this.loading.set(slot, started);
    return started;
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
