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

/** The class of the code point at `i` (ASCII inline), and how many units it takes; a lone surrogate is no letter. */
function readAt(text: string, i: number): [number, number] {
  const code = text.charCodeAt(i);
  if (code >= 97 && code <= 122) return [IS_LETTER | IS_WORD, 1];
  if (code >= 65 && code <= 90) return [IS_LETTER | IS_UPPER | IS_WORD, 1];
  if (code < 128) return [code >= 48 && code <= 57 ? IS_WORD : 0, 1];
  const point = text.codePointAt(i) as number;
  return [classOf(point), point > 0xffff ? 2 : 1];
}

/** As text.replace(/[^\p{L}]/gu, '').length, and the same for /[^\p{Lu}]/gu. */
export function countLetters(text: string): { letters: number; upper: number } {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; ) {
    const [c, units] = readAt(text, i);
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
    const [c, units] = readAt(text, i);
    const word = (c & IS_WORD) !== 0;
    if (word && !inWord) words++;
    inWord = word;
    i += units;
  }
  return words;
}
