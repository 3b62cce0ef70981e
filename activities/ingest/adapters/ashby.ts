import { z } from 'zod';
import { boardToken, collectItems, escapeHtml, nameFromToken, parseEnvelope, payPeriod, present, salaryText, toIso, withConfiguredCompany } from './fields.js';
import type { ExtractedPosting, ParsedFeed, SourceAdapter, SourceContext } from './types.js';

// Field names of the Ashby job board API (api.ashbyhq.com/posting-api/job-board/{name}?includeCompensation=true).
const address = z.looseObject({ postalAddress: z.looseObject({ addressCountry: z.string().nullish() }).nullish() }).nullish();
const component = z.looseObject({
  compensationType: z.string().nullish(),
  interval: z.string().nullish(),
  currencyCode: z.string().nullish(),
  minValue: z.number().nullish(),
  maxValue: z.number().nullish(),
});

const job = z.looseObject({
  id: z.string().min(1),
  title: z.string().trim().min(1),
  location: z.string().nullish(),
  address,
  secondaryLocations: z.array(z.looseObject({ location: z.string().nullish(), address })).nullish(),
  department: z.string().nullish(),
  team: z.string().nullish(),
  isRemote: z.boolean().nullish(),
  workplaceType: z.string().nullish(),
  descriptionHtml: z.string().nullish(),
  descriptionPlain: z.string().nullish(),
  publishedAt: z.string().nullish(),
  employmentType: z.string().nullish(),
  jobUrl: z.string().nullish(),
  applyUrl: z.string().nullish(),
  compensation: z.looseObject({ compensationTierSummary: z.string().nullish(), summaryComponents: z.array(component).nullish() }).nullish(),
  // Not the board's: the operator's name for the company, added by parse() (withConfiguredCompany).
  configured_company: z.string().nullish(),
});

const response = z.looseObject({ jobs: z.array(z.unknown()) });

async function parse(body: string, context?: SourceContext): Promise<ParsedFeed> {
  const envelope = parseEnvelope(body, response, 'not an Ashby job board response: no "jobs" array');
  return collectItems(envelope.jobs, job, (item) => item.id, withConfiguredCompany(context));
}

type Job = z.infer<typeof job>;

// Only the salary: equity percentages and bonuses in the same summary are not pay the normalizer can compare.
function salary(item: Job): string | null {
  const base = item.compensation?.summaryComponents?.find((c) => c.compensationType === 'Salary');
  if (!base) return null;
  return salaryText({ currency: base.currencyCode, min: base.minValue, max: base.maxValue, period: payPeriod(base.interval) });
}

const ASHBY_HOSTS = /(^|\.)ashbyhq\.com$/;

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  const secondary = item.secondaryLocations ?? [];
  const countries = present([item.address?.postalAddress?.addressCountry, ...secondary.map((s) => s.address?.postalAddress?.addressCountry)]);
  const workplace = item.workplaceType?.trim() || null;
  return {
    title: item.title,
    // The board API names no company: the operator's name for it, else a guess from the board
    // name in jobUrl (see boardToken).
    company: item.configured_company || nameFromToken(boardToken(item.jobUrl ?? item.applyUrl, ASHBY_HOSTS)),
    location: present([item.location, ...secondary.map((s) => s.location)]).join(' / ') || null,
    postedAt: toIso(item.publishedAt),
    applyUrl: item.jobUrl || item.applyUrl || null,
    descriptionHtml: item.descriptionHtml || (item.descriptionPlain ? `<p>${escapeHtml(item.descriptionPlain)}</p>` : ''),
    salaryText: salary(item),
    tags: present([item.department, item.team]),
    employmentType: item.employmentType?.trim() || null,
    remote: {
      ...(workplace ? { workplaceType: workplace } : {}),
      ...(typeof item.isRemote === 'boolean' ? { isRemote: item.isRemote } : {}),
      // Countries of the listed locations' addresses; Ashby states no rule on where candidates may live.
      ...(countries.length ? { countries } : {}),
      locationRestrictions: null,
    },
  };
}

export const ashbyAdapter: SourceAdapter = { kind: 'json_api', parse, extract };
