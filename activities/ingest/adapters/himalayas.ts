import { z } from 'zod';
import { boundedSalaryText, collectItems, currencyUnit, fromEpochSeconds, parseEnvelope } from './fields.js';
import type { ExtractedPosting, PageContext, ParsedFeed, SourceAdapter } from './types.js';

// Field names of Himalayas' public jobs API (https://himalayas.app/jobs/api).
const job = z.looseObject({
  guid: z.string().min(1),
  title: z.string().min(1),
  companyName: z.string().nullish(),
  excerpt: z.string().nullish(),
  description: z.string().nullish(),
  employmentType: z.string().nullish(),
  seniority: z.array(z.string()).nullish(),
  categories: z.array(z.string()).nullish(),
  locationRestrictions: z.array(z.string()).nullish(),
  timezoneRestrictions: z.array(z.number()).nullish(),
  minSalary: z.number().nullish(),
  maxSalary: z.number().nullish(),
  currency: z.string().nullish(),
  pubDate: z.number().nullish(),
  applicationLink: z.string().nullish(),
});

const response = z.looseObject({
  jobs: z.array(z.unknown()),
  offset: z.number().nullish(),
  limit: z.number().nullish(),
  totalCount: z.number().nullish(),
});

const readEnvelope = (body: string) => parseEnvelope(body, response, 'not a Himalayas response: no "jobs" array');

async function parse(body: string): Promise<ParsedFeed> {
  // guid is the job's permanent Himalayas URL; there is no numeric id.
  return collectItems(readEnvelope(body).jobs, job, (item) => item.guid);
}

/** Offset paging: the response echoes offset and limit, and totalCount says when to stop. */
function nextPage(ctx: PageContext): string | null {
  const envelope = readEnvelope(ctx.body);
  const url = new URL(ctx.url);
  const offset = envelope.offset ?? Number(url.searchParams.get('offset') ?? 0);
  const limit = envelope.limit ?? Number(url.searchParams.get('limit') ?? ctx.items);
  if (!Number.isFinite(offset) || !Number.isFinite(limit) || limit <= 0) return null;
  const more = envelope.totalCount != null ? offset + limit < envelope.totalCount : ctx.items >= limit;
  if (!more) return null;
  url.searchParams.set('offset', String(offset + limit));
  url.searchParams.set('limit', String(limit));
  return url.toString();
}

/** Himalayas salaries are yearly figures in the posting's currency. */
export function himalayasSalaryText(min: number | null | undefined, max: number | null | undefined, currency: string | null | undefined): string | null {
  return boundedSalaryText(min, max, { unit: currencyUnit(currency), suffix: ' per year' });
}

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  const restrictions = item.locationRestrictions?.map((c) => c.trim()).filter(Boolean);
  // An empty list is Himalayas' way of saying "anywhere"; an absent one says nothing.
  const location = restrictions ? (restrictions.length ? restrictions.join(', ') : 'Worldwide') : null;
  return {
    title: item.title.trim(),
    company: item.companyName?.trim() || null,
    location,
    postedAt: fromEpochSeconds(item.pubDate),
    applyUrl: item.applicationLink || item.guid,
    descriptionHtml: item.description || item.excerpt || '',
    salaryText: himalayasSalaryText(item.minSalary, item.maxSalary, item.currency),
    tags: [...(item.categories ?? []), ...(item.seniority ?? [])],
    employmentType: item.employmentType || null,
    // Himalayas lists remote jobs only.
    remote: { isRemote: true, locationRestrictions: restrictions?.length ? restrictions : null },
  };
}

export const himalayasAdapter: SourceAdapter = { kind: 'json_api', parse, extract, nextPage };
