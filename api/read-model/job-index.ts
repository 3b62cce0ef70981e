// The search read model (search_docs) as columns in memory: what jobs.search filters and sorts on,
// one typed array per column in the search's own order (newest first, then by id), and posting
// lists (sorted positions in that order) for the list columns: skills, sources, countries. A page
// is then a walk from the cursor's position, or a merge of posting lists, with a few array reads
// per job; words are looked up in search_terms once each and kept as posting lists too. The
// answers are those of warehouse/job-queries.ts searchJobs, which says what every filter means.
// Every job's card is kept too (its text as strings, its skills as codes, its places to apply as
// the JSON the read model stores), so a page reads nothing from the warehouse: about half a
// kilobyte a job, most of it the places to apply.
import type { DuckDBConnection, DuckDBDataChunk, DuckDBValue } from '@duckdb/node-api';
import type { JobSearch, JobSource, SearchDoc, SearchKey } from '../../warehouse/job-queries.js';
import { Generations, Lru } from './freshness.js';

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

/** Which codes of a coded column are wanted: mask[code] is 1 (a typed-array read where a scan tests millions of jobs). */
type CodeMask = Uint8Array;

/** A page of positions with their sort keys, and where the next page starts. */
export interface IndexPage {
  /** The jobs of the page, as positions (docAt reads their rows). */
  positions: number[];
  /** The caller's score of each job of the page, when signed in and scored. */
  scores: (number | null)[];
  next: SearchKey | null;
}

/** Values of a low-cardinality column as small codes: 0 is NULL. */
class Codes {
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];

  code(value: string | null): number {
    if (value === null) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.push(value);
      if (code > 255) throw new Error('more than 255 distinct values in a coded search column');
      this.codes.set(value, code);
    }
    return code;
  }

  /** The value of a code (0: NULL). */
  value(code: number): string | null {
    return code === 0 ? null : (this.values[code - 1] ?? null);
  }

  /** The codes of the given values; values never seen match nothing. */
  mask(values: readonly string[]): CodeMask {
    const mask = new Uint8Array(256);
    for (const v of values) {
      const code = this.codes.get(v);
      if (code !== undefined) mask[code] = 1;
    }
    return mask;
  }
}

/** What a card shows beyond the search columns, by position. */
interface CardColumns {
  title: string[];
  company: (string | null)[];
  location: (string | null)[];
  firstSeenAt: string[];
  /** Salary min and max in USD, then in BRL, four per job; NaN for NULL. */
  salaries: Float64Array;
  /** The skills of position p are skillCodes[skillStart[p] .. skillStart[p + 1]), as codes into skillNames. */
  skillStart: Int32Array;
  skillCodes: Uint16Array;
  skillNames: string[];
  /** The members column as stored: every place to apply, as JSON. */
  members: TextSlab;
}

export class JobIndex {
  private readonly words = new Lru<string, Int32Array>(Number.MAX_SAFE_INTEGER);
  /** Bitsets of long posting lists (see membership); gone with their list. */
  private readonly bitsets = new WeakMap<Int32Array, Uint32Array>();
  /** Rows as docAt builds them, for the jobs shown most: a build costs some 4 µs, a kept row some 0.8 KB. */
  private readonly docs = new Generations<number, SearchDoc>(DOCS_KEPT / 2);
  private readonly readingWords = new Map<string, Promise<Int32Array>>();
  private wordPositions = 0;

