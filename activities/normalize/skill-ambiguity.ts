import type { Candidate } from './skill-index.js';

/**
 * Between two items of a list: commas, slashes, parentheses and the words for "and"/"or" in the three
 * languages ("Python, R and SQL", "C/C++", "Java ou Go", "Python y R").
 */
const LIST_GAP = /^[ \t,;/|&+()·•]*(?:(?:and|or|and\/or|e|ou|e\/ou|y|o|u|y\/o|as well as|plus)[ \t,;/|&+()·•]+)?$/i;

/** "Stack:", "Linguagens:", "Herramientas:": a label after which the line lists technologies. */
const TECH_LABEL =
  /(?:^|[\s(])(?:tech(?:nology)? stack|stack|technologies|technology|tecnologias|tecnologías|tools|ferramentas|herramientas|languages|linguagens|lenguajes|frameworks|tags|skills)(?: técnic[oa]s| tecnic[oa]s)?\s*:\s*$/i;

/** Words that may follow a product name at the start of a sentence ("Spark experience", "Excel avanzado"). */
const QUALIFIER =
  /^(?:developers?|engineers?|engineering|development|programming|experience|expertise|skills?|knowledge|proficiency|advanced|avanzado|avançado|intermedio|intermediário|intermediate|básico|basic|expert|ecosystem|framework|stack|apis?|sdk|code|scripts?|desarrollador(?:a|es)?|desenvolvedor(?:a|es)?|developer|ingenier[oa]|engenheir[oa]|\d)/i;

/** Words before a single letter that make it a label, not a language ("Series C", "Plan R", "Vitamin C"). */
const LETTER_LABEL =
  /(?:series|serie|série|round|rodada|vitamin|vitamina|class|classe|clase|tipo|type|level|nivel|nível|grade|plan|plano|tier|categoria|categoría|category|letter|letra|part|parte|section|sección|seção|anexo|annex|option|opción|opção)\s*$/i;

const isUpper = (char: string) => char !== char.toLowerCase() && char === char.toUpperCase();
const wordBefore = (text: string, at: number) => /([\p{L}'’]+)[^\p{L}\n]*$/u.exec(text.slice(Math.max(0, at - 40), at))?.[1] ?? '';
const wordAfter = (text: string, at: number) => /^[^\p{L}\n]*([\p{L}'’]+)/u.exec(text.slice(at, at + 40))?.[1] ?? '';
const isShouted = (word: string) => word.length > 1 && [...word].every((c) => !/\p{L}/u.test(c) || isUpper(c));

/** Reasons the surface form alone rules a candidate out: "R$", "R&D", "C-level", "Go-to-market", "Series C". */
function ruledOut(text: string, c: Candidate): boolean {
  const before = text[c.start - 1] ?? '';
  const after = text[c.end] ?? '';
  if (after === '$' || before === '$' || after === '&' || before === '&') return true;
  if (c.alias.length > 2) return false;
  if (after === '-' || before === '-' || after === "'" || after === '’') return true;
  if (after === '.' && /\p{L}/u.test(text[c.end + 1] ?? '')) return true;
  return c.alias.length === 1 && LETTER_LABEL.test(text.slice(Math.max(0, c.start - 20), c.start));
}

/** Where the line (past bullets) or the sentence starts right before the candidate. */
function startsSentence(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(lineStart, at).replace(/^\s*(?:[*•·+-]|\d+[.)])\s+/, '').trimEnd();
  return before === '' || /[.!?]$/.test(before);
}

/** Accepted on its own: an acronym in capitals, or a capitalised product name in running text. */
function standsAlone(text: string, c: Candidate): boolean {
  const surface = text.slice(c.start, c.end);
  if (c.alias.length >= 2 && isShouted(surface)) {
    // "AI" or "SOLID" in a sentence, not a word of a heading written in capitals ("LET'S GO").
    return !isShouted(wordBefore(text, c.start)) && !isShouted(wordAfter(text, c.end));
  }
  if (c.alias.length <= 2 || !isUpper(surface.charAt(0))) return false;
  if (!startsSentence(text, c.start)) return true;
  const rest = text.slice(c.end, c.end + 30);
  return /^\s*($|\n|[,;:/()])/.test(rest) || QUALIFIER.test(rest.trimStart());
}

const capitalised = (text: string, c: Candidate) => isUpper(text.charAt(c.start));

function isListNeighbour(text: string, left: Candidate, right: Candidate): boolean {
  const gap = text.slice(left.end, right.start);
  return gap.trim() !== '' && LIST_GAP.test(gap);
}

/**
 * The candidates that count: every unambiguous alias, and each ambiguous one ("go", "r", "c", "spark",
 * "excel", "rust") only where the text shows it is meant as technology — an item of a list of other
 * skills ("Python, R and SQL", "C/C++"), the first item after a label such as "Stack:", a capitalised
 * name in running text ("experience with Spark", never "spark joy") or an acronym in capitals; one the
 * skill's name spells in capitals ("SOLID", "REST") counts only in capitals. Single letters and two-letter words ("R", "C", "Go")
 * need the list or the label, written with a capital (or, two letters, as an acronym: "AI").
 */
export function acceptInContext(text: string, candidates: Candidate[]): Candidate[] {
  // Most texts have no ambiguous alias at all: then every candidate counts.
  if (!candidates.some((c) => c.ambiguous)) return candidates;
  const accepted = candidates.map((c) => !c.ambiguous);
  const possible = candidates.map((c) => !c.ambiguous || (!ruledOut(text, c) && (!c.acronym || isShouted(text.slice(c.start, c.end)))));
  candidates.forEach((c, i) => {
    if (accepted[i] || !possible[i]) return;
    const labelled = TECH_LABEL.test(text.slice(text.lastIndexOf('\n', c.start - 1) + 1, c.start));
    accepted[i] = standsAlone(text, c) || (labelled && (c.alias.length > 2 || capitalised(text, c)));
  });
  // Lists grow from their unambiguous items outwards: "Python, Go, R" accepts Go, then R.
  for (let changed = true; changed; ) {
    changed = false;
    candidates.forEach((c, i) => {
      if (accepted[i] || !possible[i]) return;
      const prev = candidates[i - 1];
      const next = candidates[i + 1];
      const left = prev !== undefined && accepted[i - 1] === true && isListNeighbour(text, prev, c);
      const right = next !== undefined && accepted[i + 1] === true && isListNeighbour(text, c, next);
      // A lower-case letter counts only between two list items: "python, r, sql" in a tag list.
      if (c.alias.length > 2 || capitalised(text, c) ? left || right : left && right) {
        accepted[i] = true;
        changed = true;
      }
    });
  }
  return candidates.filter((_, i) => accepted[i]);
}
