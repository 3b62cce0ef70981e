import type { RawItem } from '../adapters/types.js';
import type { FetchLimits } from '../http-fetch.js';
import type { NetworkPolicy } from '../network-policy.js';

/** What one custom reader may use: the fetch limits, the network policy, the environment for secrets. */
export interface ReaderContext {
  limits: FetchLimits;
  policy: NetworkPolicy;
  /** Where `${CUSTOM_SOURCE_…}` references are resolved (process.env in a worker). */
  env: Record<string, string | undefined>;
  /** Most pages to read: the source's own limit, or 1 when a user tests a config. */
  maxPages: number;
  /** Epoch ms after which no further page is started (the fetch activity has a time limit). */
  deadline: number;
  /** Reports each page read. */
  onPage(page: number): void;
}

export interface ReadResult {
  /** In the order read; an id seen on an earlier page is kept once. */
  items: RawItem[];
  /** Unusable items (no id or no title). */
  skipped: number;
  /** Items the source's filters left out. */
  filtered: number;
  pages: number;
  /** The last page said there is no next one (not cut off by the page limit). */
  complete: boolean;
}

/** Collects pages into a ReadResult, keeping an item seen on two pages once (boards shift items while one pages through). */
export class PageCollector {
  private readonly byId = new Map<string, RawItem>();
  skipped = 0;
  filtered = 0;
  pages = 0;

  add(page: { items: RawItem[]; skipped: number; filtered: number }): void {
    this.pages += 1;
    this.skipped += page.skipped;
    this.filtered += page.filtered;
    for (const item of page.items) if (!this.byId.has(item.externalId)) this.byId.set(item.externalId, item);
  }

  result(complete: boolean): ReadResult {
    return { items: [...this.byId.values()], skipped: this.skipped, filtered: this.filtered, pages: this.pages, complete };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
