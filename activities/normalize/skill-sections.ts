import { allMatches } from './all-matches.js';
import { foldForMatching } from './text-fold.js';

/** true: the posting requires the skill; false: it is a nice-to-have; null: the posting does not say. */
export type Requirement = boolean | null;

// Patterns run on folded text (lower case, no accents): "desejável" is matched as "desejavel".
const words = (alternatives: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'u');

const NICE_WORDS = [
  'nice[ -]to[ -]haves?', 'bonus(?: points)?', 'extra points', 'pluses', '(?:a |es un |is a )?plus', 'preferred(?: \\w+)?', 'preferably',
  'desirable', 'desired (?:skills|qualifications|experience)', 'good to have', 'diferenciais', 'diferencial', 'desejave(?:l|is)',
  'ganha pontos', 'pontos extras', 'deseables?', 'valorables?', 'se valora(?:ra)?', 'suma(?:ra|n)? puntos', 'no excluyentes?',
  'nao obrigatori[oa]s?', 'not required', 'opcional(?:es)?', 'optional', 'ideally', 'idealmente',
];
const NICE = words(NICE_WORDS);
const REQUIRED = words([
  'requirements?', 'required', '(?:minimum |basic )?qualifications', 'must[ -]haves?', "(?:what )?(?:we're|we are) looking for",
  'what we look for', "what you(?:'ll| will)? need", 'what you bring', 'who you are', "(?:what )?you(?:'ll)? have", 'requisitos?',
  'pre ?requisitos', 'qualificacoes', 'o que (?:buscamos|procuramos|esperamos|precisamos)', 'o que voce (?:precisa|traz|tem)',
  'requerimientos', '(?:lo )?que buscamos', '(?:lo )?que necesitas', 'excluyentes?', 'obrigatori[oa]s?', 'indispensave(?:l|is)',
]);
/** Words that make the sentence around a mention a requirement, whatever its section. */
const REQUIRED_INLINE_WORDS = [
  'required', 'mandatory', 'must', 'must[ -]have', 'essential', 'requisitos?', 'obrigatori[oa]s?', 'indispensave(?:l|is)',
  'imprescindive(?:l|is)', 'essencia(?:l|is)', 'excluyentes?', 'indispensables?', 'imprescindibles?', 'requerid[oa]s?',
];
const REQUIRED_INLINE = words(REQUIRED_INLINE_WORDS);
/** Section names that say little on their own: they name a requirements section only as a whole heading. */
const REQUIRED_HEADING = new RegExp(
  '^(?:(?:your|our ideal|seu|tu|el) )?(?:profile|perfil(?: \\w+)?|(?:technical |key |core )?skills(?: \\w+)?|experience|conhecimentos(?: \\w+)?|' +
    'conocimientos(?: \\w+)?|competencias(?: \\w+)?|habilidades(?: \\w+)?|experiencia(?: \\w+)?|skills and experience|about you|sobre voce|sobre ti)$',
  'u',
);
/** Other sections: a new one of these ends a requirements or nice-to-have section. */
const OTHER = words([
  'responsibilit(?:y|ies)', "what you(?:'ll| will) do", 'the role', 'about(?: (?:the role|the job|us|the company|the team))?', 'who we are',
  'benefits', 'perks', 'what we offer', 'we offer', 'compensation', 'salary', 'how to apply', '(?:our |tech |technology )?stack',
  'responsabilidades', 'atividades', 'atribuicoes', 'o que voce (?:vai|ira) fazer', 'sobre(?: nos| a vaga| a empresa| o time)?',
  'beneficios', 'oferecemos', 'remuneracao', 'funciones', 'tus funciones', '(?:lo )?que haras', 'sobre nosotros', '(?:te )?ofrecemos',
  'dia a dia', 'your day', 'description', 'descripcion', 'descricao', 'mision', 'mission', 'desafios?', 'challenges?', 'location',
  'localizacao', 'ubicacion', 'processo seletivo', 'hiring process', 'interview process', 'our culture', 'cultura',
]);

const INLINE = [[new RegExp(NICE.source, 'gu'), false], [new RegExp(REQUIRED_INLINE.source, 'gu'), true]] as const;
/**
 * The words of either, without the checks for whole words: a line with none of them says nothing
 * inline. Looking for this first is quicker, as the checks are tried at every position of the line.
 */