  private constructor(
    readonly size: number,
    private readonly clusterIds: string[],
    /** Positions ordered by cluster id: finds a job's position by binary search. */
    private readonly byId: Int32Array,
    private readonly firstSeenUs: Float64Array,
    private readonly active: Uint8Array,
    private readonly latamOpen: Uint8Array,
    private readonly scope: Uint8Array,
    private readonly seniority: Uint8Array,
    private readonly language: Uint8Array,
    private readonly contract: Uint8Array,
    private readonly salaryUsd: Float64Array,
    private readonly salaryBrl: Float64Array,
    private readonly codes: { scope: Codes; seniority: Codes; language: Codes; contract: Codes },
    /** Null for public jobs (nearly all); else who may see it. */
    private readonly visibleTo: Map<number, string[]>,
    private readonly docToPosition: Int32Array,
    private readonly skills: Map<string, Int32Array>,
    private readonly sources: Map<string, Int32Array>,
    private readonly countries: Map<string, Int32Array>,
    private readonly scopes: Map<string, Int32Array>,
    /** Jobs by seniority and by contract type: a search for one value can walk just those. */
    private readonly bySeniority: Map<string, Int32Array>,
    private readonly byContract: Map<string, Int32Array>,
    private readonly cards: CardColumns,
  ) {}

