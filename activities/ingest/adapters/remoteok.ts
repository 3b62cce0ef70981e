import { z } from 'zod';
import { PermanentError } from '../../errors.js';
import { boundedSalaryText, collectItems, fromEpochSeconds, groupedAmount, parseJson, toIso } from './fields.js';
import type { ExtractedPosting, ParsedFeed, SourceAdapter } from './types.js';

// Field names of RemoteOK's public API (https://remoteok.com/api). Ids come as strings, and
// 0 in salary_min / salary_max means "not published", not a salary of zero.
const job = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]),
  slug: z.string().nullish(),
  epoch: z.number().nullish(),
  date: z.string().nullish(),
  company: z.string().nullish(),
  position: z.string().min(1),
  tags: z.array(z.string()).nullish(),
  description: z.string().nullish(),
  location: z.string().nullish(),
  salary_min: z.number().nullish(),
  salary_max: z.number().nullish(),
  apply_url: z.string().nullish(),
  url: z.string().nullish(),
});

// The first element is the API's terms of use ({ last_updated, legal }), never a job.
const isLegalNotice = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'legal' in value && !('position' in value);

async function parse(body: string): Promise<ParsedFeed> {
  const json = parseJson(body);
  if (!Array.isArray(json)) throw new PermanentError('not a RemoteOK response: not an array');
  return collectItems(json.filter((candidate) => !isLegalNotice(candidate)), job, (item) => item.id);
}

const usd = (n: number) => `$${groupedAmount(n)}`;

/** RemoteOK publishes yearly USD figures only. */
export function remoteOkSalaryText(min: number | null | undefined, max: number | null | undefined): string | null {
  return boundedSalaryText(min, max, { figure: usd, suffix: ' USD per year' });
}

function postedAt(item: z.infer<typeof job>): string | null {
  return fromEpochSeconds(item.epoch) ?? toIso(item.date);
}

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  return {
    title: item.position.trim(),
    company: item.company?.trim() || null,
    location: item.location?.trim() || null,
    postedAt: postedAt(item),
    // apply_url is the employer's form; url is RemoteOK's own page, which always exists.
    applyUrl: item.apply_url || item.url || null,
    descriptionHtml: item.description ?? '',
    salaryText: remoteOkSalaryText(item.salary_min, item.salary_max),
    tags: item.tags ?? [],
    employmentType: null,
    // Every RemoteOK job is remote; who may apply is only free text in `location`.
    remote: { isRemote: true, locationRestrictions: null },
  };
}

export const remoteokAdapter: SourceAdapter = { kind: 'json_api', parse, extract };
