import { describe, expect, it } from 'vitest';
import { readStaged, useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';
import { arbeitnowAdapter } from './arbeitnow.js';
import { adapterFor } from './index.js';

const fx = useAdapterFixtures(
  'arbeitnow',
  (url, { baseUrl: base, fixture }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    // The fixtures hold the board's real absolute API links; point them at this server (job links stay).
    const serve = (body: string) => body.replaceAll('https://www.arbeitnow.com/api/', `${base}/api/`);
    if (url.pathname === '/api/job-board-api') {
      if (![1, 2, 3].includes(page)) return undefined;
      return serve(fixture(`page-${page}.json`));
    }
    if (url.pathname === '/shrinking') {
      if (page === 1) return fixture('page-1.json').replaceAll('https://www.arbeitnow.com/api/job-board-api?page=2', `${base}/shrinking?page=2`);
      return serve(JSON.stringify({ data: [], links: { next: `${base}/shrinking?page=3` }, meta: { current_page: page } }));
    }
    if (url.pathname === '/self') return serve(JSON.stringify({ data: [{ slug: 's-1', title: 'Data Engineer' }], links: { next: `${base}/self` } }));
    if (url.pathname === '/malformed') return '{"data": [{"slug": "x", "title": "Dat';
    if (url.pathname === '/wrong') return '{"jobs": []}';
    return undefined;
  },
  { name: 'Arbeitnow' },
);

describe('arbeitnow adapter through fetchSource', () => {
  it('is registered', () => {
    expect(adapterFor('arbeitnow')).toBe(arbeitnowAdapter);
  });

  it('follows links.next until it is null, keeping a job repeated across pages once', async () => {
    fx.requests.length = 0;
    const result = await fx.fetch('/api/job-board-api', 'run-1');

    expect(result.pages).toBe(3);
    expect(fx.requests).toEqual(['/api/job-board-api', '/api/job-board-api?page=2', '/api/job-board-api?page=3']);
    expect(result.skipped).toBe(1);
    expect(result.items).toBe(5);
    const ids = readStaged(result.path).map((r) => r.external_id);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toContain('ai-engineer-llm-applications-kiezcode-301810');
  });

  it('extracts the fields, the remote flag and the job types', async () => {
    const { byId } = await fx.fetched('/api/job-board-api', 'run-2');

    const ds = byId.get('senior-data-scientist-mwd-nordlicht-analytics-gmbh-301874');
    expect(ds).toMatchObject({
      title: 'Senior Data Scientist (m/w/d)',
      company: 'Nordlicht Analytics GmbH',
      location: 'Berlin',
      postedAt: '2026-11-03T07:30:00.000Z',
      applyUrl: 'https://www.arbeitnow.com/jobs/companies/nordlicht-analytics-gmbh/senior-data-scientist-mwd-nordlicht-analytics-gmbh-301874',
      employmentType: 'full time',
      salaryText: null,
      tags: ['Data Science', 'Python'],
      remote: { isRemote: true, locationRestrictions: null },
    });
    // The salary stays in the description for the normalizer to find.
    expect(ds?.descriptionHtml).toContain('€70,000 – €85,000');

    expect(byId.get('engenheiro-de-machine-learning-serra-ai-301860')).toMatchObject({
      title: 'Engenheiro(a) de Machine Learning',
      location: 'São Paulo',
      employmentType: 'contract',
    });
    expect(byId.get('werkstudent-data-analytics-isar-mobility-301844')).toMatchObject({
      employmentType: 'Werkstudent, Teilzeit',
      remote: { isRemote: false, locationRestrictions: null },
    });
    // No remote flag, empty location, no tags, no job types.
    expect(byId.get('ingeniera-de-datos-mlops-andes-cloud-301822')).toMatchObject({
      title: 'Ingeniera/o de Datos / MLOps',
      location: null,
      tags: [],
      employmentType: null,
      remote: null,
    });
    expect(byId.get('ai-engineer-llm-applications-kiezcode-301810')).toMatchObject({ postedAt: null, location: 'Remote' });
  });

  it('stops on an empty page even when links.next points further', async () => {
    const result = await fx.fetch('/shrinking', 'run-3');
    expect(result).toMatchObject({ pages: 2, items: 2, skipped: 1 });
  });

  it('honours maxPages, and does not re-read a page that names itself as next', async () => {
    expect(await fx.fetch('/api/job-board-api', 'run-4', { maxPages: 2 })).toMatchObject({ pages: 2, items: 4 });
    expect(await fx.fetch('/self', 'run-4')).toMatchObject({ pages: 1, items: 1 });
  });

  it('refuses a truncated body and a foreign envelope permanently', async () => {
    await expect(fx.fetch('/malformed', 'run-5')).rejects.toBeInstanceOf(PermanentError);
    await expect(fx.fetch('/wrong', 'run-5')).rejects.toThrow(/no "data" array/);
  });
});