  /** Reads the read model in one transaction, so every column is of the same refresh. */
  static async load(conn: DuckDBConnection): Promise<JobIndex> {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(
        `CREATE OR REPLACE TEMP TABLE job_index_order AS
         SELECT cluster_id, doc_id, (row_number() OVER (ORDER BY first_seen_us DESC, cluster_id) - 1)::INTEGER AS pos FROM search_docs`,
      );
      const index = await JobIndex.read(conn);
      await conn.run('DROP TABLE job_index_order');
      return index;
    } finally {
      await conn.run('COMMIT');
    }
  }

  private static async read(conn: DuckDBConnection): Promise<JobIndex> {
    let size = 0;
    await eachRow(conn, 'SELECT count(*)::INTEGER FROM job_index_order', [], (row) => (size = row[0] as number));
    const cards: CardColumns = {
      title: new Array<string>(size),
      company: new Array<string | null>(size),
      location: new Array<string | null>(size),
      firstSeenAt: new Array<string>(size),
      salaries: new Float64Array(4 * size),
      skillStart: new Int32Array(size + 1),
      skillCodes: new Uint16Array(0),
      skillNames: [],
      members: new TextSlab(size),
    };
    const skillCodes: number[] = [];
    const skillCode = new Map<string, number>();
    const codes = { scope: new Codes(), seniority: new Codes(), language: new Codes(), contract: new Codes() };
    const clusterIds = new Array<string>(size);
    const firstSeenUs = new Float64Array(size);
    const active = new Uint8Array(size);
    const latamOpen = new Uint8Array(size);
    const scope = new Uint8Array(size);
    const seniority = new Uint8Array(size);
    const language = new Uint8Array(size);
    const contract = new Uint8Array(size);
    const salaryUsd = new Float64Array(size);
    const salaryBrl = new Float64Array(size);
    let maxDoc = 0;
    const docIds = new Int32Array(size);
    const sql = `SELECT d.cluster_id, o.doc_id, d.first_seen_us::DOUBLE, d.active, d.latam_open, d.remote_scope, d.seniority, d.language, d.contract_type,
              d.salary_usd_month_min, d.salary_usd_month_max, d.salary_brl_month_min, d.salary_brl_month_max,
              d.title, d.company, d.location, d.first_seen_at::VARCHAR, array_to_string(d.skills, chr(31)), len(d.skills)::INTEGER, d.members::VARCHAR
       FROM search_docs d JOIN job_index_order o USING (cluster_id) ORDER BY o.pos`;
    await eachRow(
      conn,
      sql,
      [],
      (row, i) => {
        clusterIds[i] = row[0] as string;
        docIds[i] = row[1] as number;
        maxDoc = Math.max(maxDoc, docIds[i]!);
        firstSeenUs[i] = row[2] as number;
        active[i] = row[3] ? 1 : 0;
        latamOpen[i] = row[4] ? 1 : 0;
        scope[i] = codes.scope.code(row[5] as string);
        seniority[i] = codes.seniority.code(row[6] as string | null);
        language[i] = codes.language.code(row[7] as string | null);
        contract[i] = codes.contract.code(row[8] as string | null);
        for (let k = 0; k < 4; k++) cards.salaries[4 * i + k] = (row[9 + k] as number | null) ?? Number.NaN;
        // The filters read the maximum, else the minimum; NaN compares false with every floor, as SQL's NULL filters the job out.
        salaryUsd[i] = Number.isNaN(cards.salaries[4 * i + 1]!) ? cards.salaries[4 * i]! : cards.salaries[4 * i + 1]!;
        salaryBrl[i] = Number.isNaN(cards.salaries[4 * i + 3]!) ? cards.salaries[4 * i + 2]! : cards.salaries[4 * i + 3]!;
        cards.title[i] = row[13] as string;
        cards.company[i] = row[14] as string | null;
        cards.location[i] = row[15] as string | null;
        cards.firstSeenAt[i] = row[16] as string;
        cards.skillStart[i] = skillCodes.length;
        if ((row[18] as number) > 0) {
          for (const skill of (row[17] as string).split('\x1f')) {
            let code = skillCode.get(skill);
            if (code === undefined) skillCode.set(skill, (code = cards.skillNames.push(skill) - 1));
            skillCodes.push(code);
          }
        }
        cards.members.push(row[19] as string);
      },
      { stream: true },
    );
    cards.skillStart[size] = skillCodes.length;
    if (cards.skillNames.length > 65_536) throw new Error('more than 65,536 distinct skills in the search read model');
    cards.skillCodes = Uint16Array.from(skillCodes);
    const docToPosition = new Int32Array(maxDoc + 1).fill(-1);
    docIds.forEach((doc, pos) => (docToPosition[doc] = pos));
    const byId = Int32Array.from(clusterIds.keys()).sort((a, b) => (clusterIds[a]! < clusterIds[b]! ? -1 : clusterIds[a]! > clusterIds[b]! ? 1 : 0));

    const visibleTo = new Map<number, string[]>();
    await eachRow(conn, `SELECT o.pos, d.visible_to FROM search_docs d JOIN job_index_order o USING (cluster_id) WHERE d.visible_to IS NOT NULL`, [], (row) =>
      visibleTo.set(row[0] as number, listItems(row[1]) as string[]),
    );
    const postings = async (expression: string) => {
      const lists = new Map<string, Int32Array>();
      await eachRow(
        conn,
        `SELECT v, list(DISTINCT o.pos ORDER BY o.pos) FROM search_docs d JOIN job_index_order o USING (cluster_id), unnest(${expression}) AS u(v)
         WHERE v IS NOT NULL GROUP BY v`,
        [],
        (row) => lists.set(row[0] as string, Int32Array.from(listItems(row[1]) as number[]).sort()),
      );
      return lists;
    };
    return new JobIndex(
      size,
      clusterIds,
      byId,
      firstSeenUs,
      active,
      latamOpen,
      scope,
      seniority,
      language,
      contract,
      salaryUsd,
      salaryBrl,
      codes,
      visibleTo,
      docToPosition,
      await postings('d.skills'),
      await postings('d.source_ids'),
      await postings('d.remote_countries'),
      await postings('[d.remote_scope]'),
      await postings('[d.seniority]'),
      await postings('[d.contract_type]'),
      cards,
    );
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
    const c = this.cards;
    const skills: string[] = [];
    for (let k = c.skillStart[p]!; k < c.skillStart[p + 1]!; k++) skills.push(c.skillNames[c.skillCodes[k]!]!);
    const salary = (k: number) => {
      const value = c.salaries[4 * p + k]!;
      return Number.isNaN(value) ? null : value;
    };
    const members = JSON.parse(c.members.get(p)) as JobSource[];
    const decode = <T>(codes: Codes, code: number) => codes.value(code) as T;
    return {
      clusterId: this.clusterIds[p]!,
      active: this.active[p] === 1,
      title: c.title[p]!,
      company: c.company[p]!,
      sources: members.length,
      firstSeenAt: c.firstSeenAt[p]!,
      location: c.location[p]!,
      remoteScope: decode(this.codes.scope, this.scope[p]!),
      seniority: decode(this.codes.seniority, this.seniority[p]!),
      language: decode(this.codes.language, this.language[p]!),
      skills,
      salaryUsdMonthMin: salary(0),
      salaryUsdMonthMax: salary(1),
      salaryBrlMonthMin: salary(2),
      salaryBrlMonthMax: salary(3),
      members,
      visibleTo: this.visibleTo.get(p) ?? null,
      contractType: decode(this.codes.contract, this.contract[p]!),
    };
  }

  /** A job's position, or -1 when it is not in the index. */
  private positionOf(clusterId: string): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const id = this.clusterIds[this.byId[mid]!]!;
      if (id === clusterId) return this.byId[mid]!;
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
    if (p < 0 || this.active[p] === 0) return false;
    return contracts === null || this.contract[p] === 0 || contracts[this.contract[p]!] === 1;
  }

  /** The accepted contracts as listedAt takes them, worked out once for a page. */
  contractFilter(acceptedContracts: readonly string[]): ContractFilter {
    return acceptedContracts.length === 0 ? null : this.codes.contract.mask(acceptedContracts);
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
    for (const skill of f.skills ?? []) lists.push(this.skills.get(skill) ?? EMPTY);
    const anyOf: Int32Array[][] = [];
    if (f.sources?.length) {
      const visible = f.sources.filter(sourceShown);
      if (visible.length === 0) return { positions: [], scores: [], next: null };
      anyOf.push(present(visible.map((s) => this.sources.get(s))));
    }
    if (f.countries?.length) anyOf.push(present([this.scopes.get('global'), ...f.countries.map((c) => this.countries.get(c))]));

    const scopes = f.scopes?.length ? this.codes.scope.mask(f.scopes) : null;
    const seniority = f.seniority?.length ? this.codes.seniority.mask(f.seniority) : null;
    const contracts = f.contractTypes?.length ? this.codes.contract.mask(f.contractTypes) : null;
    const languages = f.languages?.length ? this.codes.language.mask(f.languages) : null;
    const salary = f.salaryFloor ? (f.salaryFloor.column === 'usd' ? this.salaryUsd : this.salaryBrl) : null;
    const floor = f.salaryFloor?.amount ?? 0;
    const since = f.postedSinceUs;
    const matches = (p: number): boolean => {
      if (!f.includeInactive && this.active[p] === 0) return false;
      if (f.latamOnly && this.latamOpen[p] === 0) return false;
      if (scopes && scopes[this.scope[p]!] === 0) return false;
      if (seniority && seniority[this.seniority[p]!] === 0) return false;
      if (contracts && contracts[this.contract[p]!] === 0) return false;
      if (languages && languages[this.language[p]!] === 0) return false;
      if (salary && !(salary[p]! >= floor)) return false;
      if (since !== undefined && this.firstSeenUs[p]! < since) return false;
      const owners = this.visibleTo.get(p);
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
        if (after && !(score < after.score || (score === after.score && this.clusterIds[p]! > after.clusterId))) continue;
        if (matches(p) && inAll(p)) {
          found.push(p);
          foundScores.push(score);
        }
      }
    } else {
      const start = f.after?.sort === 'date' ? this.firstAfter(f.after.firstSeenUs, f.after.clusterId) : 0;
      // The jobs of the one seniority or contract asked for may drive too (matches() checks them anyway):
      // a selective search (senior, PJ, a high salary floor) walked every job otherwise, tens of milliseconds at a million.
      const coded = [f.seniority?.length === 1 ? this.bySeniority.get(f.seniority[0]!) : undefined, f.contractTypes?.length === 1 ? this.byContract.get(f.contractTypes[0]!) : undefined];
      const drivers = [...lists, ...present(coded)];
      if (drivers.length) {
        // The shortest list drives; the others are probed.
        const driver = drivers.reduce((a, b) => (b.length < a.length ? b : a));
        const inAll = inLists(driver);
        for (let i = lowerBound(driver, start); i < driver.length && found.length < wanted; i++) {
          const p = driver[i]!;
          if (since !== undefined && this.firstSeenUs[p]! < since) break;
          if (matches(p) && inAll(p)) found.push(p);
        }
      } else {
        const inAll = inLists(null);
        for (let p = start; p < this.size && found.length < wanted; p++) {
          if (since !== undefined && this.firstSeenUs[p]! < since) break;
          if (matches(p) && inAll(p)) found.push(p);
        }
      }
    }
    const page = found.slice(0, f.limit);
    const last = page.at(-1);
    const next: SearchKey | null =
      found.length > f.limit && last !== undefined
        ? f.sort === 'match'
          ? { sort: 'match', score: foundScores[page.length - 1]!, clusterId: this.clusterIds[last]! }
          : { sort: 'date', firstSeenUs: this.firstSeenUs[last]!, clusterId: this.clusterIds[last]! }
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
      const t = this.firstSeenUs[mid]!;
      const before = t > firstSeenUs || (t === firstSeenUs && this.clusterIds[mid]! <= clusterId);
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
      const position = this.docToPosition[doc as number] ?? -1;
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

