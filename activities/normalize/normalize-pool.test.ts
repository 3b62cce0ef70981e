import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseItems, syntheticPostings } from '../../bench/corpus.js';
import { PROJECT_ROOT } from '../../cli/config.js';
import { adapterFor } from '../ingest/adapters/index.js';
import { NormalizePool } from './normalize-pool.js';
import { normalizeToLine, type NormalizeJob } from './posting-row.js';
import { SkillMatcher, loadTaxonomy } from './skills.js';

const pool = new NormalizePool(2);
afterAll(() => pool.close());

describe('NormalizePool', () => {
  it('gives exactly the rows of in-process normalization, in order, across chunks and threads', async () => {
    const jobs: NormalizeJob[] = [...syntheticPostings(await baseItems(), 1_200, 7)].map((extracted, i) => ({
      sourceId: 'bench',
      externalId: String(i),
      rawContentHash: `h${i}`,
      extracted,
    }));
    const skills = new SkillMatcher(loadTaxonomy());
    const parallel = await pool.normalize(jobs);
    expect(parallel).toHaveLength(jobs.length);
    expect(parallel).toEqual(jobs.map((job) => normalizeToLine(job, skills)));
  });

  it('reports a posting it cannot normalize as an error, not a crash', async () => {
    const [job] = [...syntheticPostings(await baseItems(), 1)];
    const broken = { sourceId: 's', externalId: 'x', rawContentHash: 'h', extracted: { ...job, title: 42 } } as unknown as NormalizeJob;
    const [result] = await pool.normalize([broken]);
    expect(result).toHaveProperty('error');
  });

  it('reads raw payloads in the worker thread as the stage sends them, and reports one it cannot read', async () => {
    const items = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'fixtures/demo-sources/remotive.json'), 'utf8')) as { jobs: Record<string, unknown>[] }).jobs;
    const raw: NormalizeJob[] = items.map((item, i) => ({ sourceId: 'remotive', externalId: String(i), rawContentHash: `h${i}`, adapter: 'remotive', payload: JSON.stringify(item) }));
    const unreadable: NormalizeJob[] = [
      { sourceId: 'remotive', externalId: 'cut', rawContentHash: 'h', adapter: 'remotive', payload: '{"id": 1, "title": "Data Eng' },
      { sourceId: 'remotive', externalId: 'unknown', rawContentHash: 'h', adapter: 'no-such-board', payload: '{}' },
    ];
    const results = await pool.normalize([...raw, ...unreadable]);
    const skills = new SkillMatcher(loadTaxonomy());
    const extracted = items.map((item, i) => ({ ...raw[i], extracted: adapterFor('remotive').extract(item) }) as NormalizeJob);
    expect(results.slice(0, raw.length)).toEqual(extracted.map((job) => normalizeToLine(job, skills)));
    expect(results.slice(0, raw.length).every((r) => 'line' in r)).toBe(true);
    expect(results.slice(raw.length)).toEqual([{ error: expect.stringMatching(/JSON/) }, { error: expect.stringMatching(/unknown source adapter "no-such-board"/) }]);
  });
});
