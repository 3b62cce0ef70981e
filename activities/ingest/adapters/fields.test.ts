import { afterEach, describe, expect, it } from 'vitest';
import { decodeEntities, toIso } from './fields.js';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('toIso', () => {
  it('reads a date-time without an offset as UTC, whatever zone the server runs in', () => {
    process.env.TZ = 'America/Sao_Paulo';
    expect(toIso('2026-10-01T12:00:00')).toBe('2026-10-01T12:00:00.000Z');
    expect(toIso('2026-10-01 12:00:00')).toBe('2026-10-01T12:00:00.000Z');
    expect(toIso(' 2026-10-01T12:00 ')).toBe('2026-10-01T12:00:00.000Z');
    expect(toIso('2026-10-01T12:00:00-03:00')).toBe('2026-10-01T15:00:00.000Z');
    expect(toIso('2026-10-01')).toBe('2026-10-01T00:00:00.000Z');
    expect(toIso(1_790_000_000_000)).toBe(new Date(1_790_000_000_000).toISOString());
  });

  it('gives null for nothing and for what is not a date', () => {
    expect(toIso(null)).toBeNull();
    expect(toIso('  ')).toBeNull();
    expect(toIso('soon')).toBeNull();
  });
});

describe('decodeEntities', () => {
  it('decodes once, keeps unknown and out-of-range entities as written', () => {
    expect(decodeEntities('Data Science &amp; Analytics')).toBe('Data Science & Analytics');
    expect(decodeEntities('&amp;lt;p&amp;gt;')).toBe('&lt;p&gt;');
    expect(decodeEntities('&#8211; &#x2014; &bogus; &#9999999999;')).toBe('– — &bogus; &#9999999999;');
  });
});
