import { describe, expect, it } from 'vitest';
import { useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';
import { decodeEntities } from './fields.js';
import { greenhouseAdapter } from './greenhouse.js';

const fx = useAdapterFixtures('greenhouse', ({ pathname: path }, { fixture }) => {
  if (path === '/v1/boards/aurora-analytica/jobs') return fixture('page-1.json');
  if (path === '/v1/boards/broken/jobs') return '{"jobs": [ {"id": 1, "title": "trunc';
  if (path === '/v1/boards/named/jobs') return JSON.stringify({ jobs: [{ id: 1, title: 'Data Engineer', company_name: 'Aurora Analytica Ltda' }] });
  return undefined;
});

const board = (token: string, runId: string) =>
  [`/v1/boards/${token}/jobs?content=true`, runId, { id: `greenhouse-${token}`, name: `Greenhouse ${token}` }] as const;
const fetched = (runId: string) => fx.fetched(...board('aurora-analytica', runId));

describe('greenhouse adapter through fetchSource', () => {
  it('reads the one-page board and skips the job without a title', async () => {
    const { result } = await fetched('run-1');

    expect(result).toMatchObject({ pages: 1, items: 3, skipped: 1 });
  });

  it('decodes the entity-encoded content once and reads metadata and pay ranges', async () => {
    const { byId } = await fetched('run-2');
    const ranking = byId.get('7012345002');

    expect(ranking).toMatchObject({
      title: 'Senior Machine Learning Engineer, Ranking',
      company: 'Aurora Analytica',
      location: 'Remote - Latin America',
      postedAt: '2026-11-03T14:00:00.000Z',
      applyUrl: 'https://job-boards.greenhouse.io/aurora-analytica/jobs/7012345002',
      salaryText: 'USD 90000 - 120000 per year',
      tags: ['Data Science'],
      employmentType: 'Full-time',
      remote: { workplaceType: 'Remote', locationRestrictions: null },
    });
    expect(ranking?.descriptionHtml).toContain('<p><strong>About Aurora</strong></p>');
    expect(ranking?.descriptionHtml).toContain('<li>5+ years with Python &amp; PyTorch</li>');
    // A literal "&amp;" of the original HTML stays an entity: decoded once, not twice.
    expect(ranking?.descriptionHtml).toContain('R&amp;D team');
    expect(ranking?.descriptionHtml).toContain('&quot;competitive&quot; &#8211;');

    const dados = byId.get('7012399002');
    expect(dados).toMatchObject({ salaryText: 'BRL 14000 - 18000 per month', employmentType: null, remote: null, tags: [], location: 'São Paulo, Brazil' });
    // Hosted on the company's own site: no board token, so no company.
    expect(dados?.company).toBeNull();
    expect(dados?.descriptionHtml).toBe('<p>Modelo h&iacute;brido: 2 dias no escrit&oacute;rio.</p><p>Stack: dbt, BigQuery, Airflow.</p>');
  });

  it('tolerates a job without location, content, metadata or pay', async () => {
    const { byId } = await fetched('run-3');

    expect(byId.get('7012400002')).toEqual({
      title: 'Científico/a de Datos - Pricing', company: 'Aurora Analytica', location: null, postedAt: '2026-11-01T08:00:00.000Z',
      applyUrl: 'https://job-boards.greenhouse.io/aurora-analytica/jobs/7012400002', descriptionHtml: '', salaryText: null, tags: [],
      employmentType: null, remote: null,
    });
  });

  it('refuses a truncated body or a response without jobs, permanently', async () => {
    await expect(fx.fetch(...board('broken', 'run-4'))).rejects.toBeInstanceOf(PermanentError);
    await expect(greenhouseAdapter.parse('{"meta": {"total": 0}}')).rejects.toThrow(/no "jobs" array/);
  });

  it('decodes numeric and named entities, and leaves unknown ones', () => {
    expect(decodeEntities('&lt;b&gt;S&#xE3;o Paulo&#33; &amp;amp; &bogus;')).toBe('<b>São Paulo! &amp; &bogus;');
  });
});

describe('greenhouse company from the source configuration', () => {
  it('names every job of the board after the configured company, the self-hosted one too', async () => {
    const { byId } = await fx.fetched(`/v1/boards/aurora-analytica/jobs?content=true`, 'run-company-1', { id: 'greenhouse-aurora', company: 'Aurora Analytica S.A.' });

    expect([...byId.values()].map((job) => job.company)).toEqual(Array(byId.size).fill('Aurora Analytica S.A.'));
    expect(byId.get('7012399002')?.company).toBe('Aurora Analytica S.A.');
  });

  it("keeps the payload's own company_name over the configured one", async () => {
    const { byId } = await fx.fetched('/v1/boards/named/jobs', 'run-company-2', { id: 'greenhouse-named', company: 'Someone Else' });

    expect(byId.get('1')?.company).toBe('Aurora Analytica Ltda');
  });
});
