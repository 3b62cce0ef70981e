/**
 * Lower case without diacritics, one UTF-16 unit per unit of the NFC input, so that offsets found
 * in the folded text point at the same span of the original ("Ciência" and "ciencia" both match).
 */
export function foldForMatching(nfcText: string): string {
  let out = '';
  for (const char of nfcText) {
    const folded = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    out += folded.length === char.length ? folded : char;
  }
  return out;
}
