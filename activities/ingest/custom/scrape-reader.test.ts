import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBoardServer, type BoardServer } from '../../../fixtures/custom-sources/board-server.js';
import { PermanentError } from '../../errors.js';
import { USER_AGENT } from '../http-fetch.js';
import { BlockedAddressError, PUBLIC_ONLY } from '../network-policy.js';
import { DisallowedByRobotsError } from '../robots.js';
import { scrapeConfigSchema, type ScrapeConfig } from './config.js';
import { customAdapter, mappedPostingSchema } from './posting.js';
import type { ReaderContext } from './reader.js';
import { readScrape } from './scrape-reader.js';

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

function context(overrides: Partial<ReaderContext> = {}): ReaderContext {
  return {
    limits: { timeoutMs: 5_000, maxBytes: 1_000_000 },
    // The fixture board is on 127.0.0.1: only the operator's allow-list lets a source reach it.
    policy: { allowPrivate: false, allowList: [`127.0.0.1:${board.port}`] },
    env: {},
    maxPages: 10,
    deadline: Date.now() + 60_000,
    onPage: () => undefined,
    ...overrides,
  };
}

function config(overrides: Record<string, unknown> = {}, selectors: Record<string, unknown> = {}): ScrapeConfig {
  return scrapeConfigSchema.parse({
    kind: 'scrape',
    base_url: board.url,
    search_url: '/vagas?q={query}&pagina={page}',
    query: 'dados',
    selectors: {
      container: 'li.vaga',
      title: 'h2.titulo',
      link: 'h2.titulo a@href',
      company: '.empresa',
      location: '.local',
      salary: '.salario',
      description: '.resumo',
      date: 'time.data',
      next_page: 'a.proxima@href',
      ...selectors,
    },
    max_pages: 5,
    delay_ms: { min: 0, max: 20 },
    ...overrides,
  });
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Error);

