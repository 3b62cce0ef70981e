// search_docs read into memory as columns for job-index.ts: one typed array per column in the
// search's own order (newest first, then by id), low-cardinality columns as codes, posting lists
// (sorted positions) for the list columns, and every job's card (its text as strings, its skills
// as codes, its places to apply as the JSON the read model stores).
import type { DuckDBConnection, DuckDBDataChunk, DuckDBValue } from '@duckdb/node-api';

/** Which codes of a coded column are wanted: mask[code] is 1 (a typed-array read where a scan tests millions of jobs). */
export type CodeMask = Uint8Array;

/** Values of a low-cardinality column as small codes: 0 is NULL. */
export class Codes {
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
export interface CardColumns {
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

/** search_docs in memory, one entry per job at its position in search order (newest first, then by id). */
export interface JobColumns {
  size: number;
  clusterIds: string[];
  /** Positions ordered by cluster id: finds a job's position by binary search. */
  byId: Int32Array;
  firstSeenUs: Float64Array;
  active: Uint8Array;
  latamOpen: Uint8Array;
  scope: Uint8Array;
  seniority: Uint8Array;
  language: Uint8Array;
  contract: Uint8Array;
  salaryUsd: Float64Array;
  salaryBrl: Float64Array;
  codes: { scope: Codes; seniority: Codes; language: Codes; contract: Codes };
  /** Null for public jobs (nearly all); else who may see it. */
  visibleTo: Map<number, string[]>;
  docToPosition: Int32Array;
  /** Posting lists (sorted positions) of the list columns. */
  skills: Map<string, Int32Array>;
  sources: Map<string, Int32Array>;
  countries: Map<string, Int32Array>;
  scopes: Map<string, Int32Array>;
  /** Jobs by seniority and by contract type: a search for one value can walk just those. */
  bySeniority: Map<string, Int32Array>;
  byContract: Map<string, Int32Array>;
  cards: CardColumns;
}

/** search_docs as columns, read in one transaction so every column is of the same refresh. */
export async function readJobColumns(conn: DuckDBConnection): Promise<JobColumns> {
  await conn.run('BEGIN TRANSACTION');
  try {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE job_index_order AS
       SELECT cluster_id, doc_id, (row_number() OVER (ORDER BY first_seen_us DESC, cluster_id) - 1)::INTEGER AS pos FROM search_docs`,
    );
    const columns = await readColumns(conn);
    await conn.run('DROP TABLE job_index_order');
    return columns;
  } finally {
    await conn.run('COMMIT');
  }
}

async function readColumns(conn: DuckDBConnection): Promise<JobColumns> {
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
  return {
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
    skills: await postings('d.skills'),
    sources: await postings('d.source_ids'),
    countries: await postings('d.remote_countries'),
    scopes: await postings('[d.remote_scope]'),
    bySeniority: await postings('[d.seniority]'),
    byContract: await postings('[d.contract_type]'),
    cards,
  };
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
export async function eachValue(conn: DuckDBConnection, sql: string, params: DuckDBValue[], fn: (value: unknown) => void): Promise<void> {
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
export class TextSlab {
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
