import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoardServer, type BoardServer } from '../../../fixtures/custom-sources/board-server.js';
import type { Source } from '../../../warehouse/core.js';
import { PermanentError } from '../../errors.js';
import { Staging } from '../../staging.js';
import { fetchSource, payloadHash, type FetchProgress, type StagedRawPosting } from '../fetch-source.js';
import { BlockedAddressError } from '../network-policy.js';
import { sourceFields, rssConfigSchema } from './config.js';
import { trySourceConfig } from './fetch-custom-source.js';

let board: BoardServer;
let dir: string;

beforeAll(async () => {
  board = await startBoardServer({ token: 'unused' });
  dir = mkdtempSync(join(tmpdir(), 'vagas-custom-fetch-'));
});

afterAll(async () => {
  await board?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const allowBoard = () => ({ allowPrivate: false, allowList: [`127.0.0.1:${board.port}`] });

function rssSource(config: Record<string, unknown> = {}): Source {
  const parsed = rssConfigSchema.parse({ kind: 'rss', url: `${board.url}/feeds/vagas.rss`, mapping: { company_field: 'vaga:empresa' }, ...config });
  return { id: 'custom-feed', name: 'Feed', enabled: true, ...sourceFields(parsed), config: parsed };
}

describe('fetchSource on a custom source', () => {
  it('reads it with its configured reader and stages the items like any source', async () => {
    const progress: FetchProgress[] = [];
    const staged = await fetchSource(rssSource(), 'run-1', new Staging(dir), { policy: allowBoard(), onProgress: (p) => progress.push(p) });
    expect(staged).toMatchObject({ sourceId: 'custom-feed', items: 6, skipped: 1, pages: 1, complete: true, resumedAt: 0 });
    const rows = readFileSync(staged.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StagedRawPosting);
    expect(rows.map((r) => r.external_id)).toContain('vdl-1002');
    for (const row of rows) expect(row).toMatchObject({ source_id: 'custom-feed', content_hash: payloadHash(row.payload) });
    expect(rows.find((r) => r.external_id === 'vdl-1002')?.payload).toMatchObject({ title: 'Científico de Datos', company: 'Datos del Sur S.A.' });
    expect(progress.map((p) => p.pages)).toContain(1);
  });

  it('never trusts a user-defined URL: without a policy only public addresses are reachable', async () => {
    board.requests.length = 0;
    await expect(fetchSource(rssSource(), 'run-2', new Staging(dir))).rejects.toThrow(BlockedAddressError);
    expect(board.requests).toEqual([]);
  });

  it('refuses a stored configuration that is no longer valid, saying why', async () => {
    const source = { ...rssSource(), config: { kind: 'rss', url: 'ftp://vagas.example/feed' } };
    const error = await fetchSource(source, 'run-3', new Staging(dir), { policy: allowBoard() }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect(error?.message).toMatch(/^this source's configuration is not valid \(any more\): .*url/s);
  });
});

describe('trySourceConfig', () => {
  it('returns samples as the pipeline reads them, or the error as data', async () => {
    const trial = await trySourceConfig(rssConfigSchema.parse({ kind: 'rss', url: `${board.url}/feeds/vagas.rss` }), { policy: allowBoard(), samples: 2 });
    expect(trial).toMatchObject({ ok: true, error: null, items: 6, skipped: 1, filtered: 0 });
    expect(trial.samples.map((s) => s.externalId)).toEqual(['vdl-1001', 'vdl-1002']);

    const broken = await trySourceConfig(rssConfigSchema.parse({ kind: 'rss', url: `${board.url}/feeds/not-a-feed.rss` }), { policy: allowBoard(), samples: 2 });
    expect(broken).toMatchObject({ ok: false, items: 0, samples: [] });
    expect(broken.error).toMatch(/^not an RSS\/Atom feed/);
  });
});
