// What a user may configure for a source of their own: one zod schema per kind (RSS feed, REST
// API, scraped job board). The API validates with these before anything is stored; the readers
// parse the stored config again at fetch time, so a config written by an older version fails with
// a clear message instead of half-working. Field names follow the issue's examples (snake_case):
// these documents are written by people, not by the code.
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http or https URL' })
  .max(2_000)
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  }, 'must not carry credentials; an API secret goes in auth as a ${CUSTOM_SOURCE_…} reference');

const terms = z.array(text(100)).max(50).default([]);

/** Applied to every item after mapping; case and accents are ignored ("sao paulo" matches "São Paulo"). */
export const filtersSchema = z
  .strictObject({
    /** Keep an item only if its title or description mentions one of these (none: keep all). */
    keywords: terms,
    /** Keep an item only if its location (lacking one, its title or description) mentions one of these. */
    locations: terms,
    /** Drop an item whose title or description mentions one of these. */
    exclude_keywords: terms,
  })
  .prefault({});
export type Filters = z.infer<typeof filtersSchema>;

// ---- RSS / Atom ---------------------------------------------------------------------------------

/** An item element as rss-parser names it: "title", "content:encoded", "job:company", "dc:creator". */
const elementName = z.string().regex(/^[A-Za-z_][\w.:-]{0,99}$/, 'must be an element name such as "title" or "job:company"');

export const rssConfigSchema = z.strictObject({
  kind: z.literal('rss'),
  url: httpUrl,
  /** Added to every posting's tags ("data", "machine learning"). */
  category: text(100).optional(),
  filters: filtersSchema,
  mapping: z
    .strictObject({
      title_field: elementName.default('title'),
      description_field: elementName.default('content'),
      link_field: elementName.default('link'),
      /** rss-parser turns pubDate into isoDate; name the feed's own element for anything else. */
      date_field: elementName.default('isoDate'),
      company_field: elementName.optional(),
      location_field: elementName.optional(),
      salary_field: elementName.optional(),
      /** Further item elements to read and keep with the posting (a feed's own extensions). */
      custom_fields: z.array(elementName).max(20).default([]),
    })
    .prefault({}),
});
export type RssConfig = z.infer<typeof rssConfigSchema>;

// ---- REST API -----------------------------------------------------------------------------------

/**
 * JSONPath as jsonpath-plus reads it, without script or filter expressions: those would run
 * user-written code in the worker, so they are refused here and disabled at evaluation.
 */
const jsonPath = z
  .string()
  .trim()
  .max(300)
  .regex(/^\$/, 'must be a JSONPath starting with "$"')
  .refine((path) => !/[()]/.test(path), 'script and filter expressions ("?(", "(@") are not supported');

const paramName = z.string().regex(/^[\w.[\]-]{1,100}$/, 'must be a plain parameter name');

// A literal secret must never be stored: it would sit in the warehouse and in every backup.
const SECRET_NAME = /key|token|secret|passw|auth|signature|session/i;

/** The only way to hand a secret to a source: the name of an environment variable of the workers. */
export const ENV_REFERENCE = /^\$\{(CUSTOM_SOURCE_[A-Z0-9_]+)\}$/;
const envReference = z
  .string()
  .regex(ENV_REFERENCE, 'must be a reference such as ${CUSTOM_SOURCE_ACME_TOKEN} to an environment variable, never the secret itself');

const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'cookie', 'user-agent']);
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name')
  .refine((name) => !FORBIDDEN_HEADERS.has(name.toLowerCase()), 'this header is set by the fetcher');

const authSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({ type: z.literal('api-key'), header: headerName, value: envReference }),
    z.strictObject({ type: z.literal('bearer'), value: envReference }),
  ])
  .prefault({ type: 'none' });
export type ApiAuth = z.infer<typeof authSchema>;

const maxPages = z.number().int().min(1).max(50).default(5);

const paginationSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    /** page=1, 2, 3 … until a page holds no jobs. */
    z.strictObject({ type: z.literal('page'), param: paramName.default('page'), start: z.number().int().min(0).max(1).default(1), max_pages: maxPages }),
    /** offset=0, then the number of jobs read so far, until a page holds no jobs. */
    z.strictObject({ type: z.literal('offset'), param: paramName.default('offset'), max_pages: maxPages }),
    /** The next page's URL is in the response, at this path. */
    z.strictObject({ type: z.literal('next_link'), next_path: jsonPath, max_pages: maxPages }),
  ])
  .prefault({ type: 'none' });
export type ApiPagination = z.infer<typeof paginationSchema>;

