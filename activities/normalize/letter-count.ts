/**
 * Letters, capitals and words read in one pass over the text: quality and the content hash ask it of
 * every description, where Unicode-class regular expressions (stripping every other character, or
 * matching every word) cost several times more. Counts are in UTF-16 units, as the lengths of the
 * strings those expressions left would be.
 */

const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

const IS_LETTER = 1;
const IS_UPPER = 2;
const IS_WORD = 4;
const CLASSIFIED = 8;
/** The classes of each BMP code point met so far (0: not yet), and of the others. */
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classify(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  return CLASSIFIED | (LETTER.test(char) ? IS_LETTER : 0) | (UPPER.test(char) ? IS_UPPER : 0) | (LETTER_OR_DIGIT.test(char) ? IS_WORD : 0);
}

function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    let c = bmpClasses[codePoint] as number;
    if (c === 0) bmpClasses[codePoint] = c = classify(codePoint);
    return c;
  }
  let c = astralClasses.get(codePoint);
  if (c === undefined) astralClasses.set(codePoint, (c = classify(codePoint)));
  return c;
}

/** The class of the code point at `i` (ASCII inline); a lone surrogate is no letter. */
function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 97 && code <= 122) return IS_LETTER | IS_WORD;
  if (code >= 65 && code <= 90) return IS_LETTER | IS_UPPER | IS_WORD;
  if (code < 128) return code >= 48 && code <= 57 ? IS_WORD : 0;
  return classOf(text.codePointAt(i) as number);
}

/** How many units the code point at `i` takes: 2 for a surrogate pair. */
function unitsAt(text: string, i: number): number {
  return (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
}

export interface LetterCounts {
  letters: number;
  upper: number;
  words: number;
}

/**
 * In one pass: letters as text.replace(/[^\p{L}]/gu, '').length, capitals the same for /[^\p{Lu}]/gu,
 * and words as (text.match(/[\p{L}\p{N}]+/gu) ?? []).length.
 */
export function countLetters(text: string): LetterCounts {
  let letters = 0;
  let upper = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const c = classAt(text, i);
    const units = text.charCodeAt(i) < 0xd800 ? 1 : unitsAt(text, i);
    if (c & IS_LETTER) letters += units;
    if (c & IS_UPPER) upper += units;
    const word = (c & IS_WORD) !== 0;
    if (word && !inWord) words++;
    inWord = word;
    i += units;
  }
  return { letters, upper, words };
}

/** The runs of letters and digits, joined by single spaces: as text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim(). */
export function wordsOnly(text: string): string {
  // Most words are already apart by one space: the text is copied in stretches, cut only at other gaps.
  let joined = '';
  let copied = -1;
  let gap = -1;
  for (let i = 0; i < text.length; ) {
    const word = (classAt(text, i) & IS_WORD) !== 0;
    if (word && gap >= 0) {
      if (copied < 0) copied = i;
      else if (i - gap !== 1 || text.charCodeAt(gap) !== 32) {
        joined += `${text.slice(copied, gap)} `;
        copied = i;
      }
      gap = -1;
    } else if (!word && gap < 0) gap = i;
    else if (word && copied < 0) copied = i;
    i += text.charCodeAt(i) < 0xd800 ? 1 : unitsAt(text, i);
  }
  if (copied < 0) return '';
  return joined + text.slice(copied, gap >= 0 ? gap : text.length);
}

/** Calls `visit` with the [start, end) of each run of letters, as text.match(/\p{L}+/gu) finds them, in order. */
export function eachLetterRun(text: string, visit: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    // ASCII is tested here, without the call: detectLanguage runs this over every description.
    const letter = code < 128 ? ((code | 32) >= 97 && (code | 32) <= 122) : (classAt(text, i) & IS_LETTER) !== 0;
    if (letter && start < 0) start = i;
    else if (!letter && start >= 0) {
      visit(start, i);
      start = -1;
    }
    i += code < 0xd800 ? 1 : unitsAt(text, i);
  }
  if (start >= 0) visit(start, text.length);
}
