import { z } from 'zod';
import { collectItems, parseEnvelope, present, toIso } from './fields.js';
import type { ExtractedPosting, PageContext, ParsedFeed, SourceAdapter } from './types.js';

// Field names of the Gupy portal API (portal.api.gupy.io/api/v1/jobs), Brazil's largest ATS.
const job = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]),
  companyId: z.union([z.number(), z.string()]).nullish(),
  name: z.string().trim().min(1),
  description: z.string().nullish(),
  careerPageName: z.string().nullish(),
  type: z.string().nullish(),
  publishedDate: z.string().nullish(),
  applicationDeadline: z.string().nullish(),
  isRemoteWork: z.boolean().nullish(),
  workplaceType: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  country: z.string().nullish(),
  jobUrl: z.string().nullish(),
});

const pagination = z.looseObject({ offset: z.number().int().min(0), limit: z.number().int().min(1), total: z.number().int().min(0) });
const response = z.looseObject({ data: z.array(z.unknown()), pagination: pagination.optional() });

function envelope(body: string) {
  return parseEnvelope(body, response, 'not a Gupy response: no "data" array');
}

async function parse(body: string): Promise<ParsedFeed> {
  return collectItems(envelope(body).data, job, (item) => item.id);
}

// Gupy's vacancy types are codes; the employment-type normalizer reads the Brazilian contract words
// (CLT, PJ, estágio) they stand for, so known codes are translated and unknown ones pass as they are.
const VACANCY_TYPES: Record<string, string> = {
  vacancy_type_effective: 'CLT (efetivo)',
  vacancy_legal_entity: 'PJ',
  vacancy_type_internship: 'Estágio',
  vacancy_type_temporary: 'Temporário',
  vacancy_type_freelancer: 'Freelancer',
  vacancy_type_autonomous: 'Autônomo',
  vacancy_type_apprentice: 'Jovem aprendiz',
  vacancy_type_trainee: 'Trainee',
};

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  const workplace = item.workplaceType?.trim() || null;
  return {
    title: item.name,
    company: item.careerPageName?.trim() || null,
    location: present([item.city, item.state, item.country]).join(', ') || null,
    postedAt: toIso(item.publishedDate),
    applyUrl: item.jobUrl || null,
    descriptionHtml: item.description ?? '',
    // The portal listing never carries pay; a salary can only come from the description text.
    salaryText: null,
    tags: [],
    employmentType: item.type ? (VACANCY_TYPES[item.type] ?? item.type) : null,
    remote: {
      ...(workplace ? { workplaceType: workplace } : {}),
      ...(typeof item.isRemoteWork === 'boolean' ? { isRemote: item.isRemoteWork } : {}),
      // The job's country; Gupy says nothing about who may apply from where.
      ...(item.country?.trim() ? { countries: [item.country.trim()] } : {}),
      locationRestrictions: null,
    },
  };
}

/** Offset paging: the next page starts where this one ended, until `total` is reached or a page comes back short. */
function nextPage(ctx: PageContext): string | null {
  const { data, pagination: page } = envelope(ctx.body);
  const url = new URL(ctx.url);
  const offset = page?.offset ?? Number(url.searchParams.get('offset') ?? 0);
  const limit = page?.limit ?? (Number(url.searchParams.get('limit')) || data.length);
  const next = offset + data.length;
  if (data.length < limit || (page && next >= page.total)) return null;
  url.searchParams.set('offset', String(next));
  return url.toString();
}

export const gupyAdapter: SourceAdapter = { kind: 'json_api', parse, extract, nextPage };
