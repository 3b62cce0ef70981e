import { z } from 'zod';
import { collectItems, escapeHtml, parseEnvelope, present, toIso, withConfiguredCompany } from './fields.js';
import type { ExtractedPosting, ParsedFeed, SourceAdapter, SourceContext } from './types.js';

// Field names of the Workable widget accounts API (apply.workable.com/api/v1/widget/accounts/{subdomain}).
const place = z.looseObject({
  country: z.string().nullish(),
  countryCode: z.string().nullish(),
  city: z.string().nullish(),
  region: z.string().nullish(),
  hidden: z.boolean().nullish(),
});

const job = z.looseObject({
  shortcode: z.string().min(1),
  title: z.string().trim().min(1),
  code: z.string().nullish(),
  employment_type: z.string().nullish(),
  telecommuting: z.boolean().nullish(),
  department: z.string().nullish(),
  url: z.string().nullish(),
  shortlink: z.string().nullish(),
  application_url: z.string().nullish(),
  published_on: z.string().nullish(),
  created_at: z.string().nullish(),
  country: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  education: z.string().nullish(),
  experience: z.string().nullish(),
  function: z.string().nullish(),
  industry: z.string().nullish(),
  locations: z.array(place).nullish(),
  // Not Workable's: the account name, copied onto each job by parse() (see there).
  account_name: z.string().nullish(),
  // Not the board's: the operator's name for the company, added by parse() (withConfiguredCompany).
  configured_company: z.string().nullish(),
});

const response = z.looseObject({ name: z.string().nullish(), jobs: z.array(z.unknown()) });

/**
 * The company is named once, on the account, not on its jobs; each stored payload gets it as
 * `account_name` so extract() can read it. Everything else is stored as Workable sent it.
 */
async function parse(body: string, context?: SourceContext): Promise<ParsedFeed> {
  const envelope = parseEnvelope(body, response, 'not a Workable accounts response: no "jobs" array');
  const account = envelope.name?.trim() || null;
  const configured = withConfiguredCompany(context);
  return collectItems(envelope.jobs, job, (item) => item.shortcode, (item) => configured(account ? { ...item, account_name: account } : item));
}

type Job = z.infer<typeof job>;

// The listing has no description; these labelled facts are the only text seniority and skills can be read from.
function description(item: Job): string {
  const facts: [string, string | null | undefined][] = [
    ['Department', item.department],
    ['Function', item.function],
    ['Industry', item.industry],
    ['Experience', item.experience],
    ['Education', item.education],
  ];
  const rows = facts.filter(([, value]) => value?.trim()).map(([label, value]) => `<li>${label}: ${escapeHtml(value!.trim())}</li>`);
  return rows.length ? `<ul>${rows.join('')}</ul>` : '';
}

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  // Hidden locations are ones the company chose not to show candidates.
  const visible = (item.locations ?? []).filter((l) => !l.hidden);
  const places = visible.length
    ? visible.map((l) => present([l.city, l.region, l.country]).join(', ')).filter(Boolean)
    : [present([item.city, item.state, item.country]).join(', ')].filter(Boolean);
  const countries = present(visible.length ? visible.map((l) => l.countryCode || l.country) : [item.country]);
  return {
    title: item.title,
    company: item.account_name || item.configured_company || null,
    location: places.join(' / ') || null,
    postedAt: toIso(item.published_on ?? item.created_at),
    applyUrl: item.url || item.shortlink || item.application_url || null,
    descriptionHtml: description(item),
    salaryText: null,
    tags: present([item.department, item.function]),
    employmentType: item.employment_type?.trim() || null,
    remote: {
      ...(typeof item.telecommuting === 'boolean' ? { isRemote: item.telecommuting } : {}),
      ...(countries.length ? { countries } : {}),
      locationRestrictions: null,
    },
  };
}

export const workableAdapter: SourceAdapter = { kind: 'json_api', parse, extract };
