const BASE_MS = 1_000;
const MAX_MS = 60_000;
/** A server asking for more than this is treated as down for this run; the source fails and the next run tries again. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The wait a server asked for in Retry-After, carried by HTTP fetch errors and e-mail provider errors alike. */
export function retryAfterMs(error: unknown): number | null {
  if (!(error instanceof Error) || !('retryAfterMs' in error)) return null;
  return typeof error.retryAfterMs === 'number' ? error.retryAfterMs : null;
}

/**
 * How long to wait before the next attempt of a failed fetch: what the server asked for in
 * Retry-After, else exponential backoff with full jitter, so that many workers retrying one host
 * do not come back in lockstep. `random` is injectable for tests.
 */
export function retryDelayMs(error: unknown, attempt: number, random: () => number = Math.random): number {
  const asked = retryAfterMs(error);
  if (asked !== null) return Math.min(asked, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
