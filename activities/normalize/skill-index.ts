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

interface Node {
  next: Map<string, Node>;
  skill?: string;
  alias?: string;
  ambiguous?: boolean;
  acronym?: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const ALNUM = /[\p{L}\p{N}]/u;
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
    for (const char of key) {
      let child = node.next.get(char);
      if (!child) node.next.set(char, (child = { next: new Map() }));
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
    let best: Candidate | null = null;
    let j = start;
    while (j < form.length) {
      const char = form[j] as string;
      const child = node.next.get(char);
      if (!child) break;
      node = child;
      j++;
      // Runs of spaces in the text read as the single space of the alias.
      if (char === ' ') while (form[j] === ' ') j++;
      if (node.skill !== undefined && endsWord(form, j, char)) {
        best = { skill: node.skill, start, end: j, alias: node.alias as string, ambiguous: node.ambiguous === true, acronym: node.acronym === true };
      }
    }
    return best;
  }
}

function wordStart(form: string, i: number): 'yes' | 'after-dot' | null {
  const before = form[i - 1];
  if (before === undefined) return 'yes';
  if (WORD_CHAR.test(before)) return null;
  return before === '.' && ALNUM.test(form[i - 2] ?? '') ? 'after-dot' : 'yes';
}

function endsWord(form: string, end: number, lastChar: string): boolean {
  const after = form[end];
  if (after === undefined) return true;
  if (WORD_CHAR.test(after)) return false;
  // "c" is not the start of "c++" or "c#", nor "node" of "node.js".
  if (ALNUM.test(lastChar) && (after === '+' || after === '#')) return false;
  return !(after === '.' && DOT_SUFFIX.test(form.slice(end, end + 8)));
}
