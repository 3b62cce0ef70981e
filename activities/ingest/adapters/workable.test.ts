import { describe, expect, it } from 'vitest';
import { useAdapterFixtures } from '../../../cli/test-support/adapter-harness.js';
import { PermanentError } from '../../errors.js';
import { workableAdapter } from './workable.js';

const fx = useAdapterFixtures('workable', ({ pathname: path }, { fixture }) => {
  if (path === '/api/v1/widget/accounts/quetzal') return fixture('page-1.json');
  if (path === '/api/v1/widget/accounts/html') return '<html><body>Too many requests</body></html>';
  if (path === '/api/v1/widget/accounts/nameless') return JSON.stringify({ jobs: [{ shortcode: 'N1', title: 'Analytics Engineer' }] });
  return undefined;
});

const account = (name: string, runId: string) =>
  [`/api/v1/widget/accounts/${name}`, runId, { id: `workable-${name}`, name: `Workable ${name}` }] as const;
const fetched = (runId: string) => fx.fetched(...account('quetzal', runId));

describe('workable adapter through fetchSource', () => {
  it('reads the account in one page, keyed by shortcode, and skips jobs without one or without a title', async () => {
    const { result, byId } = await fetched('run-1');

    expect(result).toMatchObject({ pages: 1, items: 3, skipped: 2 });
    expect([...byId.keys()]).toEqual(['A1B2C3D4E5', 'F6G7H8I9J0', 'K1L2M3N4O5']);
  });

  it('names the company from the account and reads visible locations, remote flag and listing facts', async () => {
    const { byId } = await fetched('run-2');
    const ml = byId.get('A1B2C3D4E5');

    expect(ml).toMatchObject({
      title: 'Ingeniero/a de Machine Learning',
      company: 'Quetzal Analytics',
      location: 'Guatemala City, Guatemala / San José, Costa Rica',
      postedAt: '2026-11-11T00:00:00.000Z',
      applyUrl: 'https://apply.workable.com/j/A1B2C3D4E5',
      salaryText: null,
      tags: ['Data Science', 'Engineering'],
      employmentType: 'Full-time',
      remote: { isRemote: true, countries: ['GT', 'CR'], locationRestrictions: null },
    });
    expect(ml?.descriptionHtml).toBe(
      "<ul><li>Department: Data Science</li><li>Function: Engineering</li><li>Industry: Financial Services</li><li>Experience: Mid-Senior level</li><li>Education: Bachelor's Degree</li></ul>",
    );
    expect(byId.get('F6G7H8I9J0')).toMatchObject({
      location: 'Heredia, Costa Rica',
      applyUrl: 'https://apply.workable.com/j/F6G7H8I9J0',
      employmentType: 'Contract',
      tags: [],
      remote: { isRemote: false, countries: ['Costa Rica'], locationRestrictions: null },
    });
  });

  it('tolerates a job with only a shortcode and a title', async () => {
    const { byId } = await fetched('run-3');

    expect(byId.get('K1L2M3N4O5')).toEqual({
      title: 'Data Platform Lead', company: 'Quetzal Analytics', location: null, postedAt: null, applyUrl: null, descriptionHtml: '',
      salaryText: null, tags: [], employmentType: null, remote: { locationRestrictions: null },
    });
  });

  it('refuses HTML, or JSON without a jobs array, permanently', async () => {
    await expect(fx.fetch(...account('html', 'run-4'))).rejects.toBeInstanceOf(PermanentError);
    await expect(workableAdapter.parse('{"name": "Quetzal Analytics"}')).rejects.toThrow(/no "jobs" array/);
  });
});

describe('workable company from the source configuration', () => {
  it('uses the configured company when the account response names none', async () => {
    const configured = await fx.fetched('/api/v1/widget/accounts/nameless', 'run-company-1', { id: 'workable-nameless', company: 'Quetzal Analytics S.A.' });
    const unconfigured = await fx.fetched('/api/v1/widget/accounts/nameless', 'run-company-2', { id: 'workable-nameless' });

    expect(configured.byId.get('N1')?.company).toBe('Quetzal Analytics S.A.');
    expect(unconfigured.byId.get('N1')?.company).toBeNull();
  });

  it("keeps the account's own name over the configured one", async () => {
    const { byId } = await fx.fetched('/api/v1/widget/accounts/quetzal', 'run-company-3', { id: 'workable-quetzal', company: 'Someone Else' });

    expect(byId.get('A1B2C3D4E5')?.company).toBe('Quetzal Analytics');
  });
});
