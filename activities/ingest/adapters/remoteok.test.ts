import { describe, expect, it } from 'vitest';
import { readStaged, useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';
import { adapterFor } from './index.js';
import { remoteOkSalaryText, remoteokAdapter } from './remoteok.js';

const LEGAL_ONLY = JSON.stringify([{ last_updated: 1793610000, legal: 'API Terms of Service' }]);

const fx = useAdapterFixtures(
  'remoteok',
  ({ pathname: path }, { fixture }) => {
    if (path === '/api') return fixture('page-1.json');
    if (path === '/legal-only') return LEGAL_ONLY;
    if (path === '/malformed') return '[{"legal": "x"}, {"id": "1", "position": "trunc';
    if (path === '/html') return '<html><body>Cloudflare: checking your browser</body></html>';
    if (path === '/object') return '{"jobs": []}';
    return undefined;
  },
  { name: 'RemoteOK' },
);

describe('remoteok adapter through fetchSource', () => {
  it('is registered', () => {
    expect(adapterFor('remoteok')).toBe(remoteokAdapter);
  });

  it('reads the single page, drops the legal notice, skips unusable jobs and keeps a repeated id once', async () => {
    const result = await fx.fetch('/api', 'run-1');

    // RemoteOK does not page: the whole list is one response.
    expect(result.pages).toBe(1);
    expect(fx.hits('/api')).toBe(1);
    expect(result.items).toBe(5);
    expect(result.skipped).toBe(2);
    const rows = readStaged(result.path);
    const ids = rows.map((r) => r.external_id);
    expect(ids).toEqual(['1130411', '1130398', '1130377', '1130352', '1130340']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows.some((r) => 'legal' in r.payload)).toBe(false);
  });

  it('extracts title, company, location, date, apply link and salary from each shape', async () => {
    const { byId } = await fx.fetched('/api', 'run-2');

    const ml = byId.get('1130411');
    expect(ml).toMatchObject({
      title: 'Senior Machine Learning Engineer',
      company: 'Quillfeather Labs',
      location: 'LATAM',
      postedAt: '2026-11-02T08:00:00.000Z',
      applyUrl: 'https://quillfeather.example/careers/ml-engineer?source=remoteok',
      employmentType: null,
      salaryText: '$120,000 - $150,000 USD per year',
      remote: { isRemote: true, locationRestrictions: null },
    });
    expect(ml?.tags).toContain('pytorch');
    expect(ml?.descriptionHtml).toContain('<strong>retrieval-augmented</strong>');

    // 0/0 is "no salary"; an empty apply_url falls back to the RemoteOK page.
    const pt = byId.get('1130398');
    expect(pt).toMatchObject({ title: 'Engenheiro(a) de Dados Pleno', location: 'Brazil', salaryText: null });
    expect(pt?.applyUrl).toBe('https://remoteok.com/remote-jobs/remote-engenheiro-de-dados-pleno-cafezal-analytics-1130398');

    expect(byId.get('1130377')).toMatchObject({ title: 'Científico/a de Datos Senior', salaryText: '$70,000+ USD per year' });
    const llm = byId.get('1130352');
    expect(llm).toMatchObject({ location: null, salaryText: 'up to $180,000 USD per year', postedAt: '2026-10-30T15:00:00.000Z' });
    // Without epoch, the ISO date is used.
    const ae = byId.get('1130340');
    expect(ae).toMatchObject({ postedAt: '2026-10-29T12:30:00.000Z', salaryText: '$95,000 USD per year', tags: [] });
  });

  it('treats a list holding only the legal notice as empty', async () => {
    const result = await fx.fetch('/legal-only', 'run-3');
    expect(result).toMatchObject({ pages: 1, items: 0, skipped: 0 });
  });

  it('honours maxPages even though one page is all there is', async () => {
    const result = await fx.fetch('/api', 'run-4', { maxPages: 1 });
    expect(result).toMatchObject({ pages: 1, items: 5 });
  });

  it('refuses a truncated body, an HTML page and a non-array envelope permanently', async () => {
    await expect(fx.fetch('/malformed', 'run-5')).rejects.toBeInstanceOf(PermanentError);
    await expect(fx.fetch('/html', 'run-5')).rejects.toBeInstanceOf(PermanentError);
    await expect(fx.fetch('/object', 'run-5')).rejects.toThrow(/not an array/);
  });

  it('writes no salary when neither bound is published', () => {
    expect(remoteOkSalaryText(0, 0)).toBeNull();
    expect(remoteOkSalaryText(null, undefined)).toBeNull();
    expect(remoteOkSalaryText(150000, 120000)).toBe('$120,000 - $150,000 USD per year');
  });
});
