import { describe, expect, it } from 'vitest';
import { useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';

const fx = useAdapterFixtures('lever', ({ pathname: path }, { fixture }) => {
  if (path === '/v0/postings/aurora-analytica') return fixture('page-1.json');
  if (path === '/v0/postings/unknown') return '{"ok":false,"error":"Document not found"}';
  if (path === '/v0/postings/html') return '<!doctype html><title>Lever</title>';
  return undefined;
});

const company = (name: string, runId: string) =>
  [`/v0/postings/${name}?mode=json`, runId, { id: `lever-${name}`, name: `Lever ${name}` }] as const;
const fetched = (runId: string) => fx.fetched(...company('aurora-analytica', runId));

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
    await expect(fx.fetch(...company('html', 'run-4'))).rejects.toBeInstanceOf(PermanentError);
    await expect(fx.fetch(...company('unknown', 'run-5'))).rejects.toThrow(/not an array/);
  });
});

describe('lever company from the source configuration', () => {
  it('names every posting after the configured company instead of the board token', async () => {
    const { byId } = await fx.fetched('/v0/postings/aurora-analytica?mode=json', 'run-company', { id: 'lever-aurora', company: 'Aurora Analytica Ltda.' });

    expect(byId.size).toBeGreaterThan(0);
    expect(new Set([...byId.values()].map((posting) => posting.company))).toEqual(new Set(['Aurora Analytica Ltda.']));
  });
});
