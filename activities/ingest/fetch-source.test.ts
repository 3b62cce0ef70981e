import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaged } from '../../cli/test-support/adapter-harness.js';
import { PROJECT_ROOT } from '../../cli/config.js';
import type { Source } from '../../warehouse/core.js';
import { Staging } from '../staging.js';
import { fetchSource, type FetchProgress } from './fetch-source.js';
import { PermanentError } from '../errors.js';
import { HttpStatusError } from './http-fetch.js';
import { BlockedAddressError, PUBLIC_ONLY } from './network-policy.js';

// Arbeitnow's recorded pages (links.next paging): 3 pages, one job repeated on page 2.
const fixture = (page: number) => readFileSync(join(PROJECT_ROOT, `fixtures/sources/arbeitnow/page-${page}.json`), 'utf8');

let server: Server;
let base = '';
let dir = '';
let staging: Staging;
const requests: string[] = [];
/** How many more times page 3 answers 500 before it answers. */
let page3Failures = 0;
/** An uninterrupted fetch of the same board: what every resumed fetch must stage. */
let clean: Awaited<ReturnType<typeof fetchSource>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fetch-source-'));
  staging = new Staging(dir);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${url.pathname}${url.search}`);
    const page = Number(url.searchParams.get('page') ?? 1);
    if (page === 3 && page3Failures > 0) {
      page3Failures -= 1;
      return void res.writeHead(500).end('try later');
    }
    res.end(fixture(page).replaceAll('https://www.arbeitnow.com/api/', `${base}/api/`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  clean = await fetchSource(source(), 'clean', staging);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const source = (): Source => ({
  id: 'arbeitnow',
  name: 'Arbeitnow',
  kind: 'json_api',
  adapter: 'arbeitnow',
  url: `${base}/api/job-board-api`,
  enabled: true,
  timeoutMs: 2_000,
  maxBytes: 1_000_000,
  maxPages: 10,
  pageDelayMs: 0,
});

/** An attempt that fails on page 3, and the progress it reported last. */
async function failedAttempt(runId: string): Promise<FetchProgress> {
  page3Failures = 1;
  let last: FetchProgress | undefined;
  await expect(fetchSource(source(), runId, staging, { onProgress: (p) => (last = p) })).rejects.toBeInstanceOf(HttpStatusError);
  if (!last) throw new Error('no progress was reported');
  return last;
}

describe('fetchSource resumed from the progress of an earlier attempt', () => {
  it('reads only the pages after the last one reported, and stages exactly what an uninterrupted fetch stages', async () => {
    expect(clean).toMatchObject({ pages: 3, complete: true });
    requests.length = 0;
    const progress = await failedAttempt('interrupted');
    expect(progress).toMatchObject({ pages: 2, nextUrl: `${base}/api/job-board-api?page=3` });
    expect(requests).toEqual(['/api/job-board-api', '/api/job-board-api?page=2', '/api/job-board-api?page=3']);

    requests.length = 0;
    const resumed = await fetchSource(source(), 'interrupted', staging, { resume: progress });

    expect(requests).toEqual(['/api/job-board-api?page=3']);
    expect(resumed).toMatchObject({ pages: 3, complete: true, resumedAt: 2, items: clean.items, skipped: clean.skipped });
    expect(readStaged(resumed.path)).toEqual(readStaged(clean.path));
    expect(existsSync(progress.partialPath)).toBe(false);
  });

  it('drops whatever was appended after the last page reported (a write cut short by the crash)', async () => {
    const progress = await failedAttempt('torn');
    appendFileSync(progress.partialPath, '{"source_id":"arbeitnow","external_id":"half-writ');

    const resumed = await fetchSource(source(), 'torn', staging, { resume: progress });

    expect(readStaged(resumed.path)).toEqual(readStaged(clean.path));
  });

  it.each([
    ['progress of another run', (p: FetchProgress) => ({ ...p, partialPath: p.partialPath.replace('other-run', 'elsewhere') })],
    ['a partial file shorter than reported', (p: FetchProgress) => ({ ...p, partialBytes: p.partialBytes + 10_000 })],
    ['details of another shape', () => ({ page: 2 })],
    ['no details', () => undefined],
  ])('starts over given %s', async (_case, mangle) => {
    const progress = await failedAttempt('other-run');
    requests.length = 0;

    const result = await fetchSource(source(), 'other-run', staging, { resume: mangle(progress) });

    expect(requests[0]).toBe('/api/job-board-api');
    expect(result).toMatchObject({ pages: 3, resumedAt: 0, items: clean.items });
  });

  it('refuses a path outside the staging folder', async () => {
    const progress = await failedAttempt('escape');
    const outside = { ...progress, partialPath: '/etc/passwd' };

    const result = await fetchSource(source(), 'escape', staging, { resume: outside });
    expect(result.resumedAt).toBe(0);
  });
});

describe('fetchSource under a network policy', () => {
  it('refuses a source on a non-public address before sending anything', async () => {
    requests.length = 0;

    await expect(fetchSource(source(), 'policy', staging, { policy: PUBLIC_ONLY })).rejects.toBeInstanceOf(BlockedAddressError);
    expect(requests).toEqual([]);
  });
});

describe('fetchSource within the source\'s request limits', () => {
  it('stops, incomplete, when the per-minute limit would make it wait past its deadline', async () => {
    requests.length = 0;
    const limited = { ...source(), id: 'arbeitnow-per-minute', requestsPerMinute: 2 };

    const result = await fetchSource(limited, 'per-minute', staging, { deadline: Date.now() + 1_000 });

    expect(result).toMatchObject({ pages: 2, complete: false });
    expect(requests).toEqual(['/api/job-board-api', '/api/job-board-api?page=2']);
  });

  it('stages what the daily limit allowed, then refuses until the day has passed', async () => {
    requests.length = 0;
    const limited = { ...source(), id: 'arbeitnow-per-day', requestsPerDay: 1 };

    expect(await fetchSource(limited, 'per-day-1', staging)).toMatchObject({ pages: 1, complete: false });
    const refused = fetchSource(limited, 'per-day-2', staging);

    await expect(refused).rejects.toBeInstanceOf(PermanentError);
    await expect(refused).rejects.toThrow('arbeitnow-per-day has used its 1 requests for today');
    expect(requests).toEqual(['/api/job-board-api']);
  });
});
