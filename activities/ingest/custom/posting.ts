// Every custom reader turns what it read, through the user's mapping, into this one payload shape.
// raw_postings keeps that payload, so normalize reads every custom source with one extractor and
// needs no config; a changed mapping simply yields new raw versions on the next fetch.
import { z } from 'zod';
import { PermanentError } from '../../errors.js';
import { cleanLine, htmlToPlainText } from '../../normalize/html-text.js';
import { foldForMatching } from '../../normalize/text-fold.js';
import { escapeHtml, toIso } from '../adapters/fields.js';
import type { ExtractedPosting, ParsedFeed, SourceAdapter } from '../adapters/types.js';
import type { Filters } from './config.js';

export const mappedPostingSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  company: z.string().nullable(),
  location: z.string().nullable(),
  salary: z.string().nullable(),
  /** HTML or plain text, as the source published it. */
  description: z.string(),
  url: z.string().nullable(),
  /** As published; read with the shared date reader at extraction. */
  date: z.string().nullable(),
  tags: z.array(z.string()),
  /** The source's own further fields the user asked to keep (RSS custom fields). */
  fields: z.record(z.string(), z.string()),
});
export type MappedPosting = z.infer<typeof mappedPostingSchema>;

/**
 * One value as text, whatever shape the source gave it: JSON scalars, the first usable element of
 * an array, an XML element with attributes ({ _: text, $: attrs } as rss-parser returns it).
 */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    for (const element of value) {
      const found = textOf(element);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && '_' in value) return textOf((value as { _: unknown })._);
  return null;
}

/** Every textual element of a value, for tag lists. */
export function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  const one = textOf(value);
  return one === null ? [] : [one];
}

export interface MappingCandidate {
  id: unknown;
  title: unknown;
  company?: unknown;
  location?: unknown;
  salary?: unknown;
  description?: unknown;
  url?: unknown;
  date?: unknown;
  tags?: string[];
  fields?: Record<string, unknown>;
}

/** The mapped posting, or null when the item has no id or no title (counted as skipped, never stored). */
export function mapPosting(c: MappingCandidate): MappedPosting | null {
  const id = textOf(c.id);
  const title = textOf(c.title);
  if (!id || !title) return null;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.fields ?? {})) {
    const found = textOf(value);
    if (found !== null) fields[name] = found;
  }
  return {
    id,
    title,
    company: textOf(c.company),
    location: textOf(c.location),
    salary: textOf(c.salary),
    description: textOf(c.description) ?? '',
    url: textOf(c.url),
    date: textOf(c.date),
    tags: [...new Set(c.tags ?? [])],
    fields,
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole words or phrases, ignoring case and accents: "ml" does not match "html", "sao paulo" matches "São Paulo". */
function wordMatcher(terms: string[]): (text: string) => boolean {
  if (terms.length === 0) return () => false;
  const patterns = terms.map((term) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(foldForMatching(term.normalize('NFC')))}(?![\\p{L}\\p{N}])`, 'u'));
  return (text) => {
    const folded = foldForMatching(text.normalize('NFC'));
    return patterns.some((pattern) => pattern.test(folded));
  };
}

/** The source's filters, compiled once for all the items of a page. */
export function compileFilters(filters: Filters): (p: MappedPosting) => boolean {
  const keyword = wordMatcher(filters.keywords);
  const excluded = wordMatcher(filters.exclude_keywords);
  const place = wordMatcher(filters.locations);
  return (p) => {
    const text = `${p.title}\n${htmlToPlainText(p.description)}`;
    if (filters.keywords.length > 0 && !keyword(text)) return false;
    if (excluded(text)) return false;
    return filters.locations.length === 0 || place(p.location ?? text);
  };
}

/** Mapped postings as ingest items: invalid ones and those the filters reject are counted as skipped. */
export function collectMapped(candidates: MappingCandidate[], filters: Filters): ParsedFeed & { filtered: number } {
  const passes = compileFilters(filters);
  const items: ParsedFeed['items'] = [];
  let skipped = 0;
  let filtered = 0;
  for (const candidate of candidates) {
    const posting = mapPosting(candidate);
    if (!posting) skipped += 1;
    else if (!passes(posting)) filtered += 1;
    else items.push({ externalId: posting.id, payload: posting });
  }
  return { items, skipped, filtered };
}

/** A source's own fields ("vaga:contrato": "PJ") as a list under the description, where normalize and readers see them. */
function withFields(description: string, fields: Record<string, string>): string {
  const entries = Object.entries(fields);
  if (entries.length === 0) return description;
  const label = (name: string) => name.slice(name.lastIndexOf(':') + 1);
  return `${description}\n<ul>${entries.map(([name, value]) => `<li>${escapeHtml(label(name))}: ${escapeHtml(value)}</li>`).join('')}</ul>`;
}

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const p = mappedPostingSchema.parse(payload);
  return {
    title: cleanLine(p.title) ?? p.title,
    company: cleanLine(p.company),
    location: cleanLine(p.location),
    postedAt: toIso(p.date),
    applyUrl: p.url,
    descriptionHtml: withFields(p.description, p.fields),
    salaryText: p.salary,
    tags: p.tags,
    employmentType: null,
    remote: null,
  };
}

/**
 * The adapter normalize uses for every custom source's stored payloads. Custom sources are fetched
 * by their configured reader (fetchCustomSource), never page by page through this adapter, so a
 * "custom" source row without a config is refused with a clear message.
 */
export const customAdapter: SourceAdapter = {
  kind: 'json_api',
  parse: () => Promise.reject(new PermanentError('a custom source needs its configuration; this source row has none')),
  extract,
};
