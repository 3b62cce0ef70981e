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

/** A trie node; edges are keyed by UTF-16 code unit, the unit the scan walks the text by. */
interface Node {
  next: Map<number, Node>;
  skill?: string;
  alias?: string;
  ambiguous?: boolean;
  acronym?: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const ALNUM = /[\p{L}\p{N}]/u;
const SPACE = 32;

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
const isWordUnit = (form: string, at: number) => at < form.length && (unitClass(form.charCodeAt(at)) & IS_WORD) !== 0;
const isAlnumUnit = (form: string, at: number) => at >= 0 && at < form.length && (unitClass(form.charCodeAt(at)) & IS_ALNUM) !== 0;
/** What follows a dot inside a name rather than after a sentence: "node.js", "docker.com", "app.py". */
const DOT_SUFFIX = /^\.(?:jsx?|tsx?|py|rb|go|rs|java|net|com|org|io|ai|dev|app|co|br|mx|ar|cl|es|pt|us|uk|exe|json|ya?ml|md|html?|css|sh|sql|txt|csv)(?![\p{L}\p{N}])/u;

/**
 * The text as aliases are keyed: folded like aliasKey, but one unit per unit of the NFC input so that
 * offsets carry over to the original. Newlines stay, so that no alias spans two lines.
 */
export function matchForm(nfcText: string): string {
  return foldForMatching(nfcText).replace(/-/g, ' ').replace(/[^\S\n]/g, ' ');
}

/** Every alias of a taxonomy in one character trie, for a single left-to-right pass over a text. */
export class AliasIndex {
  private readonly root: Node = { next: new Map() };

  constructor(taxonomy: Taxonomy) {
    for (const skill of taxonomy.skills) {
      const ambiguous = new Set((skill.ambiguous ?? []).map(aliasKey));
      const capitalWords = new Set(skill.name.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && w === w.toUpperCase()));
      for (const alias of [...skill.aliases.en, ...skill.aliases.pt, ...skill.aliases.es]) {
        const key = aliasKey(alias);
        if (key !== '') this.insert(key, skill.id, ambiguous.has(key), ambiguous.has(key) && capitalWords.has(key.toUpperCase()));
      }
    }
  }

  private insert(key: string, skill: string, ambiguous: boolean, acronym: boolean) {
    let node = this.root;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) node.next.set(code, (child = { next: new Map() }));
      node = child;
    }
    // The taxonomy guarantees one skill per key; the first one wins if a hand-made taxonomy repeats one.
    if (node.skill === undefined) Object.assign(node, { skill, alias: key, ambiguous, acronym });
  }

  /** The longest alias at each word start, left to right, never overlapping; whole words only. */
  scan(nfcText: string): Candidate[] {
    const form = matchForm(nfcText);
    const found: Candidate[] = [];
    let i = 0;
    while (i < form.length) {
      const start = wordStart(form, i);
      let best = start ? this.longestAt(form, i) : null;
      // Text pasted without spaces after full stops ("Scrum.Python") still starts a word after the dot,
      // but not a short alias inside a name: "js" in "node.js".
      if (best && start === 'after-dot' && best.alias.length <= 2) best = null;
      if (best) {
        found.push(best);
        i = best.end;
      } else i++;
    }
    return found;
  }

  private longestAt(form: string, start: number): Candidate | null {
    let node = this.root;
    let best: Node | null = null;
    let bestEnd = start;
    let j = start;
    while (j < form.length) {
      const code = form.charCodeAt(j);
      const child = node.next.get(code);
      if (!child) break;
      node = child;
      j++;
      // Runs of spaces in the text read as the single space of the alias.
      if (code === SPACE) while (form.charCodeAt(j) === SPACE) j++;
      if (node.skill !== undefined && endsWord(form, j, code)) {
        best = node;
        bestEnd = j;
      }
    }
    if (best === null) return null;
    return { skill: best.skill as string, start, end: bestEnd, alias: best.alias as string, ambiguous: best.ambiguous === true, acronym: best.acronym === true };
  }
}

function wordStart(form: string, i: number): 'yes' | 'after-dot' | null {
  if (i === 0) return 'yes';
  if (isWordUnit(form, i - 1)) return null;
  return form[i - 1] === '.' && isAlnumUnit(form, i - 2) ? 'after-dot' : 'yes';
}

function endsWord(form: string, end: number, lastCode: number): boolean {
  if (end >= form.length) return true;
  if (isWordUnit(form, end)) return false;
  const after = form[end];
  // "c" is not the start of "c++" or "c#", nor "node" of "node.js".
  if ((unitClass(lastCode) & IS_ALNUM) !== 0 && (after === '+' || after === '#')) return false;
  return !(after === '.' && DOT_SUFFIX.test(form.slice(end, end + 8)));
}
