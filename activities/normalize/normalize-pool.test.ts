import { afterAll, describe, expect, it } from 'vitest';
import { baseItems, syntheticPostings } from '../../bench/corpus.js';
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
});
