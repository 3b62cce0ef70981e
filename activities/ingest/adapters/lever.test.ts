import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../warehouse/core.js';
import { PermanentError } from '../../errors.js';
import { Staging } from '../../staging.js';
import { fetchSource, type StagedRawPosting } from '../fetch-source.js';
import { leverAdapter } from './lever.js';

const fixture = readFileSync(new URL('../../../fixtures/sources/lever/page-1.json', import.meta.url), 'utf8');

let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lever-'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/v0/postings/aurora-analytica') return void res.writeHead(200, { 'content-type': 'application/json' }).end(fixture);
    if (path === '/v0/postings/unknown') return void res.end('{"ok":false,"error":"Document not found"}');
    if (path === '/v0/postings/html') return void res.end('<!doctype html><title>Lever</title>');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const source = (company: string): Source => ({
  id: `lever-${company}`, name: `Lever ${company}`, kind: 'json_api', adapter: 'lever', url: `${base}/v0/postings/${company}?mode=json`,
  enabled: true, timeoutMs: 2000, maxBytes: 1_000_000, maxPages: 10, pageDelayMs: 0,
});

async function fetched(runId: string) {
  const result = await fetchSource(source('aurora-analytica'), runId, new Staging(dir));
  const rows = readFileSync(result.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StagedRawPosting);
  return { result, byId: new Map(rows.map((r) => [r.external_id, leverAdapter.extract(r.payload)])) };
}

describe('lever adapter through fetchSource', () => {
  it('reads the postings array in one page and skips the unusable entries', async () => {
    const { result } = await fetched('run-1');

    expect(result).toMatchObject({ pages: 1, items: 3, skipped: 2 });
  });

  it('extracts fields, appends lists and additional to the description, and reads the salary range', async () => {
    const { byId } = await fetched('run-2');
    const mlops = byId.get('5b1c3e2a-9f47-4d1e-8a61-2c0f7d9e4a11');

    expect(mlops).toMatchObject({
      title: 'Senior MLOps Engineer (LatAm)',
      company: 'Aurora Analytica',
      location: 'Remote - Brazil / Remote - Argentina',
      postedAt: '2026-11-12T10:30:00.000Z',
      applyUrl: 'https://jobs.lever.co/aurora-analytica/5b1c3e2a-9f47-4d1e-8a61-2c0f7d9e4a11',
      salaryText: 'USD 6000 - 8500 per month',
      tags: ['Machine Learning Platform', 'Engineering'],
      employmentType: 'Full-time',
      remote: { workplaceType: 'remote', countries: ['BR'], locationRestrictions: null },
    });
    const html = mlops?.descriptionHtml ?? '';
    expect(html).toContain('<h3>Requisitos</h3><ul><li>Python, Terraform, GCP</li>');
    expect(html.indexOf('Buscamos')).toBeLessThan(html.indexOf('O que você vai fazer'));
    expect(html.indexOf('O que você vai fazer')).toBeLessThan(html.indexOf('remote-first'));

    expect(byId.get('a0d2f6c4-0000-4b6e-9e3b-111122223333')).toMatchObject({
      salaryText: 'MXN 450 per hour',
      employmentType: 'Contractor',
      location: 'Ciudad de México',
      descriptionHtml: '<p>Analista de datos para tableros de Looker. Inglés intermedio.</p>',
      remote: { workplaceType: 'hybrid', countries: ['MX'], locationRestrictions: null },
    });
  });

  it('tolerates a posting without categories, description, dates or pay, and drops "unspecified"', async () => {
    const { byId } = await fetched('run-3');

    expect(byId.get('c9e8d7b6-1111-4222-8333-444455556666')).toEqual({
      title: 'Data Scientist, Forecasting', company: 'Aurora Analytica', location: null, postedAt: null,
      applyUrl: 'https://jobs.lever.co/aurora-analytica/c9e8d7b6-1111-4222-8333-444455556666', descriptionHtml: '', salaryText: null,
      tags: [], employmentType: null, remote: { locationRestrictions: null },
    });
  });

  it('refuses HTML, or Lever\'s "not found" object, permanently', async () => {
    await expect(fetchSource(source('html'), 'run-4', new Staging(dir))).rejects.toBeInstanceOf(PermanentError);
    await expect(fetchSource(source('unknown'), 'run-5', new Staging(dir))).rejects.toThrow(/not an array/);
  });
});
