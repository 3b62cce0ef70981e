import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { remotiveAdapter } from '../ingest/adapters/remotive.js';
import { rssAdapter } from '../ingest/adapters/rss.js';
import type { ExtractedPosting, SourceAdapter } from '../ingest/adapters/index.js';
import { normalizePosting, postingId, type NormalizedPosting } from './normalize-posting.js';
import { loadTaxonomy, SkillMatcher } from './skills.js';

const skills = new SkillMatcher(loadTaxonomy());
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/demo-sources/${name}`, import.meta.url), 'utf8');

interface Normalized {
  extracted: ExtractedPosting;
  posting: NormalizedPosting;
}

async function normalizeFixture(sourceId: string, adapter: SourceAdapter, file: string): Promise<Map<string, Normalized>> {
  const feed = await adapter.parse(fixture(file));
  return new Map(
    feed.items.map((item) => {
      const extracted = adapter.extract(item.payload);
      return [item.externalId, { extracted, posting: normalizePosting(sourceId, item.externalId, extracted, skills) }];
    }),
  );
}

const blank: ExtractedPosting = {
  title: 'Data Scientist',
  company: 'Acme',
  location: null,
  postedAt: null,
  applyUrl: null,
  descriptionHtml: '',
  salaryText: null,
  tags: [],
  employmentType: null,
  remote: null,
};

let remotive: Map<string, Normalized>;
let feed: Map<string, Normalized>;

beforeAll(async () => {
  remotive = await normalizeFixture('remotive', remotiveAdapter, 'remotive.json');
  feed = await normalizeFixture('wwr', rssAdapter, 'weworkremotely.rss');
});

function get(map: Map<string, Normalized>, id: string): NormalizedPosting {
  const found = map.get(id);
  if (!found) throw new Error(`fixture item ${id} is missing`);
  return found.posting;
}

describe('skills', () => {
  it('knows machine-learning under its Portuguese and Spanish names', () => {
    const ml = loadTaxonomy().skills.find((s) => s.id === 'machine-learning');
    expect(ml?.aliases.pt).toContain('aprendizado de máquina');
    expect(ml?.aliases.es).toContain('aprendizaje automático');
  });

  it('maps Portuguese "aprendizado de máquina" to machine-learning, evidence in the original accents', () => {
    const posting = normalizePosting('manual', 'pt-1', { ...blank, title: 'Cientista de Dados', descriptionHtml: '<p>Vivência com <b>Aprendizado de Máquina</b> e SQL.</p>' }, skills);

    const mention = posting.evidence.skills.find((m) => m.skill === 'machine-learning');
    expect(mention).toEqual({ skill: 'machine-learning', field: 'description', text: 'Aprendizado de Máquina', start: 13, required: null, years: null });
    expect(posting.descriptionText.slice(13, 13 + 'Aprendizado de Máquina'.length)).toBe('Aprendizado de Máquina');
    expect(posting.skills).toEqual(['machine-learning', 'sql']);
    // The same phrase in a fixture posting, on its own line.
    const carambola = get(feed, 'https://weworkremotely.com/remote-jobs/carambola-pagamentos-engenheiro-a-de-mlops');
    const line = carambola.descriptionText.split('\n').find((l) => l.includes('aprendizado de máquina')) ?? '';
    expect(skills.find({ description: line }).map((m) => [m.skill, m.text])).toEqual([['machine-learning', 'aprendizado de máquina']]);
  });

  it('maps Spanish "aprendizaje automático" in a fixture posting to machine-learning', () => {
    const posting = get(remotive, '2054409');

    const mention = posting.evidence.skills.find((m) => m.skill === 'machine-learning');
    expect(mention?.text).toBe('aprendizaje automático');
    expect(mention?.field).toBe('description');
    expect(posting.skills).toContain('machine-learning');
  });

  it('gives evidence spans that are exact slices of the original text, for every fixture posting', () => {
    let checked = 0;
    for (const { extracted, posting } of [...remotive.values(), ...feed.values()]) {
      const fields: Record<string, string> = { title: posting.title, tags: extracted.tags.join(', '), description: posting.descriptionText };
      expect(posting.skills).toEqual(posting.evidence.skills.map((m) => m.skill).sort());
      for (const mention of posting.evidence.skills) {
        expect(fields[mention.field]?.slice(mention.start, mention.start + mention.text.length)).toBe(mention.text);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('ignores words inside <script> (remotive 2050412)', () => {
    const { extracted, posting } = remotive.get('2050412') ?? {};
    expect(extracted?.descriptionHtml).toContain('kubernetes tensorflow golang');

    expect(posting?.skills).not.toContain('kubernetes');
    expect(posting?.skills).not.toContain('tensorflow');
    expect(posting?.skills).not.toContain('golang');
    expect(posting?.descriptionText).not.toContain('dataLayer');
    expect(posting?.skills).toContain('databricks');
  });
});

describe('normalizePosting', () => {
  it('decodes HTML entities, including the double-escaped feed description', () => {
    const copa = get(remotive, '2045502');
    expect(copa.descriptionText).toContain('ç');
    for (const { posting } of [...remotive.values(), ...feed.values()]) {
      expect(posting.descriptionText).not.toMatch(/&(amp|nbsp|ndash|#39|ccedil);|<\/?p>/);
    }
    const entities = normalizePosting('manual', 'e-1', { ...blank, title: 'R&amp;D Engineer &ndash; ML', descriptionHtml: '<p>Tom&#39;s &amp; Jerry&nbsp;Ltda</p>' }, skills);
    expect(entities.title).toBe('R&D Engineer – ML');
    expect(entities.descriptionText).toBe("Tom's & Jerry Ltda");
  });

  it('reads scope, seniority, salary, date and URL from a fixture posting', () => {
    const posting = get(remotive, '2049963');

    expect(posting).toMatchObject({
      id: postingId('remotive', '2049963'),
      title: 'Data Engineer (Snowflake / dbt)',
      company: 'Brightline Freight, Inc.',
      remote: { scope: 'latam' },
      salary: { currency: 'USD', period: 'year', min: 60000, max: 80000 },
      canonicalUrl: 'https://remotive.com/remote-jobs/data/data-engineer-snowflake-dbt-2049963',
    });
    expect(posting.postedAt).toMatch(/^2026-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(posting.evidence.salary).toMatchObject({ field: 'salary', text: '$60k - $80k' });
    expect(posting.salary?.usdMonth.min).toBeCloseTo(5000, 0);
    expect(posting.salary?.usdMonth.max).toBeCloseTo(6667, 0);
    // No location field, but the description says who can be hired: "most EU and Latin American countries".
    expect(get(remotive, '2056071').remote).toMatchObject({ scope: 'countries', countries: expect.arrayContaining(['BR', 'DE', 'MX']) });
    expect(get(remotive, '2053318').remote).toEqual({ scope: 'countries', countries: ['US'] });
  });

  it('reads dates without an offset as UTC and drops unreadable ones', () => {
    const at = (postedAt: string) => normalizePosting('manual', 'd', { ...blank, postedAt }, skills).postedAt;
    expect(at('2026-10-01T12:00:00')).toBe('2026-10-01T12:00:00.000Z');
    expect(at('2026-10-01T12:00:00-03:00')).toBe('2026-10-01T15:00:00.000Z');
    expect(at('not a date')).toBeNull();
  });

  it('gives the planted cross-source duplicates the same content hash', () => {
    const wwr = 'https://weworkremotely.com/remote-jobs/';
    expect(get(feed, `${wwr}fernwood-health-senior-machine-learning-engineer`).contentHash).toBe(get(remotive, '2048817').contentHash);
    expect(get(feed, `${wwr}trilha-credito-cientista-de-dados-pleno`).contentHash).toBe(get(remotive, '2046731').contentHash);
    expect(get(remotive, '2048817').contentHash).not.toBe(get(remotive, '2046731').contentHash);
  });
});

describe('postingId', () => {
  it('is stable for one source item and differs across sources and items', () => {
    expect(postingId('remotive', '2048817')).toBe(postingId('remotive', '2048817'));
    expect(postingId('remotive', '2048817')).toMatch(/^[0-9a-f]{24}$/);
    expect(postingId('wwr', '2048817')).not.toBe(postingId('remotive', '2048817'));
    expect(postingId('remotive', '2048818')).not.toBe(postingId('remotive', '2048817'));
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    expect(postingId('ab', 'c')).not.toBe(postingId('a', 'bc'));
  });
});
