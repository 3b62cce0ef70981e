import { describe, expect, it } from 'vitest';
import { readStaged, useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';
import { getOnBoardSalaryText, getonboardAdapter } from './getonboard.js';
import { adapterFor } from './index.js';

const JOBS = '/api/v0/categories/machine-learning-ai/jobs';
const QUERY = '?per_page=3&page=1&expand=["company"]';

const pages: string[] = [];

const fx = useAdapterFixtures(
  'getonboard',
  (url, { fixture }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    if (url.pathname === JOBS) {
      pages.push(`${page}:${url.searchParams.get('expand')}`);
      if (![1, 2].includes(page)) return undefined;
      return fixture(`page-${page}.json`);
    }
    // total_pages promised 2, but the list emptied while we paged.
    if (url.pathname === '/shrinking') {
      if (page === 1) return fixture('page-1.json');
      return JSON.stringify({ data: [], meta: { page, per_page: 3, total_pages: 2 } });
    }
    if (url.pathname === '/malformed') return '{"data": [{"id": "x", "attributes": {"title": "ML';
    if (url.pathname === '/wrong') return '{"errors": [{"title": "Not found"}]}';
    return undefined;
  },
  { name: 'Get on Board' },
);

describe('getonboard adapter through fetchSource', () => {
  it('is registered', () => {
    expect(adapterFor('getonboard')).toBe(getonboardAdapter);
  });

  it('pages until total_pages, keeping the expand parameter and a repeated job once', async () => {
    pages.length = 0;
    const result = await fx.fetch(`${JOBS}${QUERY}`, 'run-1');

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
    const { byId } = await fx.fetched(`${JOBS}${QUERY}`, 'run-2');

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
    const result = await fx.fetch(`/shrinking${QUERY}`, 'run-3');
    expect(result).toMatchObject({ pages: 2, items: 2, skipped: 1 });
  });

  it('honours maxPages', async () => {
    const result = await fx.fetch(`${JOBS}${QUERY}`, 'run-4', { maxPages: 1 });
    expect(result).toMatchObject({ pages: 1, items: 2 });
  });

  it('refuses a truncated body and a JSON:API error document permanently', async () => {
    await expect(fx.fetch('/malformed', 'run-5')).rejects.toBeInstanceOf(PermanentError);
    await expect(fx.fetch('/wrong', 'run-5')).rejects.toThrow(/no "data" array/);
  });

  it('writes no salary without positive bounds', () => {
    expect(getOnBoardSalaryText(0, null)).toBeNull();
    expect(getOnBoardSalaryText(null, 3000)).toBe('up to USD 3,000 per month');
  });
});
