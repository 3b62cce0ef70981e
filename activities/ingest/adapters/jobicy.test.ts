import { describe, expect, it } from 'vitest';
import { readStaged, useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';
import { adapterFor } from './index.js';
import { jobicyAdapter, jobicySalaryText } from './jobicy.js';

const fx = useAdapterFixtures(
  'jobicy',
  ({ pathname: path }, { fixture }) => {
    if (path === '/api/v2/remote-jobs') return fixture('page-1.json');
    // What Jobicy answers when a tag matches nothing.
    if (path === '/empty') return JSON.stringify({ apiVersion: '2', jobCount: 0, jobs: [] });
    if (path === '/malformed') return '{"jobs": [{"id": 1, "jobTitle": "Da';
    if (path === '/wrong') return '{"success": false, "error": "Too many requests"}';
    return undefined;
  },
  { name: 'Jobicy' },
);

describe('jobicy adapter through fetchSource', () => {
  it('is registered', () => {
    expect(adapterFor('jobicy')).toBe(jobicyAdapter);
  });

  it('reads the single page and skips jobs without an id or a title', async () => {
    const result = await fx.fetch('/api/v2/remote-jobs?count=50&tag=data', 'run-1');

    // Jobicy does not page: `count` (at most 100) is all one gets.
    expect(result.pages).toBe(1);
    expect(fx.hits('/api/v2/remote-jobs')).toBe(1);
    expect(result).toMatchObject({ items: 5, skipped: 2 });
    const ids = readStaged(result.path).map((r) => r.external_id);
    expect(ids).toEqual(['118402', '118377', '118350', '118321', '118299']);
    expect(new Set(ids).size).toBe(5);
  });

  it('extracts the fields, geo restrictions and salary shapes', async () => {
    const { byId } = await fx.fetched('/api/v2/remote-jobs?count=50&tag=data', 'run-2');

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
    expect(await fx.fetch('/empty', 'run-3')).toMatchObject({ pages: 1, items: 0, skipped: 0 });
    expect(await fx.fetch('/api/v2/remote-jobs', 'run-3', { maxPages: 1 })).toMatchObject({ pages: 1, items: 5 });
  });

  it('refuses a truncated body and an error envelope permanently', async () => {
    await expect(fx.fetch('/malformed', 'run-4')).rejects.toBeInstanceOf(PermanentError);
    await expect(fx.fetch('/wrong', 'run-4')).rejects.toThrow(/no "jobs" array/);
  });

  it('orders a reversed range and drops zeros', () => {
    expect(jobicySalaryText('90,000', 60000, 'usd')).toBe('USD 60,000 - 90,000 per year');
    expect(jobicySalaryText(0, '', null)).toBeNull();
  });
});
