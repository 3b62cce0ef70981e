import { foldForMatching } from './text-fold.js';
import { aliasKey, type Taxonomy } from './skill-taxonomy.js';

/** An alias found in a text, before context decides whether it counts. */
export interface Candidate {
  skill: string;
  start: number;
  end: number;
  /** The alias key that matched (see aliasKey). */
  alias: string;
  /** The alias is also an ordinary word or a letter: it needs a technical context to count. */
  ambiguous: boolean;
  /** An ambiguous alias the skill's name writes in capitals ("SOLID", "REST"): it counts only in capitals. */
  acronym: boolean;
}

/** What a trie node that ends an alias says. */
interface AliasEnd {
  skill: string;
  alias: string;
  ambiguous: boolean;
  acronym: boolean;
}

/** A trie node while the index is built; edges are keyed by UTF-16 code unit, the unit the scan walks the text by. */
interface BuildNode {
  next: Map<number, BuildNode>;
  end?: AliasEnd;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const ALNUM = /[\p{L}\p{N}]/u;
const SPACE = 32;
const DOT = 46;
const PLUS = 43;
const HASH = 35;

/**
 * Whether a code unit is a word character (WORD_CHAR) or a letter or digit (ALNUM), decided once per
 * unit: the scan asks at every position of every description, too often for a regular expression.
 */
const classOf = new Uint8Array(0x10000);
const IS_WORD = 1;
const IS_ALNUM = 2;
const CLASSIFIED = 4;
function unitClass(code: number): number {
  let c = classOf[code] as number;
  if (c === 0) {
    const char = String.fromCharCode(code);
    c = CLASSIFIED | (WORD_CHAR.test(char) ? IS_WORD : 0) | (ALNUM.test(char) ? IS_ALNUM : 0);
    classOf[code] = c;
  }
  return c;
}
const isWordUnit = (code: number) => (unitClass(code) & IS_WORD) !== 0;
const isAlnumUnit = (code: number) => (unitClass(code) & IS_ALNUM) !== 0;
/** What follows a dot inside a name rather than after a sentence: "node.js", "docker.com", "app.py". */
const DOT_SUFFIX = /^\.(?:jsx?|tsx?|py|rb|go|rs|java|net|com|org|io|ai|dev|app|co|br|mx|ar|cl|es|pt|us|uk|exe|json|ya?ml|md|html?|css|sh|sql|txt|csv)(?![\p{L}\p{N}])/u;
/** What the scan reads as the space of a multi-word alias: hyphens ("fine-tuning") and any whitespace but a newline, so that no alias spans two lines. */
const READS_AS_SPACE = /^[-\s]$/;
const NEWLINE = 10;

/** Nodes with more edges than this get a row indexed by symbol; the others are searched edge by edge. */
const FEW_EDGES = 4;

/**
 * Every alias of a taxonomy in one character trie, for a single left-to-right pass over a text. The
 * trie is stored flat in typed arrays, as the scan follows an edge at almost every word of every
 * description. Edges are keyed by symbol, a small number for each code unit that occurs in some
 * alias; the few nodes with many edges (the root, common prefixes) have a row with an entry per
 * symbol, the others list their edges.
 */
export class AliasIndex {
  /** Node n's edges are edgeSymbols/edgeTargets[edgeStart[n], edgeStart[n + 1]); node 0 is the root. */
  private readonly edgeStart: Int32Array;
  private readonly edgeSymbols: Uint16Array;
  private readonly edgeTargets: Int32Array;
  private readonly ends: (AliasEnd | undefined)[] = [];
  /**
   * Each code unit's symbol, from 1; 0 for a unit no alias has. Every unit that READS_AS_SPACE has the
   * space's symbol, so the scan reads the folded text as it is, without a copy that replaces them.
   */
  private readonly symbols = new Uint16Array(0x10000);
  private readonly spaceSymbol: number;
  /** Where each node's row starts in `rows`, or -1 for a node with few edges. */
  private readonly rowOf: Int32Array;
  /** Rows of an entry per symbol and one unused for 0: the node an edge leads to, or -1. */
  private readonly rows: Int32Array;

  constructor(taxonomy: Taxonomy) {
    const root: BuildNode = { next: new Map() };
    for (const skill of taxonomy.skills) {
      const ambiguous = new Set((skill.ambiguous ?? []).map(aliasKey));
      const capitalWords = new Set(skill.name.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && w === w.toUpperCase()));
      for (const alias of [...skill.aliases.en, ...skill.aliases.pt, ...skill.aliases.es]) {
        const key = aliasKey(alias);
        if (key !== '') insert(root, key, { skill: skill.id, alias: key, ambiguous: ambiguous.has(key), acronym: ambiguous.has(key) && capitalWords.has(key.toUpperCase()) });
      }
    }
    // Breadth first, so that a node's number is known before its edges are written.
    const order = [root];
    for (let n = 0; n < order.length; n++) order.push(...(order[n] as BuildNode).next.values());
    const number = new Map(order.map((node, n) => [node, n]));

