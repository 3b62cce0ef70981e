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
import { gupyAdapter } from './gupy.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/sources/gupy/${name}`, import.meta.url), 'utf8');
const PAGES: Record<string, string> = { '0': 'page-1.json', '3': 'page-2.json', '6': 'page-3.json' };

let server: Server;
let base: string;
let dir: string;
const requested: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gupy-'));
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requested.push(url.search);
    if (url.pathname === '/malformed') return void res.end('<html>502 Bad Gateway</html>');
    const page = PAGES[url.searchParams.get('offset') ?? '0'];
    if (url.pathname !== '/api/v1/jobs' || !page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(fixture(page));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const source = (url: string): Source => ({
  id: 'gupy-dados', name: 'Gupy — dados', kind: 'json_api', adapter: 'gupy', url, enabled: true,
  timeoutMs: 2000, maxBytes: 1_000_000, maxPages: 10, pageDelayMs: 0,
});

function staged(path: string): StagedRawPosting[] {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StagedRawPosting);
}

describe('gupy adapter through fetchSource', () => {
  it('follows offset paging until the total is reached and stages every usable job', async () => {
    requested.length = 0;
    const result = await fetchSource(source(`${base}/api/v1/jobs?jobName=dados&limit=3&offset=0`), 'run-1', new Staging(dir));

    expect(result.pages).toBe(3);
    expect(requested.map((q) => new URLSearchParams(q).get('offset'))).toEqual(['0', '3', '6']);
    expect(result.items).toBe(6);
    expect(result.skipped).toBe(1);
    expect(staged(result.path).map((r) => r.external_id)).toEqual(['8812345', '8812399', '8809001', '8807777', '8806543', '8801234']);
  });

  it('extracts title, company, place, dates, contract and structured remote fields', async () => {
    const result = await fetchSource(source(`${base}/api/v1/jobs?jobName=dados&limit=3&offset=0`), 'run-2', new Staging(dir));
    const byId = new Map(staged(result.path).map((r) => [r.external_id, gupyAdapter.extract(r.payload)]));

    expect(byId.get('8812345')).toEqual({
      title: 'Cientista de Dados Pleno - Modelos de Crédito',
      company: 'Trilha Crédito',
      location: 'Brasil',
      postedAt: '2026-11-12T14:03:22.512Z',
      applyUrl: 'https://trilhacredito.gupy.io/jobs/8812345?jobBoardSource=gupy_public_page',
      descriptionHtml: expect.stringContaining('<li>SQL avançado</li>') as unknown as string,
      salaryText: null,
      tags: [],
      employmentType: 'CLT (efetivo)',
      remote: { workplaceType: 'remote', isRemote: true, countries: ['Brasil'], locationRestrictions: null },
    });
    expect(byId.get('8812399')).toMatchObject({
      location: 'Florianópolis, Santa Catarina, Brasil',
      postedAt: '2026-11-10T12:00:00.000Z',
      employmentType: 'PJ',
    });
    expect(byId.get('8809001')).toMatchObject({ employmentType: 'Estágio', remote: { workplaceType: 'hybrid', isRemote: false } });
    expect(byId.get('8807777')?.remote).toMatchObject({ workplaceType: 'on-site', isRemote: false });
  });

  it('tolerates a job with nothing but an id and a title', async () => {
    const feed = await gupyAdapter.parse(fixture('page-2.json'));
    const bare = feed.items.find((i) => i.externalId === '8806543');

    expect(gupyAdapter.extract(bare!.payload)).toEqual({
      title: 'Analista de BI Júnior', company: null, location: null, postedAt: null, applyUrl: null, descriptionHtml: '',
      salaryText: null, tags: [], employmentType: 'vacancy_type_talent_pool', remote: { locationRestrictions: null },
    });
  });

  it('stops on a short page even without pagination metadata', () => {
    const body = JSON.stringify({ data: [{ id: 1, name: 'Data Engineer' }] });
    expect(gupyAdapter.nextPage!({ url: 'https://x.test/jobs?limit=10&offset=20', body, page: 3, items: 1 })).toBeNull();
    const full = JSON.stringify({ data: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }] });
    expect(gupyAdapter.nextPage!({ url: 'https://x.test/jobs?limit=2&offset=20', body: full, page: 3, items: 2 })).toBe('https://x.test/jobs?limit=2&offset=22');
  });

  it('refuses a body that is not JSON, or JSON without a data array, permanently', async () => {
    await expect(fetchSource(source(`${base}/malformed`), 'run-3', new Staging(dir))).rejects.toBeInstanceOf(PermanentError);
    await expect(gupyAdapter.parse('{"jobs": []}')).rejects.toThrow(/no "data" array/);
  });
});
