/**
 * Lower case without diacritics, one UTF-16 unit per unit of the NFC input, so that offsets found
 * in the folded text point at the same span of the original ("Ciência" and "ciencia" both match).
 *
 * Hot path: every field reader folds the same description, so the last few results are memoized,
 * lower-casing is native, and only non-ASCII characters are decomposed (each once per process).
 */
export function foldForMatching(nfcText: string): string {
  const memo = recent.get(nfcText);
  if (memo !== undefined) return memo;
  const folded = fold(nfcText);
  if (recent.size >= RECENT_SIZE) recent.delete(recent.keys().next().value as string);
  recent.set(nfcText, folded);
  return folded;
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
