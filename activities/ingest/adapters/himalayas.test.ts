import { describe, expect, it } from 'vitest';
import { readStaged, useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';
import { himalayasAdapter, himalayasSalaryText } from './himalayas.js';
import { adapterFor } from './index.js';

const GUID = 'https://himalayas.app/companies/';

const fx = useAdapterFixtures(
  'himalayas',
  (url, { fixture }) => {
    const offset = Number(url.searchParams.get('offset') ?? 0);
    if (url.pathname === '/jobs/api') {
      const page = offset / 4 + 1;
      if (![1, 2, 3].includes(page)) return undefined;
      return fixture(`page-${page}.json`);
    }
    // A board whose list shrank while we paged: page 2 is empty although totalCount promised more.
    if (url.pathname === '/shrinking/jobs/api') {
      if (offset === 0) return fixture('page-1.json');
      return JSON.stringify({ updatedAt: 1793710800, offset, limit: 4, totalCount: 10, jobs: [] });
    }
    if (url.pathname === '/malformed') return '{"offset":0,"limit":4,"jobs":[{"title":"Data Eng';
    if (url.pathname === '/wrong') return '{"data": [], "links": {"next": null}}';
    return undefined;
  },
  { name: 'Himalayas' },
);

describe('himalayas adapter through fetchSource', () => {
  it('is registered', () => {
    expect(adapterFor('himalayas')).toBe(himalayasAdapter);
  });

  it('pages by offset until totalCount, keeping a job repeated across pages once', async () => {
    fx.requests.length = 0;
    const result = await fx.fetch('/jobs/api?limit=4&offset=0', 'run-1');

    expect(result.pages).toBe(3);
    expect(fx.requests).toEqual(['/jobs/api?limit=4&offset=0', '/jobs/api?limit=4&offset=4', '/jobs/api?limit=4&offset=8']);
    // 10 jobs listed: one without a title and one without a guid are skipped, one repeats.
    expect(result.skipped).toBe(2);
    expect(result.items).toBe(7);
    const ids = readStaged(result.path).map((r) => r.external_id);
    expect(new Set(ids).size).toBe(7);
    expect(ids).toContain(`${GUID}cooperativa-ipe/jobs/analista-de-dados-junior`);
  });

  it('extracts the fields, restrictions and salary shapes', async () => {
    const { byId } = await fx.fetched('/jobs/api?limit=4&offset=0', 'run-2');

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
    const result = await fx.fetch('/shrinking/jobs/api?limit=4&offset=0', 'run-3');
    expect(result).toMatchObject({ pages: 2, items: 3, skipped: 1 });
  });

  it('honours maxPages', async () => {
    const result = await fx.fetch('/jobs/api?limit=4&offset=0', 'run-4', { maxPages: 2 });
    expect(result).toMatchObject({ pages: 2, items: 6 });
  });

  it('refuses a truncated body and a foreign envelope permanently', async () => {
    await expect(fx.fetch('/malformed', 'run-5')).rejects.toBeInstanceOf(PermanentError);
    await expect(fx.fetch('/wrong', 'run-5')).rejects.toThrow(/no "jobs" array/);
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
