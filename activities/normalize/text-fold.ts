/**
 * Lower case without diacritics, one UTF-16 unit per unit of the NFC input, so that offsets found
 * in the folded text point at the same span of the original ("Ciência" and "ciencia" both match).
 *
 * Hot path: every field reader folds the same description, so the last few results are memoized,
 * lower-casing is native, and only non-ASCII characters are decomposed (each once per process). The
 * memo keeps the most recently used: the readers fold many short lines between two reads of the
 * description, which would otherwise push it out.
 */
export function foldForMatching(nfcText: string): string {
  const memo = recent.get(nfcText);
  if (memo !== undefined) {
    recent.delete(nfcText);
    recent.set(nfcText, memo);
    return memo;
  }
  const folded = fold(nfcText);
  if (recent.size >= RECENT_SIZE) recent.delete(recent.keys().next().value as string);
  recent.set(nfcText, folded);
  return folded;
}

/**
 * foldForMatching of the NFC lines joined by newlines, built from each line's memoized fold, so that a
 * title or location read together with the description does not fold the description once more.
 * Lower-casing looks across characters only for a final sigma, which a newline ends, so the folded
 * lines join as the lines do; unless a line changes length when lower-cased: then the whole is
 * folded character by character, as foldForMatching would.
 */
export function foldLines(nfcLines: readonly string[]): string {
  if (nfcLines.some((line) => line.toLowerCase().length !== line.length)) return foldForMatching(nfcLines.join('\n'));
  return nfcLines.map(foldForMatching).join('\n');
}

const RECENT_SIZE = 16;
const recent = new Map<string, string>();
const foldedChars = new Map<string, string>();

function foldChar(char: string): string {
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    const candidate = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    folded = candidate.length === char.length ? candidate : char;
    foldedChars.set(char, folded);
  }
  return folded;
}

function fold(text: string): string {
  const lowered = text.toLowerCase();
  // A few characters change length when lower-cased (e.g. "İ"); fold those one by one to keep offsets.
  if (lowered.length !== text.length) return text.replace(/[\s\S]/gu, foldChar);
  return lowered.replace(/[^\p{ASCII}]/gu, foldChar);
}