export const apiConfigSchema = z
  .strictObject({
    kind: z.literal('api'),
    endpoint: httpUrl,
    method: z.enum(['GET', 'POST']).default('GET'),
    /** Sent as the query string (GET) or as a JSON body (POST), with the page's position when paging by number or offset. */
    params: z.record(paramName, z.union([z.string().max(500), z.number(), z.boolean()])).default({}),
    auth: authSchema,
    mapping: z.strictObject({
      /** Where the list of jobs is in a response ("$.data.jobs[*]", "$" for a bare array). */
      jobs_path: jsonPath,
      // The rest are read from each job.
      id_path: jsonPath,
      title_path: jsonPath,
      company_path: jsonPath.optional(),
      location_path: jsonPath.optional(),
      salary_path: jsonPath.optional(),
      description_path: jsonPath.optional(),
      url_path: jsonPath.optional(),
      date_path: jsonPath.optional(),
      tags_path: jsonPath.optional(),
    }),
    pagination: paginationSchema,
    /** The provider's limits; the reader spaces its requests so as never to exceed them. */
    rate_limit: z.strictObject({ per_minute: z.number().int().min(1).max(600).optional(), per_day: z.number().int().min(1).max(100_000).optional() }).prefault({}),
    filters: filtersSchema,
  })
  .superRefine((config, ctx) => {
    const endpointParams = [...new URL(config.endpoint).searchParams.keys()];
    for (const name of [...Object.keys(config.params), ...endpointParams]) {
      if (SECRET_NAME.test(name)) {
        ctx.addIssue({ code: 'custom', path: ['params', name], message: `"${name}" looks like a secret: send it in auth as a \${CUSTOM_SOURCE_…} reference` });
      }
    }
  });
export type ApiConfig = z.infer<typeof apiConfigSchema>;

// ---- Scraped job board --------------------------------------------------------------------------

/** A CSS selector, optionally with "@attribute" to read that attribute instead of the text ("a.title@href"). */
const selector = z.string().trim().min(1).max(300);

export const scrapeConfigSchema = z
  .strictObject({
    kind: z.literal('scrape'),
    /** The board's home; relative links resolve against it, and the crawl stays on its host. */
    base_url: httpUrl,
    /** The first result page, absolute or relative to base_url; "{query}" and "{page}" (1, 2 …) are filled in. */
    search_url: z.string().trim().min(1).max(2_000),
    query: text(200).optional(),
    selectors: z.strictObject({
      /** One element per job card; the other selectors are read inside it. */
      container: selector,
      title: selector,
      link: selector.default('a@href'),
      company: selector.optional(),
      location: selector.optional(),
      salary: selector.optional(),
      description: selector.optional(),
      date: selector.optional(),
      /** The link to the next result page (read from the whole page); without it, "{page}" in search_url pages. */
      next_page: selector.optional(),
    }),
    max_pages: z.number().int().min(1).max(20).default(3),
    /** A random pause in this range before every page after the first: politeness towards the board. */
    delay_ms: z
      .strictObject({ min: z.number().int().min(0).max(60_000).default(1_000), max: z.number().int().min(0).max(60_000).default(3_000) })
      .prefault({})
      .refine((d) => d.min <= d.max, 'min must not exceed max'),
    filters: filtersSchema,
  })
  .superRefine((config, ctx) => {
    const first = searchPageUrl(config, 1);
    if (!first) ctx.addIssue({ code: 'custom', path: ['search_url'], message: 'must be an http(s) URL, or a path relative to base_url' });
    else if (first.host !== new URL(config.base_url).host) {
      ctx.addIssue({ code: 'custom', path: ['search_url'], message: 'must be on the same host as base_url' });
    }
  });
export type ScrapeConfig = z.infer<typeof scrapeConfigSchema>;

/** The search URL of one result page, or null when the template does not make an http(s) URL. */
export function searchPageUrl(config: Pick<ScrapeConfig, 'base_url' | 'search_url' | 'query'>, page: number): URL | null {
  const filled = config.search_url.replaceAll('{query}', encodeURIComponent(config.query ?? '')).replaceAll('{page}', String(page));
  try {
    const url = new URL(filled, config.base_url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

// ---- Any kind -----------------------------------------------------------------------------------

export const customSourceConfigSchema = z.discriminatedUnion('kind', [rssConfigSchema, apiConfigSchema, scrapeConfigSchema]);
export type CustomSourceConfig = z.infer<typeof customSourceConfigSchema>;
export type CustomSourceConfigInput = z.input<typeof customSourceConfigSchema>;
export type CustomSourceKind = CustomSourceConfig['kind'];

/** The adapter name normalize reads every custom source's payloads with (activities/ingest/custom/posting.ts). */
export const CUSTOM_ADAPTER = 'custom';

/** Every custom source's fetch limits per page; users cannot raise them. */
export const CUSTOM_SOURCE_LIMITS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024 };

/** The most pages one fetch of this source reads. */
export function configMaxPages(config: CustomSourceConfig): number {
  if (config.kind === 'rss') return 1;
  if (config.kind === 'api') return config.pagination.type === 'none' ? 1 : config.pagination.max_pages;
  return config.max_pages;
}

/** The `sources` columns a config determines. */
export function sourceFields(config: CustomSourceConfig) {
  return {
    kind: config.kind === 'rss' ? ('rss' as const) : config.kind === 'api' ? ('json_api' as const) : ('html' as const),
    adapter: CUSTOM_ADAPTER,
    url: config.kind === 'rss' ? config.url : config.kind === 'api' ? config.endpoint : config.base_url,
    maxPages: configMaxPages(config),
    pageDelayMs: config.kind === 'scrape' ? config.delay_ms.min : 0,
    ...CUSTOM_SOURCE_LIMITS,
  };
}

/** Whether the config names a secret of the server's environment (only operators may do that). */
export function usesSecrets(config: CustomSourceConfig): boolean {
  return config.kind === 'api' && config.auth.type !== 'none';
}
