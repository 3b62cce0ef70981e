import { describe, expect, it } from 'vitest';
import { HttpStatusError, parseRetryAfter } from './ingest/http-fetch.js';
import { MAX_RETRY_AFTER_MS, retryDelayMs } from './retry-delay.js';

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 3 ', 3_000],
    ['Thu, 26 Nov 2026 12:00:30 GMT', 30_000],
    ['Thu, 26 Nov 2026 11:00:00 GMT', 0],
    ['soon', null],
    [null, null],
  ])('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, Date.parse('2026-11-26T12:00:00Z'))).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('waits what the server asked for', () => {
    expect(retryDelayMs(new HttpStatusError('u', 429, 7_000), 1)).toBe(7_000);
    expect(retryDelayMs(new HttpStatusError('u', 503, 60 * 60_000), 1)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('else backs off exponentially with jitter between half and the whole ceiling', () => {
    expect(retryDelayMs(new Error('x'), 1, () => 0)).toBe(500);
    expect(retryDelayMs(new Error('x'), 1, () => 1)).toBe(1_000);
    expect(retryDelayMs(new Error('x'), 3, () => 0.5)).toBe(3_000);
    expect(retryDelayMs(new HttpStatusError('u', 500), 20, () => 1)).toBe(60_000);
  });
});
