// Every case of the bad-input corpus (fixtures/bad-inputs/generate.ts) through the real code path:
// feeds, JSON bodies and HTML pages are served on 127.0.0.1 and fetched as a source's fetch
// activity fetches them (built-in adapters and the custom readers, under the network policy), and
// anything a fetch staged would be loaded into a real warehouse; résumé files go through the text
// extraction an upload runs. Each must end in a clear refusal within its time limit, the process's
// memory must stay bounded, and nothing already stored may change.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../cli/config.js';
import { useFixtureWarehouse } from '../cli/test-support/fixture-warehouse.js';
import { serveOnLoopback, type LoopbackServer } from '../cli/test-support/loopback-server.js';
import { tableChecksums } from '../cli/test-support/warehouse-checks.js';
import { FETCH_MAX_BYTES, badInputs, type BadInput } from '../fixtures/bad-inputs/generate.js';
import { insertRawPostings, recordListings, type Source } from '../warehouse/core.js';
import { fetchSource } from './ingest/fetch-source.js';
import type { NetworkPolicy } from './ingest/network-policy.js';
import { extractResumeText } from './resume/extract-text.js';
import { Staging } from './staging.js';

const cases = await badInputs();
const byId = new Map(cases.map((c) => [c.id, c]));

/** Longest a case may take: a fetch's own time-out is 5 s; a résumé's extraction stops itself at 20 s. */
const TIME_LIMIT_MS = { http: 15_000, resume: 25_000 };
/** How far the process's resident memory may grow above where it stood before the corpus. */
const MEMORY_LIMIT_MB = 512;
const FETCH_TIMEOUT_MS = 5_000;

const fixture = useFixtureWarehouse();
let server: LoopbackServer;
let policy: NetworkPolicy;
let staging: Staging;
let storedBefore: Record<string, string>;
let baselineRss = 0;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

/** Serves each case at /case/<id>, misbehaving as the case says. */
function serveCases(): Promise<LoopbackServer> {
  return serveOnLoopback((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const c = byId.get(path.slice('/case/'.length));
    if (path === '/robots.txt' || !c) return void res.writeHead(404).end();
    const serve = c.serve ?? {};
    if (serve.redirect) return void res.writeHead(302, { location: serve.redirect === 'self' ? path : serve.redirect }).end();
    if (serve.declaredLength === undefined) return void res.writeHead(serve.status ?? 200, { ...c.headers, 'content-length': String(c.body.length) }).end(c.body);
    // A length that lies (or none at all: chunked): the body is sent, the end never comes.
    res.writeHead(serve.status ?? 200, serve.declaredLength ? { ...c.headers, 'content-length': String(serve.declaredLength) } : c.headers);
    res.write(c.body);
  });
}

/** The source a case is read through; the demo sources' own ids where the warehouse already holds their postings. */
function sourceFor(c: BadInput): Source {
  const url = `${server.url}/case/${c.id}`;
  const common = { enabled: true, timeoutMs: FETCH_TIMEOUT_MS, maxBytes: FETCH_MAX_BYTES, maxPages: 1, pageDelayMs: 0 };
  if (c.target.startsWith('adapter:')) {
    const adapter = c.target.slice('adapter:'.length);
    const id = adapter === 'rss' ? 'demo-wwr' : adapter === 'remotive' ? 'demo-remotive' : `bad-${adapter}`;
    return { ...common, id, name: id, kind: adapter === 'rss' ? 'rss' : 'json_api', adapter, url };
  }
  const custom = { ...common, id: `bad-${c.target.replace(':', '-')}`, name: c.target, adapter: 'custom', url };
  if (c.target === 'custom:rss') return { ...custom, kind: 'rss', config: { kind: 'rss', url } };
  if (c.target === 'custom:api') {
    return { ...custom, kind: 'json_api', config: { kind: 'api', endpoint: url, mapping: { jobs_path: '$.jobs[*]', id_path: '$.id', title_path: '$.title' } } };
  }
  return {
    ...custom,
    kind: 'html',
    config: { kind: 'scrape', base_url: server.url, search_url: `/case/${c.id}`, selectors: { container: 'li.vaga', title: 'h2.titulo', link: 'h2.titulo a@href' }, max_pages: 1, delay_ms: { min: 0, max: 0 } },
  };
}

/** What the fetch activity and the load after it do with a case; returns what was accepted, or throws the refusal. */
async function ingest(c: BadInput): Promise<string> {
  const staged = await fetchSource(sourceFor(c), `bad-${c.id}`, staging, { policy });
  await fixture.warehouse.transaction(async (conn) => {
    await insertRawPostings(conn, staged.path, `bad-${c.id}`);
    await recordListings(conn, { stagedPath: staged.path, sourceId: staged.sourceId, complete: staged.complete });
  });
  return `accepted: ${staged.items} items staged and loaded`;
}

async function extract(c: BadInput): Promise<string> {
  const text = await extractResumeText(c.body, { maxBytes: loadConfig({}).resumeMaxBytes });
  return `accepted: ${text.text.length} characters of text`;
}

/** The case's outcome: its error, or what it was accepted as; and how long it took. */
async function outcome(c: BadInput): Promise<{ error: Error | null; accepted: string | null; ms: number }> {
  const limit = c.target === 'resume' ? TIME_LIMIT_MS.resume : TIME_LIMIT_MS.http;
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still running after ${limit} ms`)), limit)));
  try {
    const accepted = await Promise.race([c.target === 'resume' ? extract(c) : ingest(c), late]);
    return { error: null, accepted, ms: Date.now() - started };
  } catch (error) {
    return { error: error as Error, accepted: null, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  server = await serveCases();
  policy = { allowPrivate: false, allowList: [new URL(server.url).host] };
  staging = new Staging(join(fixture.dir, 'bad-inputs-staging'));
  storedBefore = await tableChecksums(fixture.warehouse);
  baselineRss = peakRss = process.memoryUsage().rss;
});

afterAll(async () => {
  clearInterval(sampler);
  await server?.close();
});

describe('the bad-input corpus', () => {
  it('has at least 200 cases across feeds, JSON bodies, HTML pages, PDFs and DOCX files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.family))).toEqual(new Set(['json', 'feed', 'html', 'pdf', 'docx']));
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.id, c.what, c] as const))('%s (%s) ends in a clear refusal in time', async (_id, _what, c) => {
    const result = await outcome(c);
    expect(result.accepted).toBeNull();
    // A refusal the product words for its reader, never a stack overflow or a type error leaking out.
    expect(result.error?.message).toMatch(c.expect);
    expect(result.error).not.toBeInstanceOf(RangeError);
    expect(result.error).not.toBeInstanceOf(TypeError);
    expect(result.ms).toBeLessThan(c.target === 'resume' ? TIME_LIMIT_MS.resume : TIME_LIMIT_MS.http);
  });

  it('kept the memory of the process bounded and left every stored row as it was', async () => {
    expect((peakRss - baselineRss) / 1024 / 1024).toBeLessThan(MEMORY_LIMIT_MB);
    expect(await tableChecksums(fixture.warehouse)).toEqual(storedBefore);
  });
});
