// A job board read from its HTML with crawlee's CheerioCrawler. Every request, and every redirect
// hop inside it, passes the network policy; the connection uses only the addresses the policy
// checked (guardedLookup); robots.txt is read under the same policy and honoured, Crawl-delay
// included; one request at a time per host is shared with every other fetch (hostLimiter).
import { Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import type { CheerioAPI, CheerioCrawlingContext } from 'crawlee';
import { PermanentError } from '../../errors.js';
import { hostLimiter } from '../host-limiter.js';
import { HttpStatusError, MAX_REDIRECTS, USER_AGENT } from '../http-fetch.js';
import { assertPublicUrl, guardedLookup, type NetworkPolicy } from '../network-policy.js';
import { ROBOTS_LIMITS, assertAllowedByRobots } from '../robots.js';
import { searchPageUrl, type ScrapeConfig } from './config.js';
import { collectMapped, type MappingCandidate } from './posting.js';
import { PageCollector, sleep, type ReaderContext, type ReadResult } from './reader.js';

/** "a.title@href" → the href attribute of the first "a.title"; "@href" → the card's own attribute; ".company" → its text. */
function splitSelector(selector: string): { css: string; attr: string | null } {
  const at = /^(.*?)@([A-Za-z_][\w:.-]*)$/.exec(selector);
  return at ? { css: (at[1] ?? '').trim(), attr: at[2] ?? null } : { css: selector, attr: null };
}

/** Runs a user's selector; a selector cheerio cannot parse is the config's mistake, said plainly. */
function select<T>(selector: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new PermanentError(`the selector "${selector}" is not valid CSS: ${(error as Error).message}`);
  }
}

function read(card: ReturnType<CheerioAPI>, selector: string | undefined, as: 'text' | 'html'): string | null {
  if (!selector) return null;
  const { css, attr } = splitSelector(selector);
  const element = css ? select(selector, () => card.find(css).first()) : card;
  if (element.length === 0) return null;
  const value = attr ? element.attr(attr) : as === 'html' ? element.html() : element.text();
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}

function absolute(link: string | null, pageUrl: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The job cards of one page, mapped and filtered. */
export function parseScrapedPage(config: ScrapeConfig, $: CheerioAPI, pageUrl: string): ReturnType<typeof collectMapped> & { cards: number } {
  const s = config.selectors;
  const cards = select(s.container, () => $(s.container).toArray());
  const candidates = cards.map((element): MappingCandidate => {
    const card = $(element);
    const url = absolute(read(card, s.link, 'text'), pageUrl);
    const title = read(card, s.title, 'text');
    const company = read(card, s.company, 'text');
    const location = read(card, s.location, 'text');
    return {
      // A board without a link per job is identified by what the card says.
      id: url ?? (title ? [title, company, location].filter(Boolean).join(' | ') : null),
      title,
      company,
      location,
      salary: read(card, s.salary, 'text'),
      description: read(card, s.description, 'html'),
      url,
      date: read(card, s.date, 'text'),
    };
  });
  return { ...collectMapped(candidates, config.filters), cards: cards.length };
}

/** Where the page after `page` is: the next-page link when there is a selector for it, else the template's next page. */
export function nextScrapedPage(config: ScrapeConfig, $: CheerioAPI, pageUrl: string, page: number): string | null {
  if (config.selectors.next_page) {
    const { css, attr } = splitSelector(config.selectors.next_page);
    const link = select(config.selectors.next_page, () => $(css).first());
    return absolute((attr ? link.attr(attr) : link.attr('href')) ?? null, pageUrl);
  }
  return config.search_url.includes('{page}') ? (searchPageUrl(config, page + 1)?.href ?? null) : null;
}

const randomDelay = ({ min, max }: ScrapeConfig['delay_ms']) => min + Math.floor(Math.random() * (max - min + 1));

/** The longest pause before a page; a site whose Crawl-delay asks for more is read one page per fetch. */
const MAX_PAUSE_MS = 60_000;

/** got options that keep a crawlee request (and each of its redirect hops) inside the network policy. */
function guardedGotOptions(url: string, policy: NetworkPolicy, agents: { http: HttpAgent; https: HttpsAgent }, timeoutMs: number): Record<string, unknown> {
  return {
    // got-scraping's HTTP/2 probe and browser-header generator open their own connections, outside
    // the guarded lookup; plain HTTP/1.1 with our own user agent is what this reader needs.
    http2: false,
    useHeaderGenerator: false,
    // A compressed body could inflate far past the size limit before anyone counts it.
    decompress: false,
    dnsLookup: guardedLookup(url, policy),
    agent: agents,
    maxRedirects: MAX_REDIRECTS,
    timeout: { request: timeoutMs },
    headers: { 'user-agent': USER_AGENT, 'accept-encoding': 'identity', accept: 'text/html,application/xhtml+xml' },
    hooks: {
      beforeRedirect: [
        async (options: { url: URL; dnsLookup: unknown }) => {
          await assertPublicUrl(options.url.href, policy);
          options.dnsLookup = guardedLookup(options.url.href, policy);
        },
      ],
    },
  };
}

/** What failed, with a blocked address or a robots.txt refusal kept as the permanent error it is. */
function failure(error: Error): Error {
  const cause = (error as { cause?: unknown }).cause;
  if (error instanceof PermanentError) return error;
  if (cause instanceof PermanentError) return cause;
  return error;
}

// Elements that never hold others (void) or whose end tag may be left out (the next one closes
// them): counting them would make an ordinary page of unclosed <li> and <p> look deep.
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta source track wbr li p dt dd option optgroup tr td th thead tbody tfoot colgroup rb rt rp html head body'.split(' '),
);
/** Far deeper than real pages nest. htmlparser2 and css-select slow down with depth: 100,000 unclosed <div>s cost a minute of CPU. */
export const MAX_HTML_DEPTH = 1_000;

