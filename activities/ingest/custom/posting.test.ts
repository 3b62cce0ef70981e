import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../errors.js';
import { adapterFor } from '../adapters/index.js';
import { filtersSchema } from './config.js';
import { collectMapped, compileFilters, customAdapter, mapPosting, textOf, type MappedPosting } from './posting.js';
import { RequestBudget } from './request-budget.js';

const posting = (overrides: Partial<MappedPosting> = {}): MappedPosting => ({
  id: '1',
  title: 'Engenheiro de Dados',
  company: 'Cerrado Tech',
  location: 'Remoto - Brasil',
  salary: null,
  description: '<p>Pipelines com <b>Python</b> e SQL no <i>São Paulo</i> hub.</p>',
  url: null,
  date: null,
  tags: [],
  fields: {},
  ...overrides,
});

const filters = (f: Record<string, string[]>) => filtersSchema.parse(f);
const passesFilters = (p: MappedPosting, f: ReturnType<typeof filters>) => compileFilters(f)(p);

describe('textOf', () => {
  it('reads text from every shape a source gives a value in', () => {
    expect(textOf('  Remoto  ')).toBe('Remoto');
    expect(textOf(501)).toBe('501');
    expect(textOf(['', null, 'primeiro', 'segundo'])).toBe('primeiro');
    expect(textOf({ _: 'Nuvem Ltda', $: { lang: 'pt' } })).toBe('Nuvem Ltda');
    expect(textOf({ nested: 'object' })).toBeNull();
    expect(textOf('   ')).toBeNull();
    expect(textOf(undefined)).toBeNull();
  });
});

describe('mapPosting and filters', () => {
  it('needs an id and a title; everything else may be missing', () => {
    expect(mapPosting({ id: 7, title: 'Data Analyst' })).toEqual({
      id: '7', title: 'Data Analyst', company: null, location: null, salary: null, description: '', url: null, date: null, tags: [], fields: {},
    });
    expect(mapPosting({ id: null, title: 'Data Analyst' })).toBeNull();
    expect(mapPosting({ id: 7, title: ' ' })).toBeNull();
  });

  it('matches whole words, ignoring case and accents, in the title and the description text (not its markup)', () => {
    expect(passesFilters(posting(), filters({ keywords: ['PYTHON'] }))).toBe(true);
    expect(passesFilters(posting(), filters({ keywords: ['sao paulo'] }))).toBe(true);
    // "ml" is not in "html", and tag names are not words of the text.
    expect(passesFilters(posting({ description: '<p>HTML e CSS</p>' }), filters({ keywords: ['ml'] }))).toBe(false);
    expect(passesFilters(posting(), filters({ keywords: ['b'] }))).toBe(false);
    expect(passesFilters(posting(), filters({ exclude_keywords: ['sql'] }))).toBe(false);
  });

  it('matches places against the location, or the text when there is none', () => {
    expect(passesFilters(posting(), filters({ locations: ['brasil'] }))).toBe(true);
    expect(passesFilters(posting(), filters({ locations: ['são paulo'] }))).toBe(false);
    expect(passesFilters(posting({ location: null }), filters({ locations: ['são paulo'] }))).toBe(true);
  });

  it('counts unusable and filtered-out items apart', () => {
    const result = collectMapped(
      [
        { id: 1, title: 'Cientista de Dados' },
        { id: 2, title: null },
        { id: 3, title: 'Desenvolvedor React' },
      ],
      filters({ keywords: ['dados'] }),
    );
    expect(result.items.map((i) => i.externalId)).toEqual(['1']);
    expect(result).toMatchObject({ skipped: 1, filtered: 1 });
  });
});

describe('customAdapter', () => {
  it('is what normalize reads custom payloads with, and refuses to read pages itself', async () => {
    expect(adapterFor('custom')).toBe(customAdapter);
    expect(customAdapter.extract(posting({ title: ' Engenheiro  de Dados ', date: '2025-11-04' }))).toMatchObject({
      title: 'Engenheiro de Dados',
      postedAt: '2025-11-04T00:00:00.000Z',
      employmentType: null,
      remote: null,
    });
    // The source's own fields are listed under the description, where normalize reads them.
    expect(customAdapter.extract(posting({ description: '<p>Dados</p>', fields: { 'vaga:contrato': 'PJ', nivel: 'Sênior & <b>' } })).descriptionHtml).toBe(
      '<p>Dados</p>\n<ul><li>contrato: PJ</li><li>nivel: Sênior &amp; &lt;b&gt;</li></ul>',
    );
    await expect(customAdapter.parse('{}')).rejects.toThrow(PermanentError);
    expect(() => customAdapter.extract({ title: 'no id' })).toThrow();
  });
});

describe('RequestBudget', () => {
  it('spaces requests to a per-minute limit and stops at a per-day one', () => {
    let now = 0;
    const budget = new RequestBudget(() => now);
    const limits = { per_minute: 2, per_day: 3 };
    expect(budget.delayFor('api', limits)).toBe(0);
    budget.record('api');
    now = 10_000;
    budget.record('api');
    now = 20_000;
    // Two in the last minute: the next waits until the first leaves the window.
    expect(budget.delayFor('api', limits)).toBe(40_000);
    expect(budget.delayFor('other', limits)).toBe(0);
    now = 61_000;
    expect(budget.delayFor('api', limits)).toBe(0);
    budget.record('api');
    now = 200_000;
    expect(budget.delayFor('api', limits)).toBeNull();
    now = 24 * 3_600_000 + 1;
    expect(budget.delayFor('api', limits)).toBe(0);
  });

  it('waits for a slot, or gives up when the wait would pass the deadline', async () => {
    let now = 0;
    const budget = new RequestBudget(() => now);
    budget.record('api');
    expect(await budget.take('api', { per_minute: 1 }, { deadline: 30_000 })).toBe('late');
    expect(await budget.take('api', { per_day: 1 }, { deadline: 1e9 })).toBe('spent');
    now = 60_000;
    expect(await budget.take('api', { per_minute: 1 }, { deadline: 1e9 })).toBe('granted');
  });
});
