// The search read model (search_docs) in memory (read by job-columns.ts): what jobs.search filters
// and sorts on, in the search's own order, and every job's card. A page is then a walk from the
// cursor's position, or a merge of posting lists, with a few array reads per job; words are looked
// up in search_terms once each and kept as posting lists too. The answers are those of
// warehouse/job-queries.ts searchJobs, which says what every filter means, so a page reads nothing
// from the warehouse: about half a kilobyte a job, most of it the places to apply.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobSearch, JobSource, SearchDoc, SearchKey } from '../../warehouse/job-queries.js';
import { Generations, Lru } from './freshness.js';
import { eachValue, readJobColumns, type CodeMask, type Codes, type JobColumns } from './job-columns.js';

/** Positions kept in word posting lists, all words together (4 bytes each). */
const WORD_POSITIONS = 20_000_000;
/**
 * Job rows kept built (about 80 MB): every user's first pages of matches and the newest jobs. A
 * page builds 20 rows otherwise, which was a third of matches.list's time at a million jobs.
 */
const DOCS_KEPT = 100_000;

/** A user's scores as positions of the index, best first (score descending, then cluster id). */
export interface IndexedScores {
  positions: Int32Array;
  scores: Float64Array;
  /** The same, ordered by position: a score by position for the cards of a page sorted by date. */
  sortedPositions: Int32Array;
  sortedScores: Float64Array;
}

/** Accepted contracts as codes; null accepts any. */
export type ContractFilter = CodeMask | null;

/** A page of positions with their sort keys, and where the next page starts. */
export interface IndexPage {
  /** The jobs of the page, as positions (docAt reads their rows). */
  positions: number[];
  /** The caller's score of each job of the page, when signed in and scored. */
  scores: (number | null)[];
  next: SearchKey | null;
}

export class JobIndex {
  private readonly words = new Lru<string, Int32Array>(Number.MAX_SAFE_INTEGER);
  /** Bitsets of long posting lists (see membership); gone with their list. */
  private readonly bitsets = new WeakMap<Int32Array, Uint32Array>();
  /** Rows as docAt builds them, for the jobs shown most: a build costs some 4 µs, a kept row some 0.8 KB. */
  private readonly docs = new Generations<number, SearchDoc>(DOCS_KEPT / 2);
  private readonly readingWords = new Map<string, Promise<Int32Array>>();
  private wordPositions = 0;

  private constructor(private readonly c: JobColumns) {}

  /** Reads the read model in one transaction, so every column is of the same refresh. */
  static async load(conn: DuckDBConnection): Promise<JobIndex> {
    return new JobIndex(await readJobColumns(conn));
  }

  get size(): number {
    return this.c.size;
  }

  /**
   * A job's row of the search read model at a position, as searchDocsById reads it. Frozen: rows
   * are shared by every answer that shows the job until the index is read again.
   */
  docAt(p: number): SearchDoc {
    let doc = this.docs.get(p);
    if (!doc) this.docs.set(p, (doc = deepFreeze(this.readDoc(p))));
    return doc;
  }

  private readDoc(p: number): SearchDoc {
    const c = this.c.cards;
    const skills: string[] = [];
    for (let k = c.skillStart[p]!; k < c.skillStart[p + 1]!; k++) skills.push(c.skillNames[c.skillCodes[k]!]!);
    const salary = (k: number) => {
      const value = c.salaries[4 * p + k]!;
      return Number.isNaN(value) ? null : value;
    };
    const members = JSON.parse(c.members.get(p)) as JobSource[];
    const decode = <T>(codes: Codes, code: number) => codes.value(code) as T;
    return {
      clusterId: this.c.clusterIds[p]!,
      active: this.c.active[p] === 1,
      title: c.title[p]!,
      company: c.company[p]!,
      sources: members.length,
      firstSeenAt: c.firstSeenAt[p]!,
      location: c.location[p]!,
      remoteScope: decode(this.c.codes.scope, this.c.scope[p]!),
      seniority: decode(this.c.codes.seniority, this.c.seniority[p]!),
      language: decode(this.c.codes.language, this.c.language[p]!),
      skills,
      salaryUsdMonthMin: salary(0),
      salaryUsdMonthMax: salary(1),
      salaryBrlMonthMin: salary(2),
      salaryBrlMonthMax: salary(3),
      members,
      visibleTo: this.c.visibleTo.get(p) ?? null,
      contractType: decode(this.c.codes.contract, this.c.contract[p]!),
    };
  }