/** Whether a page nests its elements deeper than `limit`, by a linear count of start and end tags. */
export function htmlNestsDeeperThan(html: string, limit = MAX_HTML_DEPTH): boolean {
  let depth = 0;
  for (const tag of html.matchAll(/<(\/?)([A-Za-z][\w-]*)[^>]*?(\/?)>/g)) {
    if (tag[3] || NOT_NESTING.has((tag[2] ?? '').toLowerCase())) continue;
    depth += tag[1] ? -1 : 1;
    if (depth > limit) return true;
  }
  return false;
}

/** Reads up to max_pages result pages, one at a time, with a random pause between pages. */
export async function readScrape(config: ScrapeConfig, ctx: ReaderContext): Promise<ReadResult> {
  // Loaded on first use: crawlee takes a second to import, and most processes never scrape.
  const { CheerioCrawler: Crawler, Configuration, Log, LogLevel } = await import('crawlee');
  // The page is checked before crawlee parses it: parsing is synchronous and no time-out can stop it.
  class CheerioCrawler extends Crawler {
    protected override async _parseHTML(response: IncomingMessage, isXml: boolean, context: CheerioCrawlingContext) {
      const body = await text(response);
      if (htmlNestsDeeperThan(body)) throw new PermanentError(`${context.request.url} nests its elements more than ${MAX_HTML_DEPTH} deep; no job board does`);
      return super._parseHTML(Readable.from([body]) as unknown as IncomingMessage, isXml, context);
    }
  }
  const host = new URL(config.base_url).host;
  const maxPages = Math.min(ctx.maxPages, config.max_pages);
  const collector = new PageCollector();
  const agents = { http: new HttpAgent({ keepAlive: false }), https: new HttpsAgent({ keepAlive: false }) };
  const held = new Map<string, () => void>();
  const release = (id: string | undefined) => {
    held.get(id ?? '')?.();
    held.delete(id ?? '');
  };
  // Set from the crawler's callbacks: the first failure, where the last page read said to go next,
  // and the Crawl-delay the board's robots.txt asks for (the crawl stays on one host).
  const outcome: { failed: Error | null; next: string | null; crawlDelayMs: number } = { failed: null, next: null, crawlDelayMs: 0 };

  const crawler = new CheerioCrawler(
    {
      maxConcurrency: 1,
      maxRequestsPerCrawl: maxPages,
      // The activity retries the whole source with backoff; the crawler itself does not.
      maxRequestRetries: 0,
      useSessionPool: false,
      ignoreSslErrors: false,
      // Every answer reaches the handler, which says what was wrong with it (status first, then type).
      additionalMimeTypes: ['*/*'],
      navigationTimeoutSecs: Math.ceil(ctx.limits.timeoutMs / 1000),
      // Crawlee's limit covers the whole request, the polite pause and the robots.txt read before it included.
      requestHandlerTimeoutSecs: 30 + MAX_PAUSE_MS / 1000 + Math.ceil(ROBOTS_LIMITS.timeoutMs / 1000),
      log: new Log({ level: LogLevel.OFF }),
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          await sleep(Number(request.userData.pauseMs ?? 0));
          await assertPublicUrl(request.url, ctx.policy);
          outcome.crawlDelayMs = (await assertAllowedByRobots(request.url, USER_AGENT, ctx.policy)).crawlDelayMs;
          Object.assign(gotOptions, guardedGotOptions(request.url, ctx.policy, agents, ctx.limits.timeoutMs));
          held.set(request.id ?? '', await hostLimiter.acquire(new URL(request.url).host));
        },
      ],
      postNavigationHooks: [
        ({ request, response }) => {
          // The request asked for identity; a compressed body would be parsed as garbage and look like an empty board.
          const encoding = response?.headers['content-encoding']?.trim().toLowerCase();
          if (encoding && encoding !== 'identity') {
            response?.destroy();
            throw new PermanentError(`${request.url} sent a ${encoding}-compressed page it was not asked for`);
          }
          const declared = Number(response?.headers['content-length'] ?? 0);
          if (declared > ctx.limits.maxBytes) {
            response?.destroy();
            throw new PermanentError(`${request.url} sent ${declared} bytes, over the ${ctx.limits.maxBytes}-byte limit`);
          }
          // The body is read after this hook; count it as it arrives and stop it at the limit.
          response?.on('downloadProgress', ({ transferred }: { transferred: number }) => {
            if (transferred > ctx.limits.maxBytes) response.destroy(new PermanentError(`${request.url} sent more than the ${ctx.limits.maxBytes}-byte limit`));
          });
        },
      ],
      async requestHandler({ request, response, contentType, $ }) {
        release(request.id);
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) {
          const error = new HttpStatusError(request.url, status);
          throw status >= 500 || status === 429 ? error : new PermanentError(error.message, { cause: error });
        }
        if (!/html|xml/.test(contentType.type)) throw new PermanentError(`${request.url} is not an HTML page (Content-Type ${contentType.type})`);
        const page = Number(request.userData.page);
        const url = request.loadedUrl ?? request.url;
        const parsed = parseScrapedPage(config, $, url);
        collector.add(parsed);
        ctx.onPage(collector.pages);
        const next = parsed.cards > 0 ? nextScrapedPage(config, $, url, page) : null;
        outcome.next = next === url ? null : next;
        if (outcome.next && new URL(outcome.next).host !== host) throw new PermanentError(`the next-page link ${outcome.next} leaves ${host}`);
        const pauseMs = Math.max(randomDelay(config.delay_ms), outcome.crawlDelayMs);
        if (outcome.next && page < maxPages && pauseMs <= MAX_PAUSE_MS && Date.now() + pauseMs < ctx.deadline) {
          await crawler.addRequests([{ url: outcome.next, userData: { page: page + 1, pauseMs } }]);
        }
      },
      failedRequestHandler({ request }, error) {
        release(request.id);
        outcome.failed ??= failure(error);
      },
    },
    // In memory only: otherwise crawlee writes its request queue and statistics under ./storage.
    new Configuration({ persistStorage: false }),
  );

  try {
    const first = searchPageUrl(config, 1);
    if (!first) throw new PermanentError(`search_url ${config.search_url} does not make an http(s) URL`);
    await crawler.run([{ url: first.href, userData: { page: 1 } }]);
  } finally {
    for (const id of [...held.keys()]) release(id);
    agents.http.destroy();
    agents.https.destroy();
  }
  if (outcome.failed) throw outcome.failed;
  // Complete: the last page read had no next page (neither cut off by the page limit nor the deadline).
  return collector.result(outcome.next === null);
}