    let symbolCount = 0;
    for (const node of order) for (const code of node.next.keys()) if (this.symbols[code] === 0) this.symbols[code] = ++symbolCount;
    this.spaceSymbol = this.symbols[SPACE] as number;
    // Keys hold no hyphen nor whitespace but single spaces (aliasKey): no other unit loses its symbol here.
    if (this.spaceSymbol !== 0) {
      for (let code = 0; code < 0x10000; code++) if (code !== NEWLINE && READS_AS_SPACE.test(String.fromCharCode(code))) this.symbols[code] = this.spaceSymbol;
    }

    this.edgeStart = new Int32Array(order.length + 1);
    this.edgeSymbols = new Uint16Array(order.length - 1);
    this.edgeTargets = new Int32Array(order.length - 1);
    let edge = 0;
    order.forEach((node, n) => {
      this.edgeStart[n] = edge;
      this.ends.push(node.end);
      for (const [code, child] of node.next) {
        this.edgeSymbols[edge] = this.symbols[code] as number;
        this.edgeTargets[edge++] = number.get(child) as number;
      }
    });
    this.edgeStart[order.length] = edge;

    this.rowOf = new Int32Array(order.length).fill(-1);
    const wide = order.map((_, n) => n).filter((n) => (this.edgeStart[n + 1] as number) - (this.edgeStart[n] as number) > FEW_EDGES);
    this.rows = new Int32Array(wide.length * (symbolCount + 1)).fill(-1);
    wide.forEach((n, row) => {
      this.rowOf[n] = row * (symbolCount + 1);
      for (let e = this.edgeStart[n] as number; e < (this.edgeStart[n + 1] as number); e++) {
        this.rows[row * (symbolCount + 1) + (this.edgeSymbols[e] as number)] = this.edgeTargets[e] as number;
      }
    });
  }

  /** The longest alias at each word start, left to right, never overlapping; whole words only. */
  scan(nfcText: string): Candidate[] {
    // One unit per unit of the NFC input: offsets in the folded text are offsets in the original.
    const form = foldForMatching(nfcText);
    const found: Candidate[] = [];
    let i = 0;
    while (i < form.length) {
      const best = this.longestAt(form, i);
      // Text pasted without spaces after full stops ("Scrum.Python") still starts a word after the dot,
      // but not a short alias inside a name: "js" in "node.js".
      if (best && !(best.alias.length <= 2 && afterDot(form, i))) {
        found.push(best);
        i = best.end;
      } else i++;
      // A word starts only after a unit that is not a word character.
      while (i < form.length && isWordUnit(form.charCodeAt(i - 1))) i++;
    }
    return found;
  }

  private longestAt(form: string, start: number): Candidate | null {
    let node = 0;
    let best: AliasEnd | undefined;
    let bestEnd = start;
    let j = start;
    while (j < form.length) {
      const code = form.charCodeAt(j);
      const symbol = this.symbols[code] as number;
      if (symbol === 0) break;
      node = this.child(node, symbol);
      if (node < 0) break;
      j++;
      // Runs of spaces in the text read as the single space of the alias.
      if (symbol === this.spaceSymbol) while (j < form.length && this.symbols[form.charCodeAt(j)] === symbol) j++;
      const end = this.ends[node];
      if (end !== undefined && endsWord(form, j, code)) {
        best = end;
        bestEnd = j;
      }
    }
    if (best === undefined) return null;
    return { skill: best.skill, start, end: bestEnd, alias: best.alias, ambiguous: best.ambiguous, acronym: best.acronym };
  }

  /** The node the edge for `symbol` leads to from `node`, or -1. */
  private child(node: number, symbol: number): number {
    const row = this.rowOf[node] as number;
    if (row >= 0) return this.rows[row + symbol] as number;
    for (let e = this.edgeStart[node] as number, last = this.edgeStart[node + 1] as number; e < last; e++) {
      if (this.edgeSymbols[e] === symbol) return this.edgeTargets[e] as number;
    }
    return -1;
  }
}

function insert(root: BuildNode, key: string, end: AliasEnd) {
  let node = root;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    let child = node.next.get(code);
    if (!child) node.next.set(code, (child = { next: new Map() }));
    node = child;
  }
  // The taxonomy guarantees one skill per key; the first one wins if a hand-made taxonomy repeats one.
  node.end ??= end;
}

/** Whether the word at `i` follows a dot right after a letter or digit ("Scrum.Python"). */
function afterDot(form: string, i: number): boolean {
  return i >= 2 && form.charCodeAt(i - 1) === DOT && isAlnumUnit(form.charCodeAt(i - 2));
}

function endsWord(form: string, end: number, lastCode: number): boolean {
  if (end >= form.length) return true;
  const after = form.charCodeAt(end);
  if (isWordUnit(after)) return false;
  // "c" is not the start of "c++" or "c#", nor "node" of "node.js".
  if ((after === PLUS || after === HASH) && isAlnumUnit(lastCode)) return false;
  return !(after === DOT && DOT_SUFFIX.test(form.slice(end, end + 8)));
}