describe('readScrape', () => {
  it('follows the next-page link and reads every card with the selectors, politely and without writing ./storage', async () => {
    const storage = join(process.cwd(), 'storage');
    const storageBefore = existsSync(storage);
    const pagesSeen: number[] = [];
    const read = await readScrape(config(), context({ onPage: (page) => pagesSeen.push(page) }));

    expect(read).toMatchObject({ pages: 2, complete: true, skipped: 0, filtered: 0 });
    expect(read.items.map((i) => i.externalId)).toEqual([
      `${board.url}/vagas/engenheiro-de-dados-aws-77`,
      `${board.url}/vagas/cientista-de-dados-nlp-78`,
      'https://outro-site.example/vaga/79',
      `${board.url}/vagas/ingeniera-de-machine-learning-80`,
      // No link on the card: identified by what it says.
      'Analista de Dados Júnior | Recife, PE',
    ]);
    const first = mappedPostingSchema.parse(read.items[0]?.payload);
    expect(first).toMatchObject({
      title: 'Engenheiro de Dados (AWS)',
      company: 'Cerrado Tech',
      location: 'Remoto - Brasil',
      salary: 'R$ 15.000 a R$ 19.000 / mês',
      url: `${board.url}/vagas/engenheiro-de-dados-aws-77`,
      date: '2025-11-04',
    });
    expect(first.description).toBe('<p>Pipelines em <strong>Airflow</strong>, dbt e Redshift.</p>');
    const last = customAdapter.extract(read.items[4]?.payload ?? {});
    expect(last).toMatchObject({ title: 'Analista de Dados Júnior', company: null, applyUrl: null, salaryText: null, postedAt: null });
    expect(customAdapter.extract(read.items[3]?.payload ?? {}).postedAt).toBe('2025-11-06T00:00:00.000Z');

    expect(pagesSeen).toContain(2);
    expect(board.requests.map((r) => r.path)).toEqual(['/robots.txt', '/vagas?q=dados&pagina=1', '/vagas?q=dados&pagina=2']);
    for (const request of board.requests) expect(request.headers['user-agent']).toBe(USER_AGENT);
    expect(existsSync(storage)).toBe(storageBefore);
  });

  it('pages by the template when there is no next-page selector, until a page has no cards', async () => {
    const read = await readScrape(config({}, { next_page: undefined }), context());
    expect(read).toMatchObject({ pages: 3, complete: true });
    expect(read.items).toHaveLength(5);
    expect(board.hits('/vagas').map((r) => r.path)).toEqual(['/vagas?q=dados&pagina=1', '/vagas?q=dados&pagina=2', '/vagas?q=dados&pagina=3']);
  });

  it('stops at max_pages and says the fetch is incomplete', async () => {
    const read = await readScrape(config({ max_pages: 1 }), context());
    expect(read).toMatchObject({ pages: 1, complete: false });
    expect(read.items).toHaveLength(3);
  });

  it('applies the filters to the mapped cards', async () => {
    const read = await readScrape(config({ filters: { keywords: ['machine learning', 'nlp'], exclude_keywords: ['aws'] } }), context());
    expect(read.items.map((i) => mappedPostingSchema.parse(i.payload).title)).toEqual(['Cientista de Dados (NLP)', 'Ingeniera de Machine Learning']);
    expect(read.filtered).toBe(3);
  });

  it('waits the Crawl-delay robots.txt asks for, and reads one page per fetch when it asks for more than a minute', async () => {
    const slow = await startBoardServer({ token: 'unused', crawlDelaySeconds: 1 });
    const slower = await startBoardServer({ token: 'unused', crawlDelaySeconds: 120 });
    try {
      const allow = (server: BoardServer) => context({ policy: { allowPrivate: false, allowList: [`127.0.0.1:${server.port}`] } });
      const read = await readScrape(config({ base_url: slow.url }), allow(slow));
      expect(read).toMatchObject({ pages: 2, complete: true });
      const [first, second] = slow.hits('/vagas');
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_000);

      const once = await readScrape(config({ base_url: slower.url }), allow(slower));
      expect(once).toMatchObject({ pages: 1, complete: false });
      expect(slower.hits('/vagas')).toHaveLength(1);
    } finally {
      await slow.close();
      await slower.close();
    }
  });

  it('reads an empty result page as no jobs, complete', async () => {
    const read = await readScrape(config({ search_url: '/vagas-vazias' }), context());
    expect(read).toMatchObject({ items: [], pages: 1, complete: true });
  });

  it('honours robots.txt: a disallowed page is never requested', async () => {
    const error = await failureOf(readScrape(config({ search_url: '/privado/vagas?pagina={page}' }), context()));
    expect(error).toBeInstanceOf(DisallowedByRobotsError);
    expect(error?.message).toMatch(/robots\.txt \(line 3\) does not allow vagas-ai-latam/);
    expect(board.hits('/privado/vagas')).toEqual([]);
  });

  it('refuses 127.0.0.1 without the operator allow-list, before any request', async () => {
    const error = await failureOf(readScrape(config(), context({ policy: PUBLIC_ONLY })));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error?.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(board.requests).toEqual([]);
  });

  it('checks every redirect hop: a redirect to the cloud metadata address is refused', async () => {
    const error = await failureOf(readScrape(config({ search_url: '/redirect-to-metadata' }), context()));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error?.message).toMatch(/169\.254\.169\.254 is a cloud metadata address/);
  });

  it('refuses a page over the size limit, an error status, a page that is not HTML and an invalid selector, permanently', async () => {
    const big = await failureOf(readScrape(config(), context({ limits: { timeoutMs: 5_000, maxBytes: 500 } })));
    expect(big).toBeInstanceOf(PermanentError);
    expect(big?.message).toMatch(/sent more than the 500-byte limit/);

    const missing = await failureOf(readScrape(config({ search_url: '/nao-existe' }), context()));
    expect(missing).toBeInstanceOf(PermanentError);
    expect(missing?.message).toMatch(/answered HTTP 404/);

    const text = await failureOf(readScrape(config({ search_url: '/robots.txt' }), context()));
    expect(text).toBeInstanceOf(PermanentError);
    expect(text?.message).toMatch(/robots\.txt is not an HTML page \(Content-Type text\/plain\)/);

    const selector = await failureOf(readScrape(config({}, { container: 'li[' }), context()));
    expect(selector).toBeInstanceOf(PermanentError);
    expect(selector?.message).toMatch(/the selector "li\[" is not valid CSS/);
  });

  it('keeps the crawl on the board: a next-page link to another host is refused', async () => {
    const error = await failureOf(readScrape(config({}, { next_page: 'li.vaga:nth-child(3) h2.titulo a@href' }), context()));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error?.message).toMatch(/the next-page link https:\/\/outro-site\.example\/vaga\/79 leaves 127\.0\.0\.1/);
  });
});
