import { z } from 'zod';
import { boardToken, collectItems, decodeEntities, nameFromToken, parseEnvelope, payPeriod, present, salaryText, toIso, withConfiguredCompany } from './fields.js';
import type { ExtractedPosting, ParsedFeed, SourceAdapter, SourceContext } from './types.js';

// Field names of the Greenhouse job board API (boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true).
const named = z.looseObject({ name: z.string().nullish() });
const metadataEntry = z.looseObject({ name: z.string().nullish(), value: z.unknown() });
const payRange = z.looseObject({
  min_cents: z.number().nullish(),
  max_cents: z.number().nullish(),
  currency_type: z.string().nullish(),
  title: z.string().nullish(),
  blurb: z.string().nullish(),
});

const job = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]),
  title: z.string().trim().min(1),
  updated_at: z.string().nullish(),
  first_published: z.string().nullish(),
  location: named.nullish(),
  absolute_url: z.string().nullish(),
  content: z.string().nullish(),
  company_name: z.string().nullish(),
  departments: z.array(named).nullish(),
  offices: z.array(named).nullish(),
  metadata: z.array(metadataEntry).nullish(),
  pay_input_ranges: z.array(payRange).nullish(),
  // Not the board's: the operator's name for the company, added by parse() (withConfiguredCompany).
  configured_company: z.string().nullish(),
});

const response = z.looseObject({ jobs: z.array(z.unknown()) });

async function parse(body: string, context?: SourceContext): Promise<ParsedFeed> {
  const envelope = parseEnvelope(body, response, 'not a Greenhouse board response: no "jobs" array');
  return collectItems(envelope.jobs, job, (item) => item.id, withConfiguredCompany(context));
}

type Job = z.infer<typeof job>;

/** Custom metadata fields are named by each company; the value may be a string or a list. */
function metadataValue(item: Job, name: RegExp): string | null {
  const entry = item.metadata?.find((m) => name.test(m.name ?? ''));
  const value = entry?.value;
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return present(value.filter((v): v is string => typeof v === 'string')).join(', ') || null;
  return null;
}

// Ranges carry no pay period; the range title ("Annual base salary", "Salário mensal") names it when anything does.
function salary(item: Job): string | null {
  for (const range of item.pay_input_ranges ?? []) {
    const text = salaryText({
      currency: range.currency_type,
      min: range.min_cents == null ? null : range.min_cents / 100,
      max: range.max_cents == null ? null : range.max_cents / 100,
      period: payPeriod(`${range.title ?? ''} ${range.blurb ?? ''}`),
    });
    if (text) return text;
  }
  return null;
}

const GREENHOUSE_HOSTS = /(^|\.)greenhouse\.io$/;

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  // A board is one company, which the API names only sometimes: else the operator's name for it,
  // else a guess from the board token in its URLs (see boardToken; a job hosted on the company's
  // own careers site gives no token).
  const company = item.company_name?.trim() || item.configured_company || nameFromToken(boardToken(item.absolute_url, GREENHOUSE_HOSTS));
  const workplace = metadataValue(item, /workplace|remote|modalidade|modalidad/i);
  return {
    title: item.title,
    company,
    location: item.location?.name?.trim() || null,
    postedAt: toIso(item.first_published ?? item.updated_at),
    applyUrl: item.absolute_url || null,
    // The API sends the HTML entity-encoded ("&lt;p&gt;"); decoded once it is the company's HTML.
    descriptionHtml: decodeEntities(item.content ?? ''),
    salaryText: salary(item),
    tags: present((item.departments ?? []).map((d) => d.name)),
    employmentType: metadataValue(item, /employment|contract|job type|tipo de (contrata|contrato|vaga)/i),
    // Greenhouse has no remote field; only a company's own metadata field can say it.
    remote: workplace ? { workplaceType: workplace, locationRestrictions: null } : null,
  };
}

export const greenhouseAdapter: SourceAdapter = { kind: 'json_api', parse, extract };