const ANY_INLINE_WORDS = new RegExp(`(?:${[...NICE_WORDS, ...REQUIRED_INLINE_WORDS].join('|')})`, 'u');

const LIST_ITEM = /^(?:[*•·+-]|\d+[.)])\s+/;

/**
 * What a line says as a heading: the requirement the section under it announces, null for a section
 * that says neither (which ends the previous one); 'before-list' for a short capitalised line, the
 * heading of some other section only if a list follows ("Our culture"); 'plain' for a line that is no heading.
 */
type HeadingReading = Requirement | 'before-list' | 'plain';

/**
 * Lines read before as headings, by trimmed line, and heading words by the words: postings repeat
 * their headings ("Requisitos:", "Benefits:") and labels ("Código da vaga: …"), and reading one takes
 * a dozen patterns. Each is emptied when full, to bound its memory.
 */
const readHeadings = new Map<string, HeadingReading>();
const readHeadWords = new Map<string, HeadWords>();
const MEMO_MAX = 10_000;

function remembered<V>(memo: Map<string, V>, key: string, read: (key: string) => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, (value = read(key)));
  }
  return value;
}

/** What line i of a text announces if it is a heading ("Requisitos", "Nice to have:", "Diferenciais: Spark, Kafka"); undefined if it is none. */
function headingOf(lines: readonly string[], i: number): Requirement | undefined {
  const trimmed = (lines[i] as string).trim();
  // Most lines are blank, list items or sentences: with no markup to strip and no colon, those are
  // ruled out here, before the copies readHeading makes (the same answer, sooner).
  if (trimmed === '') return undefined;
  if (!trimmed.startsWith('#') && !trimmed.startsWith('**') && !trimmed.includes(':') && (trimmed.length > 70 || LIST_ITEM.test(trimmed))) return undefined;
  const reading = remembered(readHeadings, trimmed, readHeading);
  if (reading === 'plain') return undefined;
  if (reading !== 'before-list') return reading;
  let next = i + 1;
  while (next < lines.length && (lines[next] as string).trim() === '') next++;
  return LIST_ITEM.test((lines[next] ?? '').trim()) ? null : undefined;
}

