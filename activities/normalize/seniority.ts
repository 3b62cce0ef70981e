import { allMatches } from './all-matches.js';
import { foldForMatching } from './text-fold.js';

export type Seniority = 'intern' | 'junior' | 'mid' | 'senior' | 'staff' | 'lead';

export interface SeniorityMatch {
  level: Seniority;
  /** The span of the field that decided the level. */
  text: string;
  field: 'title' | 'description';
}

const RANK: Seniority[] = ['intern', 'junior', 'mid', 'senior', 'staff', 'lead'];
const END = '(?![\\p{L}\\p{N}])';
const START = '(?<![\\p{L}\\p{N}])';

// Words of each level, matched on folded text (lower case, no accents) in English, Portuguese and Spanish.
const LEVEL_WORDS: [Seniority, string][] = [
  ['intern', 'estagiari[oa]s?|estagio|intern|internship|trainee|pasante|pasantia|becari[oa]|practicante|jovem aprendiz|aprendiz|working student'],
  ['junior', 'junior|jr\\.?|entry[- ]level|new grad(?:uate)?|graduate|recem[- ]formad[oa]|associate'],
  // "Semi Senior" and "SSr" are the Spanish-speaking market's mid level.
  ['mid', 'pleno|plena|mid[- ]level|mid[- ]senior|mid|semi[- ]?senior|ssr\\.?|intermediate|intermedi[oa]|intermediari[oa]'],
  ['senior', '(?<!semi[- ]?)(?<!mid[- ])(?:senior|sr\\.?)|especialista'],
  ['staff', 'staff|principal|distinguished'],
  [
    'lead',
    // A product, project or account manager manages no engineers; "lead generation" leads nobody.
    'tech(?:nical)? lead|team lead|lead(?! gen)|leader|lider|head|(?<!(?:product|project|program|account|marketing|sales|success|community) )manager|' +
      'gerente(?! de (?:produtos?|projetos?|contas?|productos?|proyectos?|cuentas?))|director[a]?|diretor[a]?|coordenador[a]?|coordinador[a]?|jef[ea]|vp|vice[- ]president|chief|cto',
  ],
];

