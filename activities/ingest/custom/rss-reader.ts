import Parser from 'rss-parser';
import { PermanentError } from '../../errors.js';
import { fetchText } from '../http-fetch.js';
import type { RssConfig } from './config.js';
import { collectMapped, textsOf, type MappingCandidate } from './posting.js';
import { PageCollector, type ReaderContext, type ReadResult } from './reader.js';

type Item = Record<string, unknown>;

/** Every element the mapping names is asked of rss-parser, so a feed's own extensions come through. */
function parserFor(config: RssConfig): Parser<Item, Item> {
  const m = config.mapping;
  const named = [m.title_field, m.description_field, m.link_field, m.date_field, m.company_field, m.location_field, m.salary_field, ...m.custom_fields];
  const customFields = [...new Set(named.filter((f): f is string => f !== undefined))];
  return new Parser<Item, Item>({ customFields: { item: customFields } });
}

/** The items of one feed body, mapped and filtered; a body that is not RSS/Atom is refused permanently. */
export async function parseRss(config: RssConfig, body: string): Promise<ReturnType<typeof collectMapped>> {
  let feed: Awaited<ReturnType<Parser<Item, Item>['parseString']>>;
  try {
    feed = await parserFor(config).parseString(body);
  } catch (error) {
    throw new PermanentError(`not an RSS/Atom feed: ${(error as Error).message}`);
  }
  const m = config.mapping;
  const candidates = feed.items.map((item): MappingCandidate => {
    const raw = item as Item;
    const link = raw[m.link_field];
    return {
      // Atom entries carry <id>; RSS items <guid>; a feed with neither is identified by its links.
      id: raw.guid ?? raw.id ?? link,
      title: raw[m.title_field],
      description: raw[m.description_field],
      url: link,
      date: raw[m.date_field],
      company: m.company_field && raw[m.company_field],
      location: m.location_field && raw[m.location_field],
      salary: m.salary_field && raw[m.salary_field],
      tags: [...(config.category ? [config.category] : []), ...textsOf(raw.categories)],
      fields: Object.fromEntries(m.custom_fields.map((name) => [name, raw[name]])),
    };
  });
  return collectMapped(candidates, config.filters);
}

/** A feed is one page. */
export async function readRss(config: RssConfig, ctx: ReaderContext): Promise<ReadResult> {
  const body = await fetchText(config.url, { ...ctx.limits, policy: ctx.policy });
  const collector = new PageCollector();
  collector.add(await parseRss(config, body));
  ctx.onPage(1);
  return collector.result(true);
}
