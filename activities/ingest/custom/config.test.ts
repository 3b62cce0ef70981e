import { describe, expect, it } from 'vitest';
import { customSourceConfigSchema, sourceFields, usesSecrets } from './config.js';

const api = {
  kind: 'api',
  endpoint: 'https://api.vagas.example/v1/jobs',
  mapping: { jobs_path: '$.jobs[*]', id_path: '$.id', title_path: '$.title' },
};

const scrape = {
  kind: 'scrape',
  base_url: 'https://quadro.example',
  search_url: '/busca?q={query}&p={page}',
  query: 'ciência de dados',
  selectors: { container: '.vaga', title: 'h2' },
};

/** The messages zod gives for a config, by path. */
function issues(config: unknown): Record<string, string> {
  const parsed = customSourceConfigSchema.safeParse(config);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('customSourceConfigSchema', () => {
  it('fills the defaults of each kind', () => {
    expect(customSourceConfigSchema.parse({ kind: 'rss', url: 'https://vagas.example/feed.rss' })).toEqual({
      kind: 'rss',
      url: 'https://vagas.example/feed.rss',
      filters: { keywords: [], locations: [], exclude_keywords: [] },
      mapping: { title_field: 'title', description_field: 'content', link_field: 'link', date_field: 'isoDate', custom_fields: [] },
    });
    expect(customSourceConfigSchema.parse(api)).toMatchObject({ method: 'GET', params: {}, auth: { type: 'none' }, pagination: { type: 'none' }, rate_limit: {} });
    expect(customSourceConfigSchema.parse(scrape)).toMatchObject({ max_pages: 3, delay_ms: { min: 1_000, max: 3_000 }, selectors: { link: 'a@href' } });
  });

  it('accepts a secret only as a ${CUSTOM_SOURCE_…} reference, never the secret itself', () => {
    const bearer = (value: string) => ({ ...api, auth: { type: 'bearer', value } });
    expect(customSourceConfigSchema.safeParse(bearer('${CUSTOM_SOURCE_VAGAS_TOKEN}')).success).toBe(true);
    for (const value of ['sk-live-8f2a1c', '${ANTHROPIC_API_KEY}', 'Bearer ${CUSTOM_SOURCE_VAGAS_TOKEN}', '$CUSTOM_SOURCE_VAGAS_TOKEN']) {
      expect(issues(bearer(value))['auth.value']).toMatch(/never the secret itself/);
    }
    expect(issues({ ...api, auth: { type: 'api-key', header: 'Host', value: '${CUSTOM_SOURCE_X}' } })['auth.header']).toBe('this header is set by the fetcher');
  });

  it('refuses secrets hidden elsewhere: in params, in the endpoint’s query, in the URL’s user info', () => {
    expect(issues({ ...api, params: { api_key: 'abc123' } })['params.api_key']).toMatch(/looks like a secret/);
    expect(issues({ ...api, endpoint: 'https://api.vagas.example/v1/jobs?access_token=abc' })['params.access_token']).toMatch(/looks like a secret/);
    expect(issues({ kind: 'rss', url: 'https://user:pass@vagas.example/feed.rss' }).url).toMatch(/must not carry credentials/);
    expect(customSourceConfigSchema.safeParse({ ...api, params: { q: 'dados', page_size: 50, remote: true } }).success).toBe(true);
  });

  it('refuses a method it cannot send', () => {
    expect(customSourceConfigSchema.safeParse({ ...api, method: 'POST' }).success).toBe(true);
    expect(issues({ ...api, method: 'PUT' }).method).toMatch(/GET|POST/);
  });

  it('refuses JSONPath scripts and filters, and anything but http(s) URLs', () => {
    expect(issues({ ...api, mapping: { ...api.mapping, jobs_path: '$.jobs[?(@.remote)]' } })['mapping.jobs_path']).toMatch(/not supported/);
    expect(issues({ ...api, mapping: { ...api.mapping, id_path: 'id' } })['mapping.id_path']).toMatch(/starting with "\$"/);
    expect(issues({ kind: 'rss', url: 'file:///etc/passwd' }).url).toMatch(/http or https/);
    expect(issues({ kind: 'rss', url: 'gopher://vagas.example/' }).url).toMatch(/http or https/);
  });

  it('keeps a scraper on its board and its pauses sensible', () => {
    expect(issues({ ...scrape, search_url: 'https://elsewhere.example/busca' }).search_url).toBe('must be on the same host as base_url');
    expect(issues({ ...scrape, search_url: 'javascript:alert(1)' }).search_url).toMatch(/http\(s\) URL/);
    expect(issues({ ...scrape, delay_ms: { min: 5_000, max: 1_000 } }).delay_ms).toBe('min must not exceed max');
    expect(issues({ ...scrape, max_pages: 500 }).max_pages).toBeDefined();
  });

  it('refuses fields it does not know, so a typo is not silently ignored', () => {
    expect(issues({ kind: 'rss', url: 'https://vagas.example/feed.rss', filter: { keywords: ['dados'] } })).toEqual({ '': expect.stringMatching(/filter/) });
  });
});

describe('sourceFields', () => {
  it('derives the sources row of each kind', () => {
    const parse = (c: unknown) => customSourceConfigSchema.parse(c);
    expect(sourceFields(parse({ kind: 'rss', url: 'https://vagas.example/feed.rss' }))).toEqual({
      kind: 'rss',
      adapter: 'custom',
      url: 'https://vagas.example/feed.rss',
      maxPages: 1,
      pageDelayMs: 0,
      timeoutMs: 15_000,
      maxBytes: 5 * 1024 * 1024,
    });
    expect(sourceFields(parse({ ...api, pagination: { type: 'page', max_pages: 7 } }))).toMatchObject({ kind: 'json_api', url: api.endpoint, maxPages: 7 });
    expect(sourceFields(parse(scrape))).toMatchObject({ kind: 'html', url: 'https://quadro.example', maxPages: 3, pageDelayMs: 1_000 });
  });

  it('says which configs name a server secret', () => {
    expect(usesSecrets(customSourceConfigSchema.parse(api))).toBe(false);
    expect(usesSecrets(customSourceConfigSchema.parse({ ...api, auth: { type: 'bearer', value: '${CUSTOM_SOURCE_X}' } }))).toBe(true);
  });
});
