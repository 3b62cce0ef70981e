import type { z } from 'zod';
import { PermanentError } from '../../errors.js';
import type { ParsedFeed, SourceContext } from './types.js';

/** Deeper than any job board nests; hashing, staging and zod all recurse, and would overflow the stack on 100,000 levels. */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of a parsed JSON value, walked without recursion; stops counting past `limit`. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A body that is not JSON is a broken source (an HTML error page, a truncated answer), not a transient fault. */
export function parseJson(body: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new PermanentError(`not JSON: ${(error as Error).message}`);
  }
  if (depthExceeds(json, MAX_JSON_DEPTH)) throw new PermanentError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep; no job board's answer does`);
  return json;
}

/** The JSON body checked against the board's envelope; a foreign shape is refused permanently with `refusal`. */
export function parseEnvelope<T>(body: string, schema: z.ZodType<T>, refusal: string): T {
  const envelope = schema.safeParse(parseJson(body));
  if (!envelope.success) throw new PermanentError(refusal);
  return envelope.data;
}

/** Validates each item on its own so one malformed job costs that job, not the page. */
export function collectItems<T extends Record<string, unknown>>(
  candidates: unknown[],
  schema: z.ZodType<T>,
  idOf: (item: T) => string | number,
  payloadOf: (item: T) => Record<string, unknown> = (item) => item,
): ParsedFeed {
  const items: ParsedFeed['items'] = [];
  let skipped = 0;
  for (const candidate of candidates) {
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) {
      skipped += 1;
      continue;
    }
    items.push({ externalId: String(idOf(parsed.data)), payload: payloadOf(parsed.data) });
  }
  return { items, skipped };
}

/**
 * The operator's company name (SourceContext), stored on each payload as `configured_company` (a key
 * no board uses), so that extract() can fall back to it. Like Workable's account name, it is part of what the
 * source's items are, so a renamed company yields new raw versions.
 */
export function withConfiguredCompany<T extends Record<string, unknown>>(context: SourceContext | undefined): (item: T) => Record<string, unknown> {
  return (item) => (context?.company ? { ...item, configured_company: context.company } : item);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Decodes HTML entities in one pass, so an entity-encoded HTML document becomes HTML again while a
 * literal "&amp;lt;" in the original text stays the text "&lt;" rather than turning into a tag.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[entity.toLowerCase()] ?? whole;
  });
}

/**
 * Later stages compare dates as ISO strings; boards publish epoch ms, bare dates, offsets, or local
 * date-times without a zone. Those last are read as UTC, never as the server's own zone, so the same
 * posting gets the same date on every machine.
 */
export function toIso(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === '') return null;
  const naive = typeof text === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
  const date = new Date(naive ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Boards that publish Unix seconds (0 or absent meaning "not published"). */
export function fromEpochSeconds(seconds: number | null | undefined): string | null {
  return seconds && seconds > 0 ? new Date(seconds * 1000).toISOString() : null;
}

export type PayPeriod = 'hour' | 'day' | 'week' | 'month' | 'year';

/** The "CUR min - max per period" shape the salary normalizer reads without guessing. */
export function salaryText(range: { currency?: string | null; min?: number | null; max?: number | null; period?: PayPeriod | null }): string | null {
  const bounds = [range.min, range.max].filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0);
  if (bounds.length === 0) return null;
  const figures = bounds.length === 2 && bounds[0] !== bounds[1] ? `${bounds[0]} - ${bounds[1]}` : String(bounds[0]);
  return [range.currency?.trim().toUpperCase() || null, figures, range.period ? `per ${range.period}` : null].filter(Boolean).join(' ');
}

/** Thousands grouped the way the salary normalizer reads them: 120000 → "120,000". */
export const groupedAmount = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * Boards with fixed-currency, fixed-period salary fields where 0 means "not published": reads both
 * bounds, in either order, as "<unit>90,000 - 120,000<suffix>", "<unit>90,000+<suffix>" or
 * "up to <unit>120,000<suffix>"; `figure` writes one amount (default: grouped thousands).
 */
export function boundedSalaryText(
  min: number | null | undefined,
  max: number | null | undefined,
  format: { unit?: string; suffix: string; figure?: (n: number) => string },
): string | null {
  const { unit = '', suffix, figure = groupedAmount } = format;
  const lo = min && min > 0 ? min : null;
  const hi = max && max > 0 ? max : null;
  if (lo && hi) return lo === hi ? `${unit}${figure(lo)}${suffix}` : `${unit}${figure(Math.min(lo, hi))} - ${figure(Math.max(lo, hi))}${suffix}`;
  if (lo) return `${unit}${figure(lo)}+${suffix}`;
  if (hi) return `up to ${unit}${figure(hi)}${suffix}`;
  return null;
}

/** A currency code as the prefix of a salary text ("USD "), or nothing when the board gave none. */
export const currencyUnit = (currency: string | null | undefined): string => (currency?.trim() ? `${currency.trim().toUpperCase()} ` : '');

/** Pay periods as boards word them ("per-month-salary", "1 MONTH", "Salário mensal"); null when unsaid. */
export function payPeriod(text: string | null | undefined): PayPeriod | null {
  const t = (text ?? '').toLowerCase();
  if (/hour|hora/.test(t)) return 'hour';
  if (/\bday\b|daily|\bdia\b|diári/.test(t)) return 'day';
  if (/week|seman/.test(t)) return 'week';
  if (/month|mensal|mensual|\bm[eê]s\b/.test(t)) return 'month';
  if (/year|annual|anual|\bano\b|\baño\b/.test(t)) return 'year';
  return null;
}

/**
 * Hosted boards (Greenhouse, Lever, Ashby) publish no company name: a board is one company, named
 * by the token in its URLs ("jobs.lever.co/aurora-analytica/…"). Turns that token into a display
 * name ("Aurora Analytica"); the token stays the best we know when a company spells itself otherwise.
 */
export function boardToken(url: string | null | undefined, hosts: RegExp): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (!hosts.test(parsed.hostname)) return null;
    return decodeURIComponent(parsed.pathname.split('/').filter(Boolean)[0] ?? '') || null;
  } catch {
    return null;
  }
}

export function nameFromToken(token: string | null): string | null {
  if (!token) return null;
  const words = token.split(/[-_.\s]+/).filter(Boolean);
  return words.length ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ') : null;
}

/** Non-empty, trimmed, unique strings, in order. */
export function present(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.map((v) => v?.trim()).filter((v): v is string => Boolean(v)))];
}

/** Plain text placed inside generated HTML must not be read as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