function readHeading(trimmed: string): HeadingReading {
  let text = trimmed.replace(/^#+\s*/, '').replace(/^\*\*(.*)\*\*$/, '$1').trim();
  const isItem = LIST_ITEM.test(text);
  text = text.replace(LIST_ITEM, '');
  const colon = text.indexOf(':');
  const head = (colon >= 0 ? text.slice(0, colon) : text).trim();
  const headingLike =
    colon >= 0 ? head.length <= 60 && (!isItem || text.slice(colon + 1).trim() === '') : !isItem && head.length <= 70 && !/[.!?,;]$/.test(head);
  if (!headingLike || head === '') return 'plain';
  // Words are counted only on lines short enough to be headings: splitting every paragraph cost more.
  const count = head.split(/\s+/).length;
  if (count > 8) return 'plain';
  const words = remembered(readHeadWords, head, headWords);
  if (words !== 'other' && words !== 'none') return words;
  if (words === 'other' || (colon >= 0 && text.slice(colon + 1).trim() === '')) return null;
  return colon < 0 && count <= 5 && /^\p{Lu}/u.test(head) ? 'before-list' : 'plain';
}

/**
 * What a heading's words announce: a requirement (nice-to-have when they say both, unless joined as
 * in "Required and nice to have": then null), 'other' for a section of another kind, 'none' for no section.
 */
type HeadWords = Requirement | 'other' | 'none';

function headWords(head: string): HeadWords {
  const folded = foldForMatching(head).replace(/[^\p{L}\p{N}' -]+/gu, ' ').replace(/\s+/g, ' ').trim();
  const nice = NICE.test(folded);
  const required = REQUIRED.test(folded) || REQUIRED_HEADING.test(folded);
  if (nice && required) return /\b(and|e|y)\b|&|\//.test(folded) ? null : false;
  if (nice) return false;
  if (required) return true;
  return OTHER.test(folded) ? 'other' : 'none';
}

/** A "required" or "nice to have" said in a line, as a span of the line. */
interface InlineSaying {
  start: number;
  end: number;
  status: boolean;
}

/** What a line says inline, nice-to-have first, in text order: the order ties are settled in. */
function inlineSayings(foldedLine: string): InlineSaying[] {
  const sayings: InlineSaying[] = [];
  for (const [pattern, status] of INLINE) {
    for (const match of allMatches(pattern, foldedLine)) sayings.push({ start: match.index, end: match.index + match[0].length, status });
  }
  return sayings;
}

/**
 * The nearest "required" or "nice to have" said in the sentence [from, to) of a line around a mention
 * at `at` ("Kafka is a plus"). The line's sayings serve every sentence: none of the patterns reaches
 * across the punctuation that ends a sentence.
 */
function inlineRequirement(sayings: readonly InlineSaying[], from: number, to: number, at: number): Requirement | undefined {
  let best: { distance: number; status: boolean } | undefined;
  for (const saying of sayings) {
    if (saying.start < from || saying.end > to) continue;
    const distance = Math.min(Math.abs(saying.start - at), Math.abs(saying.end - at));
    // "no excluyente" contains "excluyente": at equal distance the nice-to-have reading wins.
    if (!best || distance < best.distance) best = { distance, status: saying.status };
  }
  return best?.status;
}

const SENTENCE_END = /[.;!?](?:\s|$)/g;
const isSentencePunctuation = (char: string | undefined) => char === '.' || char === ';' || char === '!' || char === '?';

/** What the reader needs of a line to place a mention's sentence, computed once per line that has one. */
interface LineReading {
  /** Offsets of the punctuation that ends a sentence: followed by a space or the end of the line. */
  readonly sentenceEnds: readonly number[];
  readonly sayings: readonly InlineSaying[];
}

/** What most lines with a mention say inline: nothing. Sentences only bound the sayings that count for a mention, so it needs no ends. */
const SAYS_NOTHING: LineReading = { sentenceEnds: [], sayings: [] };

function readLine(line: string, foldedLine: string): LineReading {
  if (!ANY_INLINE_WORDS.test(foldedLine)) return SAYS_NOTHING;
  return { sentenceEnds: allMatches(SENTENCE_END, line).map((m) => m.index), sayings: inlineSayings(foldedLine) };
}

/** The sentence [from, to) of a line around the span [start, end); punctuation right before the span ends a sentence too. */
function sentenceAround(line: string, reading: LineReading, start: number, end: number): [number, number] {
  let from = isSentencePunctuation(line[start - 1]) ? start : 0;
  let to = line.length;
  for (const at of reading.sentenceEnds) {
    if (at + 1 < start) from = Math.max(from, at + 1);
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return [from, to];
}

/**
 * Reads a posting's plain text (headings and list items on lines of their own, as htmlToPlainText
 * writes them) and tells for any span whether it lies in a requirements section, a nice-to-have one
 * or neither; a sentence that itself says "required" or "is a plus" overrides its section. A class
 * rather than a closure: one is made per field of every posting, and nested functions cost a name
 * each time under the loader's keep-names transform.
 */
export class RequirementReader {
  private readonly lines: string[];
  /** Folding keeps offsets, so a line's fold is the same span of the text's (folded once per posting). */
  private readonly folded: string;
  private readonly starts: number[] = [];
  /** The section each line is in, read only as far down as a mention asks: a heading rules the lines below it. */
  private readonly status: Requirement[] = [];
  private current: Requirement = null;
  private readonly readings: (LineReading | undefined)[] = [];

  constructor(text: string) {
    this.lines = text.split('\n');
    this.folded = foldForMatching(text);
    let offset = 0;
    for (const line of this.lines) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
  }

  /** Whether the span [start, end) of the text is required, nice to have, or neither said. */
  of(start: number, end: number): Requirement {
    const index = lineAt(this.starts, start);
    const lineStart = this.starts[index] as number;
    const line = this.lines[index] as string;
    const reading = (this.readings[index] ??= readLine(line, this.folded.slice(lineStart, lineStart + line.length)));
    if (reading.sayings.length === 0) return this.statusOf(index);
    const [from, to] = sentenceAround(line, reading, start - lineStart, end - lineStart);
    const inline = inlineRequirement(reading.sayings, from, to, start - lineStart);
    return inline ?? this.statusOf(index);
  }

  private statusOf(index: number): Requirement {
    for (let i = this.status.length; i <= index; i++) {
      const heading = headingOf(this.lines, i);
      if (heading !== undefined) this.current = heading;
      this.status.push(this.current);
    }
    return this.status[index] as Requirement;
  }
}

/** The last line starting at or before the offset (the first line for none), by bisection of the ascending starts. */
function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