const TITLE_RULES = LEVEL_WORDS.map(([level, words]) => [level, new RegExp(`${START}(?:${words})${END}`, 'gu')] as const);
// "Data Engineer II", "Analista de Dados III": grades as Roman numerals after the role.
const GRADE = /(?<=\s)(iv|iii|ii|i)(?=\s*(?:$|[-–|,(/]))/gu;
const GRADE_LEVEL: Record<string, Seniority> = { i: 'junior', ii: 'mid', iii: 'senior', iv: 'staff' };

// In a description a level word counts only where the ad says whom it seeks ("buscamos uma pessoa
// Sênior", "nível: pleno", "looking for a Senior engineer"), never in "you will mentor junior
// engineers" or "report to the Head of Data". Up to five words (role name) may come between.
const CUE =
  '(?:nivel|level|seniority(?: level)?|senioridade|senioridad|vaga|position|role|puesto|cargo|oportunidade|oportunidad|' +
  "looking for|seeking|hiring|buscamos|procuramos|contratando|estamos (?:buscando|procurando|contratando)|precisamos de|we need|we're looking for|necesitamos)";
const BETWEEN_WORD = '(?!(?:mentor\\w*|with|com|con|to|report\\w*|junto|alongside|help|ajudar|ayudar|support\\w*|apoi\\w*|apoy\\w*)\\b)[\\p{L}()/]+';
// Sticky: each rule starts with a cue, so it is tried only where one starts (CUE_START), not at every
// position of the description.
const DESCRIPTION_RULES = LEVEL_WORDS.map(
  ([level, words]) => [level, new RegExp(`${START}${CUE}\\s*[:\\-–]?\\s*(?:(?:de|para|for|as|a|an|um|uma|un|una)\\s+)?(?:${BETWEEN_WORD}\\s+){0,5}?(${words})${END}`, 'uy')] as const,
);
// The look-ahead comes first: it fails at once at most positions, where the Unicode look-behind
// costs more; both being tests of the same position, the order changes no match.
const CUE_START = new RegExp(`(?=${CUE})${START}`, 'gu');

// A description rule's match holds only letters, spaces and these marks, but for the "." of "Sr.":
// past the first other character after a cue, no level word of it can start. Where none starts
// before that, none of the six rules is tried at the cue (most cues: "the role", "esta vaga").
const CUE_REACH = /[\p{L}\s()/:\-–']*/uy;
const ANY_LEVEL_WORD = new RegExp(LEVEL_WORDS.map(([, words]) => `(?:${words})`).join('|'), 'u');

function levelWordAhead(folded: string, cue: number): boolean {
  CUE_REACH.lastIndex = cue;
  return ANY_LEVEL_WORD.test(CUE_REACH.exec(folded)![0]);
}

interface Found { level: Seniority; start: number; end: number }

function best(found: Found[]): Found | null {
  // The highest level named decides ("Senior Staff Engineer" is staff, "Júnior/Pleno" is mid); among
  // equals, the first.
  return found.reduce<Found | null>((top, f) => (!top || RANK.indexOf(f.level) > RANK.indexOf(top.level) ? f : top), null);
}

function inTitle(folded: string): Found | null {
  const found: Found[] = [];
  for (const [level, pattern] of TITLE_RULES) for (const m of allMatches(pattern, folded)) found.push({ level, start: m.index, end: m.index + m[0].length });
  for (const m of allMatches(GRADE, folded)) found.push({ level: GRADE_LEVEL[m[0]]!, start: m.index, end: m.index + m[0].length });
  return best(found.sort((a, b) => a.start - b.start));
}

function inDescription(folded: string): Found | null {
  const cues = allMatches(CUE_START, folded).map((m) => m.index).filter((at) => levelWordAhead(folded, at));
  const found: Found[] = [];
  for (const [level, pattern] of DESCRIPTION_RULES) {
    // The matches a global search would find: the first cue at or past the end of the last match that starts one.
    let from = 0;
    for (const at of cues) {
      if (at < from) continue;
      pattern.lastIndex = at;
      const m = pattern.exec(folded);
      if (!m) continue;
      from = m.index + m[0].length;
      found.push({ level, start: from - m[1]!.length, end: from });
    }
  }
  return best(found.sort((a, b) => a.start - b.start));
}

/** Seniority from the title, else from what the description says it seeks; null when neither says. */
export function classifySeniority(title: string, description?: string): SeniorityMatch | null {
  for (const [field, value] of [['title', title], ['description', description ?? '']] as const) {
    const nfc = value.normalize('NFC');
    const folded = foldForMatching(nfc);
    const found = field === 'title' ? inTitle(folded) : inDescription(folded);
    if (found) return { level: found.level, text: nfc.slice(found.start, found.end), field };
  }
  return null;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10,
  un: 1, uno: 1, una: 1, dos: 2, cuatro: 4, siete: 7, ocho: 8, nueve: 9, diez: 10,
};
const NUM = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
const AT_LEAST = '(?:at least|minimum(?: of)?|min\\.?|no minimo|minimo(?: de)?|pelo menos|ao menos|al menos|por lo menos|more than|over|mais de|mas de)';
// "anos" is Portuguese and, folded, Spanish "años".
const YEARS = '(?:years?|yrs?|anos|ano)';
const YEARS_PATTERN = new RegExp(
  `${START}(?:(${AT_LEAST})\\s+)?(?:(?:between|entre|de|from)\\s+)?${NUM}\\s*(\\+)?\\s*(?:(?:-|–|a|to|ate|y|and|e)\\s*${NUM}\\s*\\+?\\s*)?${YEARS}${END}`,
  'gu',
);
const EXPERIENCE_NEAR = /experien|exp\b|atuacao|atuando|trabalhando|working|building|hands-on|professional|profissional|profesional/u;
const AFTER_ROLE_WORD = /^['’]?\s*(?:of|in|with|em|en|com|con|como|as|de|no|na|building|working|trabalhando|atuando)\b/u;
// Years that are not a requirement: "founded 15 years ago", "há mais de 10 anos no mercado".
const NOT_REQUIREMENT_AFTER = /^\s*(?:ago|atras|old|de idade|de edad|de historia|de mercado|no mercado|en el mercado|in business|of history|de existencia)/u;
const NOT_REQUIREMENT_BEFORE = /(?:\bha|\bhace|for the (?:past|last)|nos ultimos|en los ultimos|founded|fundad[ao])\s+(?:\S+\s+){0,2}$/u;
const MAX_PLAUSIBLE = 15;

// A YEARS_PATTERN match holds only letters, digits, spaces, "+", "-", "–" and the "." of "min.": it
// never crosses one of these, nor a "." after anything but "min", and each one stops the look-behind
// and look-ahead as the end of the text does. So the pattern needs to run only over the stretches
// between two of them that hold a years word, not over the whole description.
const YEARS_WORDS = ['year', 'yr', 'ano'];
const BARRIERS = new Set(',;:!?()[]{}"\'/\\|*&%$#@<>=~^`_•·—“”‘’…');

function isBarrier(text: string, at: number): boolean {
  const char = text.charAt(at);
  return BARRIERS.has(char) || (char === '.' && !text.endsWith('min', at));
}

/** The [start, end) of each stretch of the folded text between barriers that holds a years word, in order. */
function yearsSegments(folded: string): [number, number][] {
  const words: number[] = [];
  for (const word of YEARS_WORDS) for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) words.push(at);
  words.sort((a, b) => a - b);
  const segments: [number, number][] = [];
  let end = -1;
  for (const at of words) {
    if (at < end) continue;
    let start = at;
    while (start > 0 && !isBarrier(folded, start - 1)) start--;
    end = at;
    while (end < folded.length && !isBarrier(folded, end)) end++;
    segments.push([start, end]);
  }
  return segments;
}

/**
 * The years of experience an ad asks for: "3+ years of experience", "mínimo de 3 anos de
 * experiência", "al menos 2 años de experiencia", "5 a 7 anos" (5). When an ad states several, the
 * largest minimum, since a candidate must meet all of them.
 */
export function yearsRequired(text: string): { min: number; text: string } | null {
  const nfc = text.normalize('NFC');
  const folded = foldForMatching(nfc);
  let result: { min: number; text: string } | null = null;
  for (const [segStart, segEnd] of yearsSegments(folded)) for (const m of allMatches(YEARS_PATTERN, folded.slice(segStart, segEnd))) {
    const [whole, atLeast, first, plus, second] = m;
    const index = segStart + m.index;
    const end = index + whole.length;
    const after = folded.slice(end, end + 60);
    const before = folded.slice(Math.max(0, index - 40), index);
    if (NOT_REQUIREMENT_AFTER.test(after) || NOT_REQUIREMENT_BEFORE.test(before)) continue;
    const stated = atLeast || plus || second || AFTER_ROLE_WORD.test(after) || EXPERIENCE_NEAR.test(after.split(/[.;\n]/)[0]!) || EXPERIENCE_NEAR.test(before);
    if (!stated) continue;
    // Folded, Portuguese "dos anos" ("of the years") reads like Spanish "dos años" (two years).
    if (first === 'dos' && !/años/iu.test(nfc.slice(index, end))) continue;
    const min = /^\d/.test(first!) ? Number(first) : NUMBER_WORDS[first!]!;
    if (min < 1 || min > MAX_PLAUSIBLE) continue;
    if (!result || min > result.min) result = { min, text: nfc.slice(index, end) };
  }
  return result;
}
