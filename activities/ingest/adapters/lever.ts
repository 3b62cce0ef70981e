import { z } from 'zod';
import { PermanentError } from '../../errors.js';
import { boardToken, collectItems, escapeHtml, nameFromToken, parseJson, payPeriod, present, salaryText, toIso, withConfiguredCompany } from './fields.js';
import type { ExtractedPosting, ParsedFeed, SourceAdapter, SourceContext } from './types.js';

// Field names of the Lever postings API (api.lever.co/v0/postings/{company}?mode=json).
const posting = z.looseObject({
  id: z.string().min(1),
  text: z.string().trim().min(1),
  categories: z
    .looseObject({
      team: z.string().nullish(),
      department: z.string().nullish(),
      location: z.string().nullish(),
      commitment: z.string().nullish(),
      allLocations: z.array(z.string()).nullish(),
    })
    .nullish(),
  workplaceType: z.string().nullish(),
  country: z.string().nullish(),
  description: z.string().nullish(),
  descriptionPlain: z.string().nullish(),
  lists: z.array(z.looseObject({ text: z.string().nullish(), content: z.string().nullish() })).nullish(),
  additional: z.string().nullish(),
  hostedUrl: z.string().nullish(),
  applyUrl: z.string().nullish(),
  createdAt: z.number().nullish(),
  salaryRange: z
    .looseObject({ min: z.number().nullish(), max: z.number().nullish(), currency: z.string().nullish(), interval: z.string().nullish() })
    .nullish(),
  // Not the board's: the operator's name for the company, added by parse() (withConfiguredCompany).
  configured_company: z.string().nullish(),
});

async function parse(body: string, context?: SourceContext): Promise<ParsedFeed> {
  const json = parseJson(body);
  // Lever answers an unknown company with {"ok": false, "error": "Document not found"}.
  if (!Array.isArray(json)) throw new PermanentError('not a Lever postings response: not an array');
  return collectItems(json, posting, (item) => item.id, withConfiguredCompany(context));
}

type Posting = z.infer<typeof posting>;

/** Lever keeps requirements and benefits in `lists`, outside the description; they read as sections of it. */
function description(item: Posting): string {
  const lists = (item.lists ?? []).map((l) => `<h3>${l.text ?? ''}</h3><ul>${l.content ?? ''}</ul>`);
  const main = item.description || (item.descriptionPlain ? `<p>${escapeHtml(item.descriptionPlain)}</p>` : '');
  return [main, ...lists, item.additional ?? ''].filter(Boolean).join('\n');
}

const LEVER_HOSTS = /(^|\.)lever\.co$/;

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = posting.parse(payload);
  const c = item.categories;
  const places = present([c?.location, ...(c?.allLocations ?? [])]);
  // "unspecified" is Lever's way of saying nothing.
  const workplace = item.workplaceType && item.workplaceType !== 'unspecified' ? item.workplaceType : null;
  const pay = item.salaryRange;
  return {
    title: item.text,
    // Lever postings carry no company name: the operator's name for it, else a guess from the
    // board token in hostedUrl (see boardToken).
    company: item.configured_company || nameFromToken(boardToken(item.hostedUrl ?? item.applyUrl, LEVER_HOSTS)),
    location: places.join(' / ') || null,
    postedAt: toIso(item.createdAt),
    // The posting page rather than the bare form: it shows the description next to the apply button.
    applyUrl: item.hostedUrl || item.applyUrl || null,
    descriptionHtml: description(item),
    salaryText: pay ? salaryText({ currency: pay.currency, min: pay.min, max: pay.max, period: payPeriod(pay.interval) }) : null,
    tags: present([c?.team, c?.department]),
    employmentType: c?.commitment?.trim() || null,
    remote: {
      ...(workplace ? { workplaceType: workplace } : {}),
      // The posting's country (ISO code); Lever publishes no rule on where candidates may live.
      ...(item.country?.trim() ? { countries: [item.country.trim()] } : {}),
      locationRestrictions: null,
    },
  };
}

export const leverAdapter: SourceAdapter = { kind: 'json_api', parse, extract };
