import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { adapterFor, type ExtractedPosting } from '../../activities/ingest/adapters/index.js';
import { fetchSource, type StagedRawPosting } from '../../activities/ingest/fetch-source.js';
import { Staging } from '../../activities/staging.js';
import type { Source } from '../../warehouse/core.js';

/** Answers one request to the fake board: a body to serve with 200, or undefined for a 404. */
export type AdapterRoute = (url: URL, fx: AdapterFixtures) => string | undefined;

export interface AdapterFixtures {
  /** http://127.0.0.1:<port> of the fake board; set once beforeAll has run. */
  readonly baseUrl: string;
  /** `pathname + search` of every request the fake board received, in order; clear with `requests.length = 0`. */
  readonly requests: string[];
  /** How many requests asked for this pathname, whatever their query. */
  hits(pathname: string): number;
  /** A file of fixtures/sources/<adapter>/. */
  fixture(file: string): string;
  /** A json_api source for this adapter reading `path` on the fake board. */
  source(path: string, overrides?: Partial<Source>): Source;
  /** fetchSource on `source(path, overrides)`, staged into this file's temp directory. */
  fetch(path: string, runId: string, overrides?: Partial<Source>): ReturnType<typeof fetchSource>;
  /** fetch, then the staged rows, and each row's extraction by external id. */
  fetched(
    path: string,
    runId: string,
    overrides?: Partial<Source>,
  ): Promise<{ result: Awaited<ReturnType<typeof fetchSource>>; rows: StagedRawPosting[]; byId: Map<string, ExtractedPosting> }>;
}

/** The rows of a staged NDJSON file. */
export function readStaged(path: string): StagedRawPosting[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as StagedRawPosting);
}

/**
 * Registers beforeAll/afterAll that serve a fake job board over node:http (answering with `route`,
 * which usually serves files of fixtures/sources/<adapter>/) and a temp staging directory, and
 * remove both again. `defaults` fill the sources the returned helpers build (id and name default
 * to the adapter's name).
 */
export function useAdapterFixtures(adapter: string, route: AdapterRoute, defaults: Partial<Source> = {}): AdapterFixtures {
  let server: Server | undefined;
  let dir = '';
  let baseUrl = '';
  const requests: string[] = [];

  const fx: AdapterFixtures = {
    get baseUrl() {
      return baseUrl;
    },
    requests,
    hits: (pathname) => requests.filter((r) => new URL(r, 'http://x').pathname === pathname).length,
    fixture: (file) => readFileSync(new URL(`../../fixtures/sources/${adapter}/${file}`, import.meta.url), 'utf8'),
    source: (path, overrides = {}) => ({
      id: adapter,
      name: adapter,
      kind: 'json_api',
      adapter,
      url: `${baseUrl}${path}`,
      enabled: true,
      timeoutMs: 2000,
      maxBytes: 1_000_000,
      maxPages: 10,
      pageDelayMs: 0,
      ...defaults,
      ...overrides,
    }),
    fetch: (path, runId, overrides) => fetchSource(fx.source(path, overrides), runId, new Staging(dir)),
    fetched: async (path, runId, overrides) => {
      const result = await fx.fetch(path, runId, overrides);
      const rows = readStaged(result.path);
      const { extract } = adapterFor(adapter);
      return { result, rows, byId: new Map(rows.map((r) => [r.external_id, extract(r.payload)])) };
    },
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `${adapter}-`));
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push(`${url.pathname}${url.search}`);
      const body = route(url, fx);
      if (body === undefined) res.writeHead(404).end();
      else res.end(body);
    });
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    const running = server;
    if (running) await new Promise((resolve) => running.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return fx;
}
