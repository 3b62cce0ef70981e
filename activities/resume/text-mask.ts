// Blanking parts of a résumé's text without moving anything, so that what a reader finds in the
// masked text has the same offsets in the original (and hence valid evidence spans).

/** The text with every character `keep` refuses blanked (newlines kept). */
export function mask(text: string, keep: (at: number) => boolean): string {
  return text.replace(/[^\n]/g, (char, at: number) => (keep(at) ? char : ' '));
}

/** Whether an offset falls inside any of the ranges (end excluded). */
export const within =
  (ranges: readonly { start: number; end: number }[]) =>
  (at: number): boolean =>
    ranges.some((r) => at >= r.start && at < r.end);
