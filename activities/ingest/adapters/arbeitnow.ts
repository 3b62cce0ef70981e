import { z } from 'zod';
import { collectItems, fromEpochSeconds, parseEnvelope } from './fields.js';
import type { ExtractedPosting, PageContext, ParsedFeed, SourceAdapter } from './types.js';

// Field names of Arbeitnow's public job-board API (https://www.arbeitnow.com/api/job-board-api).
const job = z.looseObject({
  slug: z.string().min(1),
  company_name: z.string().nullish(),
  title: z.string().min(1),
  description: z.string().nullish(),
  remote: z.boolean().nullish(),
  url: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  job_types: z.array(z.string()).nullish(),
  location: z.string().nullish(),
  created_at: z.number().nullish(),
});

const response = z.looseObject({
  data: z.array(z.unknown()),
  links: z.looseObject({ next: z.string().nullish() }).nullish(),
});

const readEnvelope = (body: string) => parseEnvelope(body, response, 'not an Arbeitnow response: no "data" array');

async function parse(body: string): Promise<ParsedFeed> {
  // The slug is Arbeitnow's only identifier (it ends in a numeric suffix).
  return collectItems(readEnvelope(body).data, job, (item) => item.slug);
}

/** Laravel-style paging: links.next is the next page's full URL, null on the last page. */
function nextPage(ctx: PageContext): string | null {
  const next = readEnvelope(ctx.body).links?.next;
  if (!next) return null;
  const resolved = new URL(next, ctx.url).toString();
  // A board answering with its own URL as "next" would otherwise be read maxPages times.
  return resolved === new URL(ctx.url).toString() ? null : resolved;
}

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  const types = (item.job_types ?? []).map((t) => t.trim()).filter(Boolean);
  return {
    title: item.title.trim(),
    company: item.company_name?.trim() || null,
    location: item.location?.trim() || null,
    postedAt: fromEpochSeconds(item.created_at),
    applyUrl: item.url || null,
    descriptionHtml: item.description ?? '',
    // Arbeitnow has no salary fields; the normalizer looks for one in the description.
    salaryText: null,
    tags: item.tags ?? [],
    employmentType: types.length ? types.join(', ') : null,
    // `remote` is the board's only remote signal; most of its jobs are on-site in Germany.
    remote: item.remote == null ? null : { isRemote: item.remote, locationRestrictions: null },
  };
}

export const arbeitnowAdapter: SourceAdapter = { kind: 'json_api', parse, extract, nextPage };
