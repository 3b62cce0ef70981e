import { allMatches } from './all-matches.js';
import { foldForMatching } from './text-fold.js';

interface Span {
  start: number;
  end: number;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10,
  un: 1, uno: 1, dos: 2, cuatro: 4, siete: 7, ocho: 8, nueve: 9, diez: 10,
};
const NUMBER = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
/** "3+ years", "3-5 years", "at least 2 yrs", "3 anos", "2 años", "mínimo de 3 años", "(5+ years)". */
const YEARS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:at least|minimum(?: of)?|min\\.?|over|more than|pelo menos|no minimo|minimo(?: de)?|mais de|al menos|como minimo|mas de)\\s+)?` +
    `${NUMBER}\\s*\\+?(?:\\s*(?:-|–|to|a|ou|or|o)\\s*\\d{1,2}\\s*\\+?)?\\s*(?:years?|yrs?|anos?)(?![\\p{L}])`,
  'gu',
);

/** A quick look for a unit before the full search ("years", "anos", "años", any case). */
const UNIT = /(?:years?|yrs?|anos?|años?)(?![\p{L}])/iu;

/** Words that may stand between a number of years and the skill it is about ("3 anos de experiência com"). */
const CONNECTORS = new Set([
  'of', 'de', 'do', 'da', 'del', 'in', 'on', 'with', 'using', 'em', 'com', 'con', 'en', 'no', 'na', 'el', 'la', 'los', 'las', 'the',
  'a', 'an', 'and', 'or', 'e', 'ou', 'y', 'o', 'experience', 'experiencia', 'exp', 'professional', 'profissional', 'profesional',
  'hands', 'relevant', 'relevante', 'solid', 'solida', 'proven', 'comprovada', 'comprobable', 'demonstrated', 'working',
  'trabalhando', 'trabajando', 'developing', 'desenvolvendo', 'desarrollando', 'building', 'programming', 'programacao',
  'programacion', 'development', 'desenvolvimento', 'desarrollo', 'as', 'como', 'atuando', 'practical', 'pratica', 'practica',
]);
/** Words that start another requirement: the years before them are not about the skill after them. */
const BLOCKERS = new Set(['knowledge', 'familiarity', 'understanding', 'conhecimento', 'conhecimentos', 'conocimiento', 'conocimientos', 'plus', 'also', 'tambem', 'tambien']);
/** Between a skill and the years after it: "Python (5+ years)", "Python: 3 anos", "SQL – 2 años". */
const AFTER_GAP = /^[\s(:,–—-]*(?:(?:with|com|con|for|por|de|at least|minimum|minimo|pelo menos|al menos)\s+)?$/;

function gapConnects(gap: string): boolean {
  const tokens = gap.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
  if (tokens.length > 8 || tokens.some((t) => BLOCKERS.has(t)) || /[.;!?]/.test(gap)) return false;
  return tokens.filter((t) => !CONNECTORS.has(t)).length <= 1;
}

/**
 * The years of experience a sentence asks for with each mentioned skill of a text, or null: "3+ years
 * of Python", "3 anos de experiência com Python", "experiencia de 2 años en SQL", "Python (5+ years)".
 * A range gives its lower end. Other skills listed in between share the figure ("5 years of Python
 * and SQL"). `mentioned` is every mention in the text. Mentions are asked for in text order, and those
 * on one line share its look for a unit of years, which most lines lack.
 */
export class YearsReader {
  private lineStart = 0;
  private lineEnd = -1;
  private line = '';
  private hasUnit = false;

  constructor(
    private readonly text: string,
    private readonly mentioned: readonly Span[],
  ) {}

  of(mention: Span): number | null {
    // No mention spans two lines (see AliasIndex.scan), so one inside the last line read is on it.
    if (mention.start < this.lineStart || mention.end > this.lineEnd) {
      this.lineStart = this.text.lastIndexOf('\n', mention.start - 1) + 1;
      const lineEnd = this.text.indexOf('\n', mention.end);
      this.lineEnd = lineEnd < 0 ? this.text.length : lineEnd;
      this.line = this.text.slice(this.lineStart, this.lineEnd);
      this.hasUnit = UNIT.test(this.line);
    }
    return this.hasUnit ? yearsOnLine(this.line, this.lineStart, mention, this.mentioned) : null;
  }
}

/** The years for a mention on a line that starts at lineStart of the text, among all the text's mentions. */
function yearsOnLine(line: string, lineStart: number, mention: Span, mentioned: readonly Span[]): number | null {
  const others = mentioned.filter((o) => o !== mention);
  const folded = foldForMatching(line);
  // Other skills in between read as list items: "years of [Python], [SQL] and …".
  let masked = folded;
  for (const other of others) {
    const from = other.start - lineStart;
    if (from >= 0 && other.end - lineStart <= folded.length) masked = masked.slice(0, from) + ','.repeat(other.end - other.start) + masked.slice(other.end - lineStart);
  }
  const at = mention.start - lineStart;
  const end = mention.end - lineStart;
  const starts = others.map((o) => o.start - lineStart).filter((o) => o >= 0 && o <= folded.length);
  // Years that lead into another skill are about that one: "Python, 3 years of Java" gives Python nothing.
  const leadsTo = (from: number) => starts.some((s) => s >= from && s !== at && /\p{L}/u.test(masked.slice(from, s)) && gapConnects(masked.slice(from, s)));
  let best: { distance: number; years: number } | null = null;
  for (const match of allMatches(YEARS, masked)) {
    const years = NUMBER_WORDS[match[1] as string] ?? Number(match[1]);
    const matchEnd = match.index + match[0].length;
    const before = matchEnd <= at;
    const connected = before ? gapConnects(masked.slice(matchEnd, at)) : match.index >= end && AFTER_GAP.test(masked.slice(end, match.index)) && !leadsTo(matchEnd);
    const distance = before ? at - matchEnd : match.index - end;
    if (connected && years > 0 && years <= 40 && (!best || distance < best.distance)) best = { distance, years };
  }
  return best?.years ?? null;
}
