import { describe, expect, it } from 'vitest';
import { useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';
import { ashbyAdapter } from './ashby.js';

const fx = useAdapterFixtures('ashby', ({ pathname: path }, { fixture }) => {
  if (path === '/posting-api/job-board/capivara-ai') return fixture('page-1.json');
  if (path === '/posting-api/job-board/broken') return '{"jobs": [ {"id": "x"';
  return undefined;
});

const board = (name: string, runId: string) =>
  [`/posting-api/job-board/${name}?includeCompensation=true`, runId, { id: `ashby-${name}`, name: `Ashby ${name}` }] as const;
const fetched = (runId: string) => fx.fetched(...board('capivara-ai', runId));

describe('ashby adapter through fetchSource', () => {
  it('reads the board in one page and skips jobs without an id or a title', async () => {
    const { result } = await fetched('run-1');

    expect(result).toMatchObject({ pages: 1, items: 3, skipped: 2 });
  });

  it('extracts fields, structured remote data and only the Salary component of compensation', async () => {
    const { byId } = await fetched('run-2');

    expect(byId.get('0f6b9a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b')).toMatchObject({
      title: 'Staff AI Engineer - LLM Evaluation',
      company: 'Capivara Ai',
      location: 'Remote - Brazil / Remote - Colombia / Remote - Chile',
      postedAt: '2026-11-13T17:42:05.311Z',
      applyUrl: 'https://jobs.ashbyhq.com/capivara-ai/0f6b9a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
      descriptionHtml: expect.stringContaining('<li>Evaluación de LLMs y RAG</li>') as unknown as string,
      salaryText: 'USD 150000 - 190000 per year',
      tags: ['Engineering', 'Applied AI'],
      employmentType: 'FullTime',
      remote: { workplaceType: 'Remote', isRemote: true, countries: ['Brazil', 'Colombia'], locationRestrictions: null },
    });
    expect(byId.get('7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d')).toMatchObject({
      salaryText: 'BRL 2800 per month',
      employmentType: 'Intern',
      descriptionHtml: '<p>Estágio de 6 horas. SQL, Python &amp; Airflow &lt;básico&gt;.</p>',
      remote: { workplaceType: 'Hybrid', isRemote: false, locationRestrictions: null },
    });
  });

  it('tolerates a job with no location, description, date or salary (equity only)', async () => {
    const { byId } = await fetched('run-3');

    expect(byId.get('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e')).toEqual({
      title: 'Data Analyst (Contract)', company: 'Capivara Ai', location: null, postedAt: null,
      applyUrl: 'https://jobs.ashbyhq.com/capivara-ai/b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', descriptionHtml: '', salaryText: null,
      tags: [], employmentType: 'Contract', remote: { locationRestrictions: null },
    });
  });

  it('refuses a truncated body or a response without jobs, permanently', async () => {
    await expect(fx.fetch(...board('broken', 'run-4'))).rejects.toBeInstanceOf(PermanentError);
    await expect(ashbyAdapter.parse('{"success": false}')).rejects.toThrow(/no "jobs" array/);
  });
});

describe('ashby company from the source configuration', () => {
  it('names every job after the configured company, not the guess from the board name ("Capivara Ai")', async () => {
    const { byId } = await fx.fetched('/posting-api/job-board/capivara-ai?includeCompensation=true', 'run-company', { id: 'ashby-capivara', company: 'Capivara AI' });

    expect(byId.size).toBeGreaterThan(0);
    expect(new Set([...byId.values()].map((job) => job.company))).toEqual(new Set(['Capivara AI']));
  });
});
