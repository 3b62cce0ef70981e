/**
 * Every match of a global pattern in a text, as [...text.matchAll(pattern)] gives them (the pattern's
 * lastIndex being 0, as it is between calls). matchAll makes a copy of the pattern on every call,
 * which costs more than the search itself on the short lines and sentences the readers look at, and
 * the readers call it thousands of times per posting; exec in a loop makes none.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`allMatches needs a global pattern: ${pattern}`);
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    found.push(match);
    // After an empty match the search moves on by one character, a whole surrogate pair under the u flag.
    if (match[0] === '') pattern.lastIndex += pattern.unicode && isPairAt(text, pattern.lastIndex) ? 2 : 1;
  }
  return found;
}

function isPairAt(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  const second = text.charCodeAt(at + 1);
  return first >= 0xd800 && first <= 0xdbff && second >= 0xdc00 && second <= 0xdfff;
}
