import { z } from 'zod';
import { boundedSalaryText, collectItems, fromEpochSeconds, parseEnvelope } from './fields.js';
import type { ExtractedPosting, PageContext, ParsedFeed, SourceAdapter } from './types.js';

// A JSON:API relationship; `attributes` is there only for what the request asked to `expand`.
const related = z.looseObject({
  data: z.looseObject({ id: z.union([z.number(), z.string()]).nullish(), attributes: z.looseObject({ name: z.string().nullish() }).nullish() }).nullish(),
});

// Field names of Get on Board's public API v0 (https://www.getonbrd.com/api/v0).
const job = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]),
  type: z.string().nullish(),
  attributes: z.looseObject({
    title: z.string().min(1),
    description: z.string().nullish(),
    projects: z.string().nullish(),
    functions: z.string().nullish(),
    benefits: z.string().nullish(),
    remote: z.boolean().nullish(),
    remote_modality: z.string().nullish(),
    remote_zone: z.string().nullish(),
    countries: z.array(z.string()).nullish(),
    min_salary: z.number().nullish(),
    max_salary: z.number().nullish(),
    modality: z.union([z.string(), related]).nullish(),
    seniority: z.union([z.string(), related]).nullish(),
    category_name: z.string().nullish(),
    published_at: z.number().nullish(),
    company: related.nullish(),
  }),
  links: z.looseObject({ public_url: z.string().nullish() }).nullish(),
});

const response = z.looseObject({
  data: z.array(z.unknown()),
  meta: z.looseObject({ page: z.number().nullish(), total_pages: z.number().nullish() }).nullish(),
});

const readEnvelope = (body: string) => parseEnvelope(body, response, 'not a Get on Board response: no "data" array');

async function parse(body: string): Promise<ParsedFeed> {
  return collectItems(readEnvelope(body).data, job, (item) => item.id);
}

/** Page-number paging: meta says which page this was and how many there are. */
function nextPage(ctx: PageContext): string | null {
  const meta = readEnvelope(ctx.body).meta;
  const url = new URL(ctx.url);
  const page = meta?.page ?? Number(url.searchParams.get('page') ?? ctx.page);
  if (meta?.total_pages == null || !Number.isFinite(page) || page >= meta.total_pages) return null;
  url.searchParams.set('page', String(page + 1));
  return url.toString();
}

/** A name from a string, or from an expanded relationship; a bare id names nothing we can trust. */
const nameOf = (value: string | z.infer<typeof related> | null | undefined): string | null =>
  typeof value === 'string' ? value.trim() || null : value?.data?.attributes?.name?.trim() || null;

/** Get on Board publishes gross USD per month. */
export function getOnBoardSalaryText(min: number | null | undefined, max: number | null | undefined): string | null {
  return boundedSalaryText(min, max, { unit: 'USD ', suffix: ' per month' });
}

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  const a = item.attributes;
  const countries = (a.countries ?? []).map((c) => c.trim()).filter(Boolean);
  const zone = a.remote_zone?.trim() || null;
  // The posting is split into sections; later stages read one description.
  const sections = [a.description, a.projects, a.functions, a.benefits].filter((s): s is string => Boolean(s?.trim()));
  const seniority = nameOf(a.seniority);
  return {
    title: a.title.trim(),
    company: nameOf(a.company),
    location: countries.length ? countries.join(', ') : zone,
    postedAt: fromEpochSeconds(a.published_at),
    applyUrl: item.links?.public_url || null,
    descriptionHtml: sections.join('\n'),
    salaryText: getOnBoardSalaryText(a.min_salary, a.max_salary),
    tags: [...(a.category_name ? [a.category_name] : []), ...(seniority ? [seniority] : [])],
    employmentType: nameOf(a.modality),
    remote: {
      remoteModality: a.remote_modality || null,
      isRemote: a.remote ?? null,
      countries: countries.length ? countries : null,
      locationRestrictions: zone ? [zone] : null,
    },
  };
}

export const getonboardAdapter: SourceAdapter = { kind: 'json_api', parse, extract, nextPage };
