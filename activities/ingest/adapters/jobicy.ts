import { z } from 'zod';
import { boundedSalaryText, collectItems, currencyUnit, decodeEntities, parseEnvelope, toIso } from './fields.js';
import type { ExtractedPosting, ParsedFeed, SourceAdapter } from './types.js';

// Jobicy v2 sends industry and type as arrays, older answers as plain strings; both are accepted.
const stringOrList = z.union([z.string(), z.array(z.string())]).nullish();
const amount = z.union([z.number(), z.string()]).nullish();

// Field names of Jobicy's public API (https://jobicy.com/api/v2/remote-jobs).
const job = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]),
  url: z.string().nullish(),
  jobTitle: z.string().min(1),
  companyName: z.string().nullish(),
  jobIndustry: stringOrList,
  jobType: stringOrList,
  jobGeo: z.string().nullish(),
  jobLevel: z.string().nullish(),
  jobExcerpt: z.string().nullish(),
  jobDescription: z.string().nullish(),
  pubDate: z.string().nullish(),
  annualSalaryMin: amount,
  annualSalaryMax: amount,
  salaryCurrency: z.string().nullish(),
});

const response = z.looseObject({ jobs: z.array(z.unknown()) });

async function parse(body: string): Promise<ParsedFeed> {
  const envelope = parseEnvelope(body, response, 'not a Jobicy response: no "jobs" array');
  return collectItems(envelope.jobs, job, (item) => item.id);
}

// Jobicy HTML-escapes some plain-text fields ("Data Science &amp; Analytics").
const unescape = (s: string) => decodeEntities(s).trim();
const list = (value: string | string[] | null | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).map(unescape).filter(Boolean);
const positive = (value: number | string | null | undefined): number | null => {
  const n = typeof value === 'string' ? Number(value.replace(/[,\s]/g, '')) : value;
  return n != null && Number.isFinite(n) && n > 0 ? n : null;
};
/** The field names say it: Jobicy salaries are annual. */
export function jobicySalaryText(min: number | string | null | undefined, max: number | string | null | undefined, currency: string | null | undefined): string | null {
  return boundedSalaryText(positive(min), positive(max), { unit: currencyUnit(currency), suffix: ' per year' });
}

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  const geo = item.jobGeo ? unescape(item.jobGeo) : '';
  const types = list(item.jobType);
  // "Anywhere" is no restriction; anything else ("LATAM", "USA, Canada") is one, in the board's words.
  const restrictions = geo && !/^anywhere$/i.test(geo) ? geo.split(',').map((s) => s.trim()).filter(Boolean) : null;
  return {
    title: unescape(item.jobTitle),
    company: item.companyName ? unescape(item.companyName) || null : null,
    location: geo || null,
    // pubDate is "YYYY-MM-DD HH:MM:SS" without a zone, which toIso reads as UTC.
    postedAt: toIso(item.pubDate),
    applyUrl: item.url || null,
    descriptionHtml: item.jobDescription || item.jobExcerpt || '',
    salaryText: jobicySalaryText(item.annualSalaryMin, item.annualSalaryMax, item.salaryCurrency),
    tags: [...list(item.jobIndustry), ...(item.jobLevel ? [unescape(item.jobLevel)] : [])],
    employmentType: types.length ? types.join(', ') : null,
    // Jobicy lists remote jobs only.
    remote: { isRemote: true, locationRestrictions: restrictions?.length ? restrictions : null },
  };
}

export const jobicyAdapter: SourceAdapter = { kind: 'json_api', parse, extract };
