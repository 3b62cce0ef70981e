import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBoardServer, type BoardServer } from '../../../fixtures/custom-sources/board-server.js';
import { PermanentError } from '../../errors.js';
import { BlockedAddressError, PUBLIC_ONLY } from '../network-policy.js';
import { authHeaders, readApi } from './api-reader.js';
import { apiConfigSchema, type ApiConfig } from './config.js';
import { customAdapter, mappedPostingSchema } from './posting.js';
import type { ReaderContext } from './reader.js';

const TOKEN = 'fixture-token-4f1c9a';
const env = { CUSTOM_SOURCE_BOARD_TOKEN: TOKEN };

let board: BoardServer;

beforeAll(async () => {
  board = await startBoardServer({ token: TOKEN });
});

afterAll(async () => {
  await board?.close();
});

beforeEach(() => {
  board.requests.length = 0;
});

const context = (overrides: Partial<ReaderContext> = {}): ReaderContext => ({
  limits: { timeoutMs: 5_000, maxBytes: 1_000_000 },
  policy: { allowPrivate: false, allowList: [`127.0.0.1:${board.port}`] },
  env,
  maxPages: 10,
  deadline: Date.now() + 60_000,
  onPage: () => undefined,
  ...overrides,
});

function config(overrides: Record<string, unknown> = {}): ApiConfig {
  return apiConfigSchema.parse({
    kind: 'api',
    endpoint: `${board.url}/api/jobs`,
    params: { q: 'dados' },
    auth: { type: 'bearer', value: '${CUSTOM_SOURCE_BOARD_TOKEN}' },
    mapping: {
      jobs_path: '$.data.results[*]',
      id_path: '$.id',
      title_path: '$.position.title',
      company_path: '$.employer.name',
      location_path: '$.location.label',
      salary_path: '$.compensation.text',
      description_path: '$.body_html',
      url_path: '$.links.apply',
      date_path: '$.published_at',
      tags_path: '$.skills[*]',
    },
    pagination: { type: 'page', param: 'page', max_pages: 5 },
    ...overrides,
  });
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Error);
const paths = () => board.hits('/api/jobs').map((r) => r.path);

