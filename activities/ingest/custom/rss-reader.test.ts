import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBoardServer, type BoardServer } from '../../../fixtures/custom-sources/board-server.js';
import { PermanentError } from '../../errors.js';
import { BlockedAddressError, PUBLIC_ONLY } from '../network-policy.js';
import { rssConfigSchema, type RssConfig } from './config.js';
import { customAdapter, mappedPostingSchema } from './posting.js';
import type { ReaderContext } from './reader.js';
import { parseRss, readRss } from './rss-reader.js';

const FEED = readFileSync(new URL('../../../fixtures/custom-sources/vagas.rss', import.meta.url), 'utf8');

let board: BoardServer;

beforeAll(async () => {
  board = await startBoardServer({ token: 'unused' });
});

afterAll(async () => {
  await board?.close();
});

beforeEach(() => {
  board.requests.length = 0;
});

const context = (overrides: Partial<ReaderContext> = {}): ReaderContext => ({
  limits: { timeoutMs: 5_000, maxBytes: 1_000_000 },
  policy: { allowPrivate: false, allowList: [`127.0.0.1:${board.port}`] },
  env: {},
  maxPages: 1,
  deadline: Date.now() + 60_000,
  onPage: () => undefined,
  ...overrides,
});

function config(overrides: Record<string, unknown> = {}): RssConfig {
  return rssConfigSchema.parse({
    kind: 'rss',
    url: `${board?.url ?? 'http://127.0.0.1'}/feeds/vagas.rss`,
    category: 'dados',
    mapping: { company_field: 'vaga:empresa', location_field: 'vaga:local', salary_field: 'vaga:salario', custom_fields: ['vaga:contrato'] },
    ...overrides,
  });
}

const titles = (items: { payload: Record<string, unknown> }[]) => items.map((i) => mappedPostingSchema.parse(i.payload).title);

describe('parseRss', () => {
  it('reads the feed’s own elements through the mapping, in Portuguese and Spanish', async () => {
    const parsed = await parseRss(config(), FEED);
    // Seven items; the one without a title is unusable.
    expect(parsed.skipped).toBe(1);
    expect(parsed.items.map((i) => i.externalId)).toEqual(['vdl-1001', 'vdl-1002', 'vdl-1003', 'vdl-1004', 'vdl-1005', 'https://vagas-dados.example/vagas/1007']);

    const ml = mappedPostingSchema.parse(parsed.items[0]?.payload);
    expect(ml).toMatchObject({
      title: 'Engenheira de Machine Learning Sênior',
      company: 'Nuvem Analítica Ltda',
      location: 'Remoto - Brasil',
      salary: 'R$ 18.000 - R$ 24.000 por mês',
      url: 'https://vagas-dados.example/vagas/1001',
      tags: ['dados', 'machine learning'],
      fields: { 'vaga:contrato': 'PJ' },
    });
    expect(ml.description).toContain('<li>5+ anos com Python e PyTorch</li>');

    const spanish = customAdapter.extract(parsed.items[5]?.payload ?? {});
    expect(spanish).toMatchObject({
      title: 'Ingeniero de Datos (Spark)',
      company: 'Andes Data Labs',
      location: 'Bogotá, Colombia (remoto LATAM)',
      salaryText: 'COP 14.000.000 mensuales',
      postedAt: '2025-11-07T13:00:00.000Z',
      applyUrl: 'https://vagas-dados.example/vagas/1007',
      tags: ['dados'],
    });
    // No salary element on this item: the field is simply absent.
    expect(customAdapter.extract(parsed.items[2]?.payload ?? {}).salaryText).toBeNull();
  });

  it('uses the standard elements when nothing is mapped', async () => {
    const parsed = await parseRss(rssConfigSchema.parse({ kind: 'rss', url: 'https://vagas-dados.example/feed.rss' }), FEED);
    const first = customAdapter.extract(parsed.items[0]?.payload ?? {});
    expect(first).toMatchObject({ title: 'Engenheira de Machine Learning Sênior', company: null, location: null, postedAt: '2025-11-03T12:00:00.000Z', tags: ['machine learning'] });
    expect(first.descriptionHtml).toContain('levar modelos a produção');
  });

  it('keeps only what the filters ask for, ignoring case and accents', async () => {
    const byKeywords = await parseRss(config({ filters: { keywords: ['dados', 'DATOS', 'machine learning'], exclude_keywords: ['estagio'] } }), FEED);
    expect(titles(byKeywords.items)).toEqual(['Engenheira de Machine Learning Sênior', 'Científico de Datos', 'Analista de Dados Pleno', 'Ingeniero de Datos (Spark)']);
    expect(byKeywords.filtered).toBe(2);

    const byPlace = await parseRss(config({ filters: { locations: ['são paulo', 'mexico'] } }), FEED);
    expect(titles(byPlace.items)).toEqual(['Científico de Datos', 'Analista de Dados Pleno']);
  });

  it('reads a feed without items as an empty page', async () => {
    const empty = await parseRss(config(), '<?xml version="1.0"?><rss version="2.0"><channel><title>Vagas</title></channel></rss>');
    expect(empty).toEqual({ items: [], skipped: 0, filtered: 0 });
  });

  it('refuses a body that is not a feed, permanently', async () => {
    await expect(parseRss(config(), '<html><body>manutenção</body></html>')).rejects.toThrow(PermanentError);
    await expect(parseRss(config(), '<rss><channel><item><title>trunc')).rejects.toThrow(/not an RSS\/Atom feed/);
  });
});

describe('readRss', () => {
  it('fetches the feed as one complete page', async () => {
    const pages: number[] = [];
    const read = await readRss(config(), context({ onPage: (page) => pages.push(page) }));
    expect(read).toMatchObject({ pages: 1, complete: true, skipped: 1, filtered: 0 });
    expect(read.items).toHaveLength(6);
    expect(pages).toEqual([1]);
  });

  it('says plainly when the URL is not a feed', async () => {
    await expect(readRss(config({ url: `${board.url}/feeds/not-a-feed.rss` }), context())).rejects.toThrow(/not an RSS\/Atom feed/);
  });

  it('refuses 127.0.0.1 unless the operator allow-lists it, before any request', async () => {
    await expect(readRss(config(), context({ policy: PUBLIC_ONLY }))).rejects.toThrow(BlockedAddressError);
    expect(board.requests).toEqual([]);
  });
});
