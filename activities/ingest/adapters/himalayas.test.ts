import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '../../errors.js';
import { Staging } from '../../staging.js';
import { fetchSource } from '../fetch-source.js';
import { himalayasAdapter, himalayasSalaryText } from './himalayas.js';
import { adapterFor } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/sources/himalayas/${name}`, import.meta.url), 'utf8');
const GUID = 'https://himalayas.app/companies/';

let server: Server;
let base = '';
let dir = '';
const requested: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'himalayas-'));
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requested.push(`${url.pathname}${url.search}`);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    if (url.pathname === '/jobs/api') {
      const page = offset / 4 + 1;
      if (![1, 2, 3].includes(page)) return void res.writeHead(404).end();
      return void res.end(fixture(`page-${page}.json`));
    }
    // A board whose list shrank while we paged: page 2 is empty although totalCount promised more.
    if (url.pathname === '/shrinking/jobs/api') {
      if (offset === 0) return void res.end(fixture('page-1.json'));
      return void res.end(JSON.stringify({ updatedAt: 1793710800, offset, limit: 4, totalCount: 10, jobs: [] }));
    }
    if (url.pathname === '/malformed') return void res.end('{"offset":0,"limit":4,"jobs":[{"title":"Data Eng');
    if (url.pathname === '/wrong') return void res.end('{"data": [], "links": {"next": null}}');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const source = (path: string, maxPages = 10) => ({
  id: 'himalayas',
  name: 'Himalayas',
  kind: 'json_api' as const,
  adapter: 'himalayas',
  url: `${base}${path}`,
  enabled: true,
  timeoutMs: 2000,
  maxBytes: 1_000_000,
  maxPages,
  pageDelayMs: 0,
});

const readStaged = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { external_id: string; payload: Record<string, unknown> });

describe('himalayas adapter through fetchSource', () => {
  it('is registered', () => {
    expect(adapterFor('himalayas')).toBe(himalayasAdapter);
  });

  it('pages by offset until totalCount, keeping a job repeated across pages once', async () => {
    requested.length = 0;
    const result = await fetchSource(source('/jobs/api?limit=4&offset=0'), 'run-1', new Staging(dir));

    expect(result.pages).toBe(3);
    expect(requested).toEqual(['/jobs/api?limit=4&offset=0', '/jobs/api?limit=4&offset=4', '/jobs/api?limit=4&offset=8']);
    // 10 jobs listed: one without a title and one without a guid are skipped, one repeats.
    expect(result.skipped).toBe(2);
    expect(result.items).toBe(7);
    const ids = readStaged(result.path).map((r) => r.external_id);
    expect(new Set(ids).size).toBe(7);
    expect(ids).toContain(`${GUID}cooperativa-ipe/jobs/analista-de-dados-junior`);
  });

  it('extracts the fields, restrictions and salary shapes', async () => {
    const result = await fetchSource(source('/jobs/api?limit=4&offset=0'), 'run-2', new Staging(dir));
    const byId = new Map(readStaged(result.path).map((r) => [r.external_id, himalayasAdapter.extract(r.payload)]));

    const ml = byId.get(`${GUID}tucano-commerce/jobs/senior-machine-learning-engineer`);
    expect(ml).toMatchObject({
      title: 'Senior Machine Learning Engineer',
      company: 'Tucano Commerce',
      location: 'Brazil',
      postedAt: '2026-11-03T12:00:00.000Z',
      applyUrl: 'https://jobs.tucano.example/apply/ml-senior',
      employmentType: 'Full Time',
      salaryText: 'USD 90,000 - 120,000 per year',
      remote: { isRemote: true, locationRestrictions: ['Brazil'] },
    });
    expect(ml?.tags).toEqual(['Machine-Learning-Engineer', 'Python', 'Senior']);
    expect(ml?.descriptionHtml).toContain('<strong>Senior ML Engineer</strong>');

    expect(byId.get(`${GUID}banco-jabuticaba/jobs/cientista-de-dados-senior-pj`)).toMatchObject({
      title: 'Cientista de Dados Sênior (PJ)',
      location: 'Brazil, Portugal',
      employmentType: 'Contractor',
      salaryText: 'BRL 180,000 - 240,000 per year',
      remote: { locationRestrictions: ['Brazil', 'Portugal'] },
    });

    // Empty restrictions mean anywhere; no description falls back to the excerpt; no link falls back to the guid.
    const de = byId.get(`${GUID}orbital-metrics/jobs/data-engineer`);
    expect(de).toMatchObject({
      location: 'Worldwide',
      salaryText: null,
      applyUrl: `${GUID}orbital-metrics/jobs/data-engineer`,
      descriptionHtml: 'Own batch and streaming pipelines on Databricks. Work from anywhere.',
      remote: { isRemote: true, locationRestrictions: null },
    });

    expect(byId.get(`${GUID}pampa-vision/jobs/ingeniero-a-de-machine-learning`)).toMatchObject({
      title: 'Ingeniero/a de Machine Learning',
      company: 'Pampa Vision S.A.',
      location: 'Argentina, Chile, Colombia, Mexico',
      employmentType: 'Part Time',
      salaryText: 'EUR 60,000+ per year',
    });
    // No locationRestrictions field at all: the board said nothing.
    expect(byId.get(`${GUID}lumenforge/jobs/ai-product-analyst`)).toMatchObject({
      location: null,
      salaryText: 'up to USD 150,000 per year',
      remote: { isRemote: true, locationRestrictions: null },
    });
    expect(byId.get(`${GUID}maple-inference/jobs/mlops-engineer`)?.salaryText).toBeNull();
    expect(byId.get(`${GUID}cooperativa-ipe/jobs/analista-de-dados-junior`)?.salaryText).toBe('USD 30,000 per year');
  });

  it('stops on an empty page even when totalCount promised more', async () => {
    const result = await fetchSource(source('/shrinking/jobs/api?limit=4&offset=0'), 'run-3', new Staging(dir));
    expect(result).toMatchObject({ pages: 2, items: 3, skipped: 1 });
  });

  it('honours maxPages', async () => {
    const result = await fetchSource(source('/jobs/api?limit=4&offset=0', 2), 'run-4', new Staging(dir));
    expect(result).toMatchObject({ pages: 2, items: 6 });
  });

  it('refuses a truncated body and a foreign envelope permanently', async () => {
    await expect(fetchSource(source('/malformed'), 'run-5', new Staging(dir))).rejects.toBeInstanceOf(PermanentError);
    await expect(fetchSource(source('/wrong'), 'run-5', new Staging(dir))).rejects.toThrow(/no "jobs" array/);
  });

  it('falls back to the page size when totalCount is missing', () => {
    const body = (n: number) => JSON.stringify({ offset: 0, limit: 2, jobs: Array.from({ length: n }, () => ({})) });
    expect(himalayasAdapter.nextPage?.({ url: 'https://himalayas.app/jobs/api?limit=2&offset=0', body: body(2), page: 1, items: 2 })).toBe(
      'https://himalayas.app/jobs/api?limit=2&offset=2',
    );
    expect(himalayasAdapter.nextPage?.({ url: 'https://himalayas.app/jobs/api?limit=2&offset=0', body: body(1), page: 1, items: 1 })).toBeNull();
    expect(himalayasSalaryText(100, 50, null)).toBe('50 - 100 per year');
  });
});