describe('readApi', () => {
  it('pages with the bearer token from the environment until a page is empty, mapping each job by JSONPath', async () => {
    const read = await readApi(config(), context());
    expect(read).toMatchObject({ pages: 3, complete: true, skipped: 1, filtered: 0 });
    // 503 has no title; 502 comes again on page 2 and is kept once.
    expect(read.items.map((i) => i.externalId)).toEqual(['501', '502', '504']);
    expect(paths()).toEqual(['/api/jobs?q=dados&page=1', '/api/jobs?q=dados&page=2', '/api/jobs?q=dados&page=3']);
    for (const request of board.hits('/api/jobs')) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);

    expect(customAdapter.extract(read.items[0]?.payload ?? {})).toMatchObject({
      title: 'Senior Data Engineer (Databricks)',
      company: 'Pampa Analytics',
      location: 'Remote - LATAM',
      salaryText: 'USD 5,000 - 6,500 per month',
      applyUrl: 'https://api-jobs.example/jobs/501',
      postedAt: '2025-11-03T14:00:00.000Z',
      tags: ['spark', 'databricks', 'python'],
    });
    // A zone-less date-time is UTC; a missing field is null, not an error.
    expect(customAdapter.extract(read.items[1]?.payload ?? {}).postedAt).toBe('2025-11-04T10:15:00.000Z');
    expect(mappedPostingSchema.parse(read.items[2]?.payload)).toMatchObject({ salary: null, date: '2025-11-05T09:00:00-03:00', location: 'Remoto - México o Colombia' });
  });

  it('pages by offset, and by the next link the response carries', async () => {
    const byOffset = await readApi(config({ pagination: { type: 'offset', param: 'offset' } }), context());
    expect(byOffset.items.map((i) => i.externalId)).toEqual(['501', '502', '504']);
    expect(paths()).toEqual(['/api/jobs?q=dados&offset=0', '/api/jobs?q=dados&offset=3', '/api/jobs?q=dados&offset=5']);

    board.requests.length = 0;
    const byLink = await readApi(config({ params: {}, pagination: { type: 'next_link', next_path: '$.links.next' } }), context());
    expect(byLink).toMatchObject({ pages: 3, complete: true });
    expect(paths()).toEqual(['/api/jobs', '/api/jobs?page=2', '/api/jobs?page=3']);
  });

  it('sends a POST search with its params and page as a JSON body', async () => {
    const read = await readApi(config({ endpoint: `${board.url}/api/search`, method: 'POST' }), context());
    expect(read.items.map((i) => i.externalId)).toEqual(['501', '502', '504']);
    expect(board.hits('/api/search').map((r) => [r.method, r.body])).toEqual([
      ['POST', '{"q":"dados","page":1}'],
      ['POST', '{"q":"dados","page":2}'],
      ['POST', '{"q":"dados","page":3}'],
    ]);
  });

  it('stops at the page limit and says the fetch is incomplete', async () => {
    const read = await readApi(config({ pagination: { type: 'page', max_pages: 1 } }), context());
    expect(read).toMatchObject({ pages: 1, complete: false });
    expect(read.items).toHaveLength(2);
  });

  it('filters the mapped jobs', async () => {
    const read = await readApi(config({ filters: { keywords: ['pytorch', 'spark'], locations: ['latam', 'méxico'] } }), context());
    expect(read.items.map((i) => i.externalId)).toEqual(['501', '504']);
    // 502 is left out on both pages it appears on.
    expect(read.filtered).toBe(2);
  });

  it('names a missing environment variable, sends nothing, and never puts the secret in an error', async () => {
    const missing = await failureOf(readApi(config(), context({ env: {} })));
    expect(missing).toBeInstanceOf(PermanentError);
    expect(missing?.message).toBe("environment variable CUSTOM_SOURCE_BOARD_TOKEN is not set on the fetch worker; this source's auth needs it");
    expect(board.requests).toEqual([]);

    const wrong = await failureOf(readApi(config(), context({ env: { CUSTOM_SOURCE_BOARD_TOKEN: 'not-the-token' } })));
    expect(wrong).toBeInstanceOf(PermanentError);
    expect(wrong?.message).toMatch(/answered HTTP 401/);
    expect(wrong?.message).not.toContain('not-the-token');
  });

  it('refuses malformed bodies and a jobs path the response does not have, permanently', async () => {
    const malformed = await failureOf(readApi(config({ endpoint: `${board.url}/api/malformed`, auth: { type: 'none' } }), context()));
    expect(malformed).toBeInstanceOf(PermanentError);
    expect(malformed?.message).toMatch(/^not JSON/);

    const noJobs = await failureOf(readApi(config({ endpoint: `${board.url}/api/maintenance`, auth: { type: 'none' } }), context()));
    expect(noJobs).toBeInstanceOf(PermanentError);
    expect(noJobs?.message).toBe('jobs_path $.data.results[*] matched nothing in the response');
  });

  it('sends credentials to the endpoint’s own origin only', async () => {
    const error = await failureOf(readApi(config({ pagination: { type: 'next_link', next_path: '$.data.results[0].links.apply' } }), context()));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error?.message).toMatch(/the next-page link https:\/\/api-jobs\.example\/jobs\/501 leaves http:\/\/127\.0\.0\.1/);
    expect(board.hits('/api/jobs')).toHaveLength(1);
  });

  it('refuses 127.0.0.1 unless the operator allow-lists it, before any request', async () => {
    await expect(readApi(config(), context({ policy: PUBLIC_ONLY }))).rejects.toThrow(BlockedAddressError);
    expect(board.requests).toEqual([]);
  });
});

describe('authHeaders', () => {
  it('puts the resolved secret in the named header or as a bearer token', () => {
    expect(authHeaders({ type: 'api-key', header: 'X-Api-Key', value: '${CUSTOM_SOURCE_BOARD_TOKEN}' }, env)).toEqual({ 'x-api-key': TOKEN });
    expect(authHeaders({ type: 'bearer', value: '${CUSTOM_SOURCE_BOARD_TOKEN}' }, env)).toEqual({ authorization: `Bearer ${TOKEN}` });
    expect(authHeaders({ type: 'none' }, env)).toEqual({});
    expect(() => authHeaders({ type: 'bearer', value: '${CUSTOM_SOURCE_BOARD_TOKEN}' }, { CUSTOM_SOURCE_BOARD_TOKEN: 'line\nbreak' })).toThrow(
      'environment variable CUSTOM_SOURCE_BOARD_TOKEN holds characters an HTTP header cannot carry',
    );
  });
});
