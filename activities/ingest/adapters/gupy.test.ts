import { describe, expect, it } from 'vitest';
import { readStaged, useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';
import { gupyAdapter } from './gupy.js';

const PAGES: Record<string, string> = { '0': 'page-1.json', '3': 'page-2.json', '6': 'page-3.json' };
const GUPY = { id: 'gupy-dados', name: 'Gupy — dados' };

const fx = useAdapterFixtures(
  'gupy',
  (url, { fixture }) => {
    if (url.pathname === '/malformed') return '<html>502 Bad Gateway</html>';
    const page = PAGES[url.searchParams.get('offset') ?? '0'];
    if (url.pathname !== '/api/v1/jobs' || !page) return undefined;
    return fixture(page);
  },
  GUPY,
);

describe('gupy adapter through fetchSource', () => {
  it('follows offset paging until the total is reached and stages every usable job', async () => {
    fx.requests.length = 0;
    const result = await fx.fetch('/api/v1/jobs?jobName=dados&limit=3&offset=0', 'run-1');

    expect(result.pages).toBe(3);
    expect(fx.requests.map((q) => new URL(q, 'http://x').searchParams.get('offset'))).toEqual(['0', '3', '6']);
    expect(result.items).toBe(6);
    expect(result.skipped).toBe(1);
    expect(readStaged(result.path).map((r) => r.external_id)).toEqual(['8812345', '8812399', '8809001', '8807777', '8806543', '8801234']);
  });

  it('extracts title, company, place, dates, contract and structured remote fields', async () => {
    const { byId } = await fx.fetched('/api/v1/jobs?jobName=dados&limit=3&offset=0', 'run-2');

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
    const feed = await gupyAdapter.parse(fx.fixture('page-2.json'));
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
    await expect(fx.fetch('/malformed', 'run-3')).rejects.toBeInstanceOf(PermanentError);
    await expect(gupyAdapter.parse('{"jobs": []}')).rejects.toThrow(/no "data" array/);
  });
});
