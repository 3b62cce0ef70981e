import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, rawNdjson } from '../../bench/corpus.js';
import { PROJECT_ROOT } from '../../cli/config.js';
import { adapterFor } from '../ingest/adapters/index.js';
import { normalizeNdjson } from './normalize-ndjson.js';
import { NormalizePool } from './normalize-pool.js';
import { normalizePosting } from './normalize-posting.js';
import { postingRow } from './posting-row.js';
import { SkillMatcher, loadTaxonomy } from './skills.js';

const pool = new NormalizePool(2);
afterAll(() => pool.close());
const skills = new SkillMatcher(loadTaxonomy());
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const ndjson = (lines: unknown[]) => Buffer.from(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));

describe('NormalizePool', () => {
  it('gives exactly the rows of in-process normalization, in order, across chunks and threads', async () => {
    const raw = rawNdjson(generateCorpus(1_200, 7));
    const chunks = await pool.normalize(raw);
    // Chunks of about 1 MB: this page is cut in several, spread over both threads.
    expect(chunks.length).toBeGreaterThan(2);
    const inProcess = normalizeNdjson(raw, skills);
    expect(inProcess.count).toBe(1_200);
    expect(chunks.reduce((n, c) => n + c.count, 0)).toBe(1_200);
    expect(chunks.map((c) => text(c.rows)).join('')).toBe(text(inProcess.rows));
  });

  it('reads Remotive payloads in the worker thread as the adapter does, and reports the ones it cannot read by their keys', async () => {
    const items = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'fixtures/demo-sources/remotive.json'), 'utf8')) as { jobs: Record<string, unknown>[] }).jobs;
    const raw = items.map((payload, i) => ({ sourceId: 'remotive', externalId: String(i), rawContentHash: `h${i}`, adapter: 'remotive', payload }));
    const unreadable = [
      { sourceId: 'remotive', externalId: 'text', rawContentHash: 'h', adapter: 'remotive', payload: 'not an object' },
      { sourceId: 'remotive', externalId: 'unknown', rawContentHash: 'h', adapter: 'no-such-board', payload: {} },
    ];
    const [result, ...more] = await pool.normalize(ndjson([...raw, ...unreadable]));
    expect(more).toEqual([]);
    const expected = raw.map((r) => postingRow(normalizePosting(r.sourceId, r.externalId, adapterFor('remotive').extract(r.payload), skills), r.rawContentHash));
    expect(text(result?.rows ?? new Uint8Array())).toBe(expected.map((row) => `${JSON.stringify(row)}\n`).join(''));
    expect(result?.count).toBe(items.length);
    expect(result?.failures).toEqual([
      { sourceId: 'remotive', externalId: 'text', error: expect.any(String) },
      { sourceId: 'remotive', externalId: 'unknown', error: expect.stringMatching(/unknown source adapter "no-such-board"/) },
    ]);
  });
});
