import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../errors.js';
import { adapterFor } from './index.js';
import { remotiveAdapter } from './remotive.js';
import { rssAdapter } from './rss.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/demo-sources/${name}`, import.meta.url), 'utf8');
const WWR = 'https://weworkremotely.com/remote-jobs/';

describe('remotive adapter', () => {
  it('parses all 14 jobs of the fixture, keyed by their ids', async () => {
    const feed = await remotiveAdapter.parse(fixture('remotive.json'));

    expect(feed.skipped).toBe(0);
    expect(feed.items).toHaveLength(14);
    expect(new Set(feed.items.map((i) => i.externalId)).size).toBe(14);
    expect(feed.items.map((i) => i.externalId)).toContain('2048817');
    expect(feed.items[0]?.payload).toMatchObject({ id: 2058402, company_name: 'Lumen Jurídico Tecnologia Ltda.' });
  });

  it('extracts the fields later stages need, with empty values as null', async () => {
    const feed = await remotiveAdapter.parse(fixture('remotive.json'));
    const byId = new Map(feed.items.map((i) => [i.externalId, remotiveAdapter.extract(i.payload)]));

    const fernwood = byId.get('2048817');
    expect(fernwood).toMatchObject({
      title: 'Senior Machine Learning Engineer',
      company: 'Fernwood Health Inc.',
      location: 'Americas',
      salaryText: '$110,000 - $140,000 USD/year',
      applyUrl: 'https://remotive.com/remote-jobs/ai-ml/senior-machine-learning-engineer-2048817',
    });
    expect(fernwood?.tags).toContain('pytorch');
    expect(fernwood?.descriptionHtml).toContain('<');
    expect(byId.get('2045502')?.salaryText).toBeNull();
    expect(byId.get('2054409')?.tags).toEqual([]);
    expect(byId.get('2056071')?.location).toBeNull();
  });

  it('counts jobs without an id or a title as skipped', async () => {
    const body = JSON.stringify({
      jobs: [{ id: 1, title: 'Data Engineer' }, { title: 'No id' }, { id: 2 }, { id: 3, title: '' }, 'not an object', { id: '4', title: 'ML Engineer' }],
    });

    const feed = await remotiveAdapter.parse(body);

    expect(feed.items.map((i) => i.externalId)).toEqual(['1', '4']);
    expect(feed.skipped).toBe(4);
  });

  it('refuses a body that is not JSON, or JSON without a jobs array', async () => {
    await expect(remotiveAdapter.parse('<html>Service Unavailable</html>')).rejects.toBeInstanceOf(PermanentError);
    await expect(remotiveAdapter.parse('{"jobs": 3}')).rejects.toBeInstanceOf(PermanentError);
    await expect(remotiveAdapter.parse('{"data": []}')).rejects.toThrow(/no "jobs" array/);
  });
});

describe('rss adapter', () => {
  it('parses all 10 items of the feed, keyed by guid, the repost included', async () => {
    const feed = await rssAdapter.parse(fixture('weworkremotely.rss'));

    expect(feed.skipped).toBe(0);
    expect(feed.items).toHaveLength(10);
    const ids = feed.items.map((i) => i.externalId);
    expect(new Set(ids).size).toBe(10);
    expect(ids).toContain(`${WWR}kestrel-data-senior-data-engineer-spark-kafka`);
    expect(ids).toContain(`${WWR}kestrel-data-senior-data-engineer-spark-kafka-2`);
  });

  it('splits "Company: Title" item titles and keeps the planted duplicate links', async () => {
    const feed = await rssAdapter.parse(fixture('weworkremotely.rss'));
    const byId = new Map(feed.items.map((i) => [i.externalId, rssAdapter.extract(i.payload)]));

    const fernwood = byId.get(`${WWR}fernwood-health-senior-machine-learning-engineer`);
    expect(fernwood).toMatchObject({ title: 'Senior Machine Learning Engineer', company: 'Fernwood Health Inc.', salaryText: null });
    expect(fernwood?.applyUrl).toBe('https://remotive.com/remote-jobs/ai-ml/senior-machine-learning-engineer-2048817?utm_source=wwr&utm_medium=rss');
    const trilha = byId.get(`${WWR}trilha-credito-cientista-de-dados-pleno`);
    expect(trilha).toMatchObject({ title: 'Cientista de Dados Pleno', company: 'Trilha Crédito Ltda.' });
    expect(trilha?.applyUrl).toBe('https://remotive.com/remote-jobs/ai-ml/cientista-de-dados-pleno-2046731?ref=wwr#apply');
    const tango = byId.get(`${WWR}tango-seguros-cientifico-a-de-datos-pricing`);
    expect(tango).toMatchObject({ title: 'Científico/a de Datos – Pricing', company: 'Tango Seguros S.A.', location: 'Latin America Only' });
    expect(tango?.tags).toEqual(['All Other Remote']);
    expect(tango?.postedAt).toBe('2026-11-18T13:45:00.000Z');
    // The entity-escaped description comes back as HTML, like the CDATA ones.
    expect(tango?.descriptionHtml).toContain('<p><strong>Headquarters:</strong>');
  });

  it('leaves a title without a colon whole, and prefers an explicit <company> element', async () => {
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>Data Scientist</title><guid>a</guid></item>
      <item><title>Acme: Data: Engineer</title><guid>b</guid></item>
      <item><title>Remote: ML Engineer</title><company>Globex</company><guid>c</guid></item>
    </channel></rss>`;
    const feed = await rssAdapter.parse(body);
    const extracted = feed.items.map((i) => rssAdapter.extract(i.payload));

    expect(extracted.map(({ title, company }) => ({ title, company }))).toEqual([
      { title: 'Data Scientist', company: null },
      { title: 'Data: Engineer', company: 'Acme' },
      { title: 'Remote: ML Engineer', company: 'Globex' },
    ]);
  });

  it('counts items without a guid or link, or without a title, as skipped', async () => {
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>Acme: Data Engineer</title><link>https://example.com/jobs/1</link></item>
      <item><title>No identity at all</title></item>
      <item><guid>https://example.com/jobs/3</guid></item>
      <item><title>Globex: ML Engineer</title><guid>g-4</guid></item>
    </channel></rss>`;

    const feed = await rssAdapter.parse(body);

    expect(feed.items.map((i) => i.externalId)).toEqual(['https://example.com/jobs/1', 'g-4']);
    expect(feed.skipped).toBe(2);
  });

  it('refuses a body that is not XML', async () => {
    await expect(rssAdapter.parse('{"jobs": []}')).rejects.toBeInstanceOf(PermanentError);
    await expect(rssAdapter.parse('<html><body>oops')).rejects.toBeInstanceOf(PermanentError);
  });
});

describe('adapterFor', () => {
  it('finds the registered adapters and refuses unknown names permanently', () => {
    expect(adapterFor('remotive')).toBe(remotiveAdapter);
    expect(adapterFor('rss')).toBe(rssAdapter);
    expect(() => adapterFor('linkedin')).toThrow(PermanentError);
  });
});
