/**
 * Letters, capitals and words counted without building strings: quality asks it of every
 * description, where removing every other character with a regular expression cost more than reading.
 * Counts are in UTF-16 units, as the lengths of the strings those expressions left would be.
 */

const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

const IS_LETTER = 1;
const IS_UPPER = 2;
const IS_WORD = 4;
/** The classes of each non-ASCII code point met so far. */
const classes = new Map<number, number>();

function classOf(codePoint: number): number {
  let c = classes.get(codePoint);
  if (c === undefined) {
    const char = String.fromCodePoint(codePoint);
    c = (LETTER.test(char) ? IS_LETTER : 0) | (UPPER.test(char) ? IS_UPPER : 0) | (LETTER_OR_DIGIT.test(char) ? IS_WORD : 0);
    classes.set(codePoint, c);
  }
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

/** As text.replace(/[^\p{L}]/gu, '').length, and the same for /[^\p{Lu}]/gu. */
export function countLetters(text: string): { letters: number; upper: number } {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; ) {
    const c = classAt(text, i);
    const units = text.charCodeAt(i) < 0xd800 ? 1 : unitsAt(text, i);
    if (c & IS_LETTER) letters += units;
    if (c & IS_UPPER) upper += units;
    i += units;
  }
  return { letters, upper };
}

/** As (text.match(/[\p{L}\p{N}]+/gu) ?? []).length. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const word = (classAt(text, i) & IS_WORD) !== 0;
    if (word && !inWord) words++;
    inWord = word;
    i += text.charCodeAt(i) < 0xd800 ? 1 : unitsAt(text, i);
  }
  return words;
}