/** List values read from DuckDB (a DuckDBListValue) as plain items. */
function listItems(value: unknown): unknown[] {
  return (value as { items: unknown[] }).items;
}

/** Calls `fn` with each row of a query, values as DuckDB gives them (numbers, strings, list values); `stream`: a chunk at a time, for results too large to hold twice. */
async function eachRow(conn: DuckDBConnection, sql: string, params: DuckDBValue[], fn: (row: unknown[], index: number) => void, opts = { stream: false }): Promise<void> {
  let index = 0;
  const rows = (chunk: DuckDBDataChunk) => {
    const vectors = Array.from({ length: chunk.columnCount }, (_, i) => chunk.getColumnVector(i));
    for (let r = 0; r < chunk.rowCount; r++) fn(vectors.map((v) => v.getItem(r)), index++);
  };
  if (opts.stream) {
    const result = await conn.stream(sql, params);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) rows(chunk);
  } else {
    const result = await conn.run(sql, params);
    for (let i = 0; i < result.chunkCount; i++) rows(result.getChunk(i));
  }
}

/** Calls `fn` with each value of a one-column query, without a row array each: a common word is in most jobs. */
async function eachValue(conn: DuckDBConnection, sql: string, params: DuckDBValue[], fn: (value: unknown) => void): Promise<void> {
  const result = await conn.run(sql, params);
  for (let i = 0; i < result.chunkCount; i++) {
    const chunk = result.getChunk(i);
    const values = chunk.getColumnVector(0);
    for (let r = 0; r < chunk.rowCount; r++) fn(values.getItem(r));
  }
}

/**
 * Strings back to back in one UTF-8 buffer: the places to apply of a million jobs are some 300 MB
 * of text, which as that many JavaScript strings costs twice or more (headers, and two bytes a
 * character for any text with a character past Latin-1).
 */
class TextSlab {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private readonly ends: Float64Array;
  private count = 0;

  constructor(size: number) {
    this.ends = new Float64Array(size);
  }

  push(text: string): void {
    const start = this.count === 0 ? 0 : this.ends[this.count - 1]!;
    const needed = start + Buffer.byteLength(text);
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, 2 * this.buffer.length));
      this.buffer.copy(grown, 0, 0, start);
      this.buffer = grown;
    }
    this.buffer.write(text, start);
    this.ends[this.count++] = needed;
  }

  get(i: number): string {
    return this.buffer.toString('utf8', i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }
}
