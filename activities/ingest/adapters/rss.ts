import Parser from 'rss-parser';
import { z } from 'zod';
import { PermanentError } from '../../errors.js';
import type { ExtractedPosting, ParsedFeed, SourceAdapter } from './types.js';

// We Work Remotely and similar boards add these elements to standard RSS 2.0 items. A parser per
// feed: xml2js keeps state (and a listener per call) on its instance, and one shared by concurrent
// fetches was left by a failed parse accepting the next feed's undefined entities as text.
const newParser = () => new Parser({ customFields: { item: ['region', 'type', 'company'] } });

const item = z.looseObject({
  guid: z.string().optional(),
  link: z.string().optional(),
  title: z.string().min(1),
  isoDate: z.string().optional(),
  content: z.string().optional(),
  region: z.string().optional(),
  type: z.string().optional(),
  company: z.string().optional(),
  categories: z.array(z.unknown()).optional(),
});

async function parse(body: string): Promise<ParsedFeed> {
  let feed: Awaited<ReturnType<ReturnType<typeof newParser>['parseString']>>;
  try {
    feed = await newParser().parseString(body);
  } catch (error) {
    throw new PermanentError(`not an RSS/Atom feed: ${(error as Error).message}`);
  }
  const items: ParsedFeed['items'] = [];
  let skipped = 0;
  for (const raw of feed.items) {
    const parsed = item.safeParse(raw);
    const id = parsed.success ? (parsed.data.guid ?? parsed.data.link) : undefined;
    if (!parsed.success || !id) {
      skipped += 1;
      continue;
    }
    const { guid, link, title, isoDate, content, region, type, company, categories } = parsed.data;
    items.push({ externalId: id, payload: { guid, link, title, isoDate, content, region, type, company, categories } });
  }
  return { items, skipped };
}

/** "Company: Job title" is the title convention of We Work Remotely's feeds. */
function splitTitle(title: string, company: string | undefined): { title: string; company: string | null } {
  if (company) return { title, company };
  const colon = title.indexOf(': ');
  if (colon > 0) return { company: title.slice(0, colon).trim(), title: title.slice(colon + 2).trim() };
  return { title, company: null };
}

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const parsed = item.parse(payload);
  const { title, company } = splitTitle(parsed.title, parsed.company);
  return {
    title,
    company,
    location: parsed.region ?? null,
    postedAt: parsed.isoDate ?? null,
    applyUrl: parsed.link ?? null,
    descriptionHtml: parsed.content ?? '',
    salaryText: null,
    tags: (parsed.categories ?? []).filter((c): c is string => typeof c === 'string'),
    employmentType: parsed.type ?? null,
    remote: null,
  };
}

export const rssAdapter: SourceAdapter = { kind: 'rss', parse, extract };
