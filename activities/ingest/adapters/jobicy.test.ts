import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '../../errors.js';
import { Staging } from '../../staging.js';
import { fetchSource } from '../fetch-source.js';
import { adapterFor } from './index.js';
import { jobicyAdapter, jobicySalaryText } from './jobicy.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/sources/jobicy/${name}`, import.meta.url), 'utf8');

let server: Server;
let base = '';
let dir = '';
const hits = new Map<string, number>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobicy-'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/api/v2/remote-jobs') return void res.end(fixture('page-1.json'));
    // What Jobicy answers when a tag matches nothing.
    if (path === '/empty') return void res.end(JSON.stringify({ apiVersion: '2', jobCount: 0, jobs: [] }));
    if (path === '/malformed') return void res.end('{"jobs": [{"id": 1, "jobTitle": "Da');
    if (path === '/wrong') return void res.end('{"success": false, "error": "Too many requests"}');
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
  id: 'jobicy',
  name: 'Jobicy',
  kind: 'json_api' as const,
  adapter: 'jobicy',
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

describe('jobicy adapter through fetchSource', () => {
  it('is registered', () => {
    expect(adapterFor('jobicy')).toBe(jobicyAdapter);
  });

  it('reads the single page and skips jobs without an id or a title', async () => {
    const result = await fetchSource(source('/api/v2/remote-jobs?count=50&tag=data'), 'run-1', new Staging(dir));

    // Jobicy does not page: `count` (at most 100) is all one gets.
    expect(result.pages).toBe(1);
    expect(hits.get('/api/v2/remote-jobs')).toBe(1);
    expect(result).toMatchObject({ items: 5, skipped: 2 });
    const ids = readStaged(result.path).map((r) => r.external_id);
    expect(ids).toEqual(['118402', '118377', '118350', '118321', '118299']);
    expect(new Set(ids).size).toBe(5);
  });

  it('extracts the fields, geo restrictions and salary shapes', async () => {
    const result = await fetchSource(source('/api/v2/remote-jobs?count=50&tag=data'), 'run-2', new Staging(dir));
    const byId = new Map(readStaged(result.path).map((r) => [r.external_id, jobicyAdapter.extract(r.payload)]));

    const de = byId.get('118402');
    expect(de).toMatchObject({
      title: 'Senior Data Engineer (LATAM)',
      company: 'Corvina Logistics',
      location: 'LATAM',
      postedAt: '2026-11-03T08:40:00.000Z',
      applyUrl: 'https://jobicy.com/jobs/118402-senior-data-engineer-latam',
      employmentType: 'full-time',
      salaryText: 'USD 72,000 - 96,000 per year',
      tags: ['Data Science & Analytics', 'Senior'],
      remote: { isRemote: true, locationRestrictions: ['LATAM'] },
    });
    expect(de?.descriptionHtml).toContain('<strong>dbt</strong>');

    // String (not array) industry and type; no salary fields, the BRL range stays in the description.
    const pt = byId.get('118377');
    expect(pt).toMatchObject({ title: 'Analista de Dados Pleno', employmentType: 'contract', salaryText: null, location: 'Brazil' });
    expect(pt?.tags).toEqual(['Data Science & Analytics', 'Midweight']);
    expect(pt?.descriptionHtml).toContain('R$ 9.000 a R$ 12.000');

    // Salaries as strings, an escaped dash in the title, "Anywhere" as no restriction.
    expect(byId.get('118350')).toMatchObject({
      title: 'Machine Learning Engineer – NLP',
      salaryText: 'EUR 110,000 - 140,000 per year',
      location: 'Anywhere',
      remote: { isRemote: true, locationRestrictions: null },
    });
    expect(byId.get('118321')).toMatchObject({ salaryText: 'USD 130,000+ per year', remote: { locationRestrictions: ['USA', 'Canada'] } });
    // Zero salaries, empty lists, an empty description and an unreadable date.
    expect(byId.get('118299')).toMatchObject({
      title: 'Científico/a de Datos Junior',
      salaryText: null,
      employmentType: null,
      tags: [],
      postedAt: null,
      descriptionHtml: 'Modelos de fraude para pagos digitales.',
    });
  });

  it('reads an empty list as zero items, and honours maxPages', async () => {
    expect(await fetchSource(source('/empty'), 'run-3', new Staging(dir))).toMatchObject({ pages: 1, items: 0, skipped: 0 });
    expect(await fetchSource(source('/api/v2/remote-jobs', 1), 'run-3', new Staging(dir))).toMatchObject({ pages: 1, items: 5 });
  });

  it('refuses a truncated body and an error envelope permanently', async () => {
    await expect(fetchSource(source('/malformed'), 'run-4', new Staging(dir))).rejects.toBeInstanceOf(PermanentError);
    await expect(fetchSource(source('/wrong'), 'run-4', new Staging(dir))).rejects.toThrow(/no "jobs" array/);
  });

  it('orders a reversed range and drops zeros', () => {
    expect(jobicySalaryText('90,000', 60000, 'usd')).toBe('USD 60,000 - 90,000 per year');
    expect(jobicySalaryText(0, '', null)).toBeNull();
  });
});
