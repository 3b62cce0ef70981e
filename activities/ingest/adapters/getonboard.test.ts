import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '../../errors.js';
import { Staging } from '../../staging.js';
import { fetchSource } from '../fetch-source.js';
import { getOnBoardSalaryText, getonboardAdapter } from './getonboard.js';
import { adapterFor } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/sources/getonboard/${name}`, import.meta.url), 'utf8');
const JOBS = '/api/v0/categories/machine-learning-ai/jobs';
const QUERY = '?per_page=3&page=1&expand=["company"]';

let server: Server;
let base = '';
let dir = '';
const pages: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'getonboard-'));
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const page = Number(url.searchParams.get('page') ?? 1);
    if (url.pathname === JOBS) {
      pages.push(`${page}:${url.searchParams.get('expand')}`);
      if (![1, 2].includes(page)) return void res.writeHead(404).end();
      return void res.end(fixture(`page-${page}.json`));
    }
    // total_pages promised 2, but the list emptied while we paged.
    if (url.pathname === '/shrinking') {
      if (page === 1) return void res.end(fixture('page-1.json'));
      return void res.end(JSON.stringify({ data: [], meta: { page, per_page: 3, total_pages: 2 } }));
    }
    if (url.pathname === '/malformed') return void res.end('{"data": [{"id": "x", "attributes": {"title": "ML');
    if (url.pathname === '/wrong') return void res.end('{"errors": [{"title": "Not found"}]}');
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
  id: 'getonboard',
  name: 'Get on Board',
  kind: 'json_api' as const,
  adapter: 'getonboard',
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

describe('getonboard adapter through fetchSource', () => {
  it('is registered', () => {
    expect(adapterFor('getonboard')).toBe(getonboardAdapter);
  });

  it('pages until total_pages, keeping the expand parameter and a repeated job once', async () => {
    pages.length = 0;
    const result = await fetchSource(source(`${JOBS}${QUERY}`), 'run-1', new Staging(dir));

    expect(result.pages).toBe(2);
    expect(pages).toEqual(['1:["company"]', '2:["company"]']);
    expect(result).toMatchObject({ items: 4, skipped: 1 });
    const ids = readStaged(result.path).map((r) => r.external_id);
    expect(ids).toEqual([
      'machine-learning-engineer-condor-labs-santiago-7f3a',
      'engenheiro-de-dados-sabia-tech-sao-paulo-2c91',
      'data-scientist-hybrid-bogota-quimbaya-91d0',
      '88123',
    ]);
  });

  it('extracts the fields, the structured remote modality and the monthly USD salary', async () => {
    const result = await fetchSource(source(`${JOBS}${QUERY}`), 'run-2', new Staging(dir));
    const byId = new Map(readStaged(result.path).map((r) => [r.external_id, getonboardAdapter.extract(r.payload)]));

    const ml = byId.get('machine-learning-engineer-condor-labs-santiago-7f3a');
    expect(ml).toMatchObject({
      title: 'Machine Learning Engineer',
      company: 'Condor Labs SpA',
      location: 'Chile, Peru',
      postedAt: '2026-11-03T13:00:00.000Z',
      applyUrl: 'https://www.getonbrd.com/jobs/machine-learning-ai/machine-learning-engineer-condor-labs-santiago-7f3a',
      employmentType: 'Full time',
      salaryText: 'USD 4,000 - 6,000 per month',
      tags: ['Machine Learning & AI', 'Semi Senior'],
      remote: { remoteModality: 'fully_remote', isRemote: true, countries: ['Chile', 'Peru'], locationRestrictions: ['Latin America'] },
    });
    // The sections are joined into one description, in the order the board shows them.
    expect(ml?.descriptionHtml).toMatch(/Condor Labs[\s\S]*Vertex AI[\s\S]*Monitorear drift[\s\S]*Horario flexible/);

    expect(byId.get('engenheiro-de-dados-sabia-tech-sao-paulo-2c91')).toMatchObject({
      title: 'Engenheiro(a) de Dados Sênior',
      company: 'Sabiá Tech',
      employmentType: 'full_time',
      salaryText: 'USD 5,500+ per month',
      remote: { remoteModality: 'remote_local', isRemote: true, countries: ['Brazil'], locationRestrictions: null },
    });
    // Hybrid, no salary, and relationships that were not expanded: no company name, no modality name.
    expect(byId.get('data-scientist-hybrid-bogota-quimbaya-91d0')).toMatchObject({
      company: null,
      employmentType: null,
      salaryText: null,
      tags: [],
      remote: { remoteModality: 'hybrid', isRemote: false, countries: ['Colombia'], locationRestrictions: null },
    });
    // Numeric id, no countries (location falls back to the zone), no public_url.
    expect(byId.get('88123')).toMatchObject({
      location: 'Worldwide',
      applyUrl: null,
      salaryText: 'USD 7,000 per month',
      employmentType: 'Freelance',
      remote: { countries: null, locationRestrictions: ['Worldwide'] },
    });
  });

  it('stops on an empty page even when total_pages promised more', async () => {
    const result = await fetchSource(source(`/shrinking${QUERY}`), 'run-3', new Staging(dir));
    expect(result).toMatchObject({ pages: 2, items: 2, skipped: 1 });
  });

  it('honours maxPages', async () => {
    const result = await fetchSource(source(`${JOBS}${QUERY}`, 1), 'run-4', new Staging(dir));
    expect(result).toMatchObject({ pages: 1, items: 2 });
  });

  it('refuses a truncated body and a JSON:API error document permanently', async () => {
    await expect(fetchSource(source('/malformed'), 'run-5', new Staging(dir))).rejects.toBeInstanceOf(PermanentError);
    await expect(fetchSource(source('/wrong'), 'run-5', new Staging(dir))).rejects.toThrow(/no "data" array/);
  });

  it('writes no salary without positive bounds', () => {
    expect(getOnBoardSalaryText(0, null)).toBeNull();
    expect(getOnBoardSalaryText(null, 3000)).toBe('up to USD 3,000 per month');
  });
});
