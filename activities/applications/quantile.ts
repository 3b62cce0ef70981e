/**
 * The q-quantile of the values by linear interpolation between closest ranks: the same definition as
 * DuckDB's quantile_cont, so figures computed here and in SQL agree. Null for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (position - below);
}

export const DAY_MS = 86_400_000;

export function daysBetween(fromIso: string, to: Date | string): number {
  return (new Date(to).getTime() - new Date(fromIso).getTime()) / DAY_MS;
}