  /** A job's position, or -1 when it is not in the index. */
  private positionOf(clusterId: string): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const id = this.c.clusterIds[this.c.byId[mid]!]!;
      if (id === clusterId) return this.c.byId[mid]!;
      if (id < clusterId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Positions of the given jobs, -1 for those not in the index. A lookup is a binary search over
   * a million ids scattered in memory (microseconds, mostly cache misses): callers that ask about
   * the same jobs again keep the answer.
   */
  positionsOf(clusterIds: readonly string[]): Int32Array {
    return Int32Array.from(clusterIds, (id) => this.positionOf(id));
  }

  /**
   * Whether the job at a position (-1: none) is listed (some source still lists it) under a
   * contract among those accepted (`contracts`: none given, any; a job that states none: yes), as
   * activeClusterIds answers from the same table.
   */
  listedAt(p: number, contracts: ContractFilter): boolean {
    if (p < 0 || this.c.active[p] === 0) return false;
    return contracts === null || this.c.contract[p] === 0 || contracts[this.c.contract[p]!] === 1;
  }

  /** The accepted contracts as listedAt takes them, worked out once for a page. */
  contractFilter(acceptedContracts: readonly string[]): ContractFilter {
    return acceptedContracts.length === 0 ? null : this.c.codes.contract.mask(acceptedContracts);
  }

  /** A user's scores from the matches table, as positions (jobs not in the index are left out, as the search's join leaves them). */
  indexScores(rows: { clusterId: string; score: number }[]): IndexedScores {
    const kept = rows.flatMap((row) => {
      const position = this.positionOf(row.clusterId);
      return position < 0 ? [] : [{ position, score: row.score, clusterId: row.clusterId }];
    });
    kept.sort((a, b) => b.score - a.score || (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0));
    const byPosition = [...kept].sort((a, b) => a.position - b.position);
    return {
      positions: Int32Array.from(kept.map((k) => k.position)),
      scores: Float64Array.from(kept.map((k) => k.score)),
      sortedPositions: Int32Array.from(byPosition.map((k) => k.position)),
      sortedScores: Float64Array.from(byPosition.map((k) => k.score)),
    };
  }

  /**
   * One page, as searchJobs pages. `words`: the posting lists of the text's words (wordPositions);
   * `scored`: the caller's scores, when signed in; `sourceShown`: whether the viewer may see a source.
   */
  search(f: JobSearch, words: Int32Array[] | null, scored: IndexedScores | null, sourceShown: (sourceId: string) => boolean): IndexPage {
    const viewer = f.viewer ?? null;
    // Every one of these lists holds the job; and some list of each group of `anyOf`.
    const lists: Int32Array[] = [...(words ?? [])];
    for (const skill of f.skills ?? []) lists.push(this.c.skills.get(skill) ?? EMPTY);
    const anyOf: Int32Array[][] = [];
    if (f.sources?.length) {
      const visible = f.sources.filter(sourceShown);
      if (visible.length === 0) return { positions: [], scores: [], next: null };
      anyOf.push(present(visible.map((s) => this.c.sources.get(s))));
    }
    if (f.countries?.length) anyOf.push(present([this.c.scopes.get('global'), ...f.countries.map((c) => this.c.countries.get(c))]));

    const scopes = f.scopes?.length ? this.c.codes.scope.mask(f.scopes) : null;
    const seniority = f.seniority?.length ? this.c.codes.seniority.mask(f.seniority) : null;
    const contracts = f.contractTypes?.length ? this.c.codes.contract.mask(f.contractTypes) : null;
    const languages = f.languages?.length ? this.c.codes.language.mask(f.languages) : null;
    const salary = f.salaryFloor ? (f.salaryFloor.column === 'usd' ? this.c.salaryUsd : this.c.salaryBrl) : null;
    const floor = f.salaryFloor?.amount ?? 0;
    const since = f.postedSinceUs;
    const matches = (p: number): boolean => {
      if (!f.includeInactive && this.c.active[p] === 0) return false;
      if (f.latamOnly && this.c.latamOpen[p] === 0) return false;
      if (scopes && scopes[this.c.scope[p]!] === 0) return false;
      if (seniority && seniority[this.c.seniority[p]!] === 0) return false;
      if (contracts && contracts[this.c.contract[p]!] === 0) return false;
      if (languages && languages[this.c.language[p]!] === 0) return false;
      if (salary && !(salary[p]! >= floor)) return false;
      if (since !== undefined && this.c.firstSeenUs[p]! < since) return false;
      const owners = this.c.visibleTo.get(p);
      if (owners && (viewer === null || !owners.includes(viewer))) return false;
      return true;
    };
    const groups = anyOf.map((group) => group.map((list) => this.membership(list)));
    // Every list but the one that drives the walk (its positions are in it) holds the job, and some list of each group.
    const inLists = (driver: Int32Array | null) => {
      const probes = lists.filter((list) => list !== driver).map((list) => this.membership(list));
      return (p: number) => probes.every((has) => has(p)) && groups.every((group) => group.some((has) => has(p)));
    };

    const wanted = f.limit + 1;
    const found: number[] = [];
    const foundScores: number[] = [];
    if (f.sort === 'match') {
      if (!scored) throw new Error("sorting by match needs the caller's scores");
      const after = f.after?.sort === 'match' ? f.after : null;
      const inAll = inLists(null);
      for (let i = 0; i < scored.positions.length && found.length < wanted; i++) {
        const p = scored.positions[i]!;
        const score = scored.scores[i]!;
        if (after && !(score < after.score || (score === after.score && this.c.clusterIds[p]! > after.clusterId))) continue;
        if (matches(p) && inAll(p)) {
          found.push(p);
          foundScores.push(score);
        }
      }
    } else {
      const start = f.after?.sort === 'date' ? this.firstAfter(f.after.firstSeenUs, f.after.clusterId) : 0;
      // The jobs of the one seniority or contract asked for may drive too (matches() checks them anyway):
      // a selective search (senior, PJ, a high salary floor) walked every job otherwise, tens of milliseconds at a million.
      const coded = [f.seniority?.length === 1 ? this.c.bySeniority.get(f.seniority[0]!) : undefined, f.contractTypes?.length === 1 ? this.c.byContract.get(f.contractTypes[0]!) : undefined];
      const drivers = [...lists, ...present(coded)];
      if (drivers.length) {
        // The shortest list drives; the others are probed.
        const driver = drivers.reduce((a, b) => (b.length < a.length ? b : a));
        const inAll = inLists(driver);
        for (let i = lowerBound(driver, start); i < driver.length && found.length < wanted; i++) {
          const p = driver[i]!;
          if (since !== undefined && this.c.firstSeenUs[p]! < since) break;
          if (matches(p) && inAll(p)) found.push(p);
        }
      } else {
        const inAll = inLists(null);
        for (let p = start; p < this.size && found.length < wanted; p++) {
          if (since !== undefined && this.c.firstSeenUs[p]! < since) break;
          if (matches(p) && inAll(p)) found.push(p);
        }
      }
    }
    const page = found.slice(0, f.limit);
    const last = page.at(-1);
    const next: SearchKey | null =
      found.length > f.limit && last !== undefined
        ? f.sort === 'match'
          ? { sort: 'match', score: foundScores[page.length - 1]!, clusterId: this.c.clusterIds[last]! }
          : { sort: 'date', firstSeenUs: this.c.firstSeenUs[last]!, clusterId: this.c.clusterIds[last]! }
        : null;
    return {
      positions: page,
      scores: page.map((p, i) => (f.sort === 'match' ? foundScores[i]! : scored ? scoreAt(scored, p) : null)),
      next,
    };
  }

  /**
   * Whether a position is in a list. A long list is probed in a bitset built once per list (a bit
   * read, where a binary search over a long list misses the cache at each of its twenty steps); a
   * bitset costs size/8 bytes, no more than the list it stands for.
   */
  private membership(list: Int32Array): (p: number) => boolean {
    if (list.length < this.size / 32) return (p) => contains(list, p);
    let bits = this.bitsets.get(list);
    if (!bits) {
      bits = new Uint32Array((this.size + 31) >>> 5);
      for (const p of list) bits[p >>> 5] = bits[p >>> 5]! | (1 << (p & 31));
      this.bitsets.set(list, bits);
    }
    const set = bits;
    return (p) => (set[p >>> 5]! & (1 << (p & 31))) !== 0;
  }

  /** The first position after a date key: older, or as old with a greater cluster id. */
  private firstAfter(firstSeenUs: number, clusterId: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.c.firstSeenUs[mid]!;
      const before = t > firstSeenUs || (t === firstSeenUs && this.c.clusterIds[mid]! <= clusterId);
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The positions of the jobs containing a word, or (prefix) a word starting with it; read once from search_terms. */
  async wordPostings(conn: DuckDBConnection, word: string, prefix: boolean): Promise<Int32Array> {
    const key = `${prefix ? '>' : '='}${word}`;
    const hit = this.words.get(key);
    if (hit) return hit;
    // Concurrent searches for a word not read yet share one read.
    let reading = this.readingWords.get(key);
    if (!reading) {
      reading = this.readWord(conn, key, word, prefix).finally(() => this.readingWords.delete(key));
      this.readingWords.set(key, reading);
    }
    return reading;
  }

  private async readWord(conn: DuckDBConnection, key: string, word: string, prefix: boolean): Promise<Int32Array> {
    // Words are made of [a-z0-9+#], all below "~": [prefix, prefix~) holds exactly the words starting with it.
    const sql = prefix ? 'SELECT DISTINCT doc_id FROM search_terms WHERE token >= $1 AND token < $2' : 'SELECT doc_id FROM search_terms WHERE token = $1';
    const positions: number[] = [];
    await eachValue(conn, sql, prefix ? [word, `${word}~`] : [word], (doc) => {
      const position = this.c.docToPosition[doc as number] ?? -1;
      if (position >= 0) positions.push(position);
    });
    const list = Int32Array.from(positions).sort();
    this.words.set(key, list);
    this.wordPositions += list.length;
    // The least recently used words go once the lists pass their budget.
    while (this.wordPositions > WORD_POSITIONS && this.words.size > 1) this.wordPositions -= this.words.evictOldest()?.length ?? 0;
    return list;
  }
}

const EMPTY = new Int32Array(0);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function scoreAt(scored: IndexedScores, position: number): number | null {
  const i = lowerBound(scored.sortedPositions, position);
  return scored.sortedPositions[i] === position ? scored.sortedScores[i]! : null;
}

function contains(list: Int32Array, value: number): boolean {
  const i = lowerBound(list, value);
  return i < list.length && list[i] === value;
}

function present(lists: (Int32Array | undefined)[]): Int32Array[] {
  return lists.filter((l): l is Int32Array => l !== undefined);
}
