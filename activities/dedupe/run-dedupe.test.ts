import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import { insertRawPostings, upsertSource } from '../../warehouse/core.js';
import { payloadHash } from '../ingest/fetch-source.js';
import { runNormalize } from '../normalize/run-normalize.js';
import { SkillMatcher, loadTaxonomy } from '../normalize/skills.js';
import { Staging } from '../staging.js';
import { runDedupe } from './run-dedupe.js';

const fixture = useFixtureWarehouse();

describe('the dedupe stage, run after run', () => {
  it('folds an edited copy from an aggregator into the existing job; the cluster keeps its id', async () => {
    const original = (JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/demo-sources/remotive.json'), 'utf8')) as { jobs: Record<string, unknown>[] }).jobs.find(
      (j) => j.id === 2052390,
    );
    if (!original) throw new Error('fixture job 2052390 is missing');
    const [before] = await fixture.warehouse.query<{ cluster_id: string; members: number }>(
      `SELECT m.cluster_id, (SELECT count(*) FROM cluster_members x WHERE x.cluster_id = m.cluster_id) AS members
       FROM cluster_members m JOIN postings p ON p.id = m.posting_id WHERE p.external_id = '2052390'`,
    );
    // What aggregators do: a new id and URL, a tracking line added, one sentence reworded.
    const copy = {
      ...original,
      id: 'agg-77',
      url: 'https://jobs-aggregator.example/view/agg-77',
      description: `<p>Found via JobsAggregator.</p>${String(original.description).replace('We are', 'We’re')}`,
    };
    const staging = new Staging(join(fixture.dir, 'staging'));
    await fixture.warehouse.withConnection(async (conn) => {
      await upsertSource(conn, { id: 'aggregator', name: 'Aggregator', kind: 'json_api', adapter: 'remotive', url: 'https://jobs-aggregator.example/api', enabled: true, timeoutMs: 5000, maxBytes: 1_000_000 });
      const path = staging.writeNdjson(staging.pathFor('run-2', 'ingest', 'aggregator'), [
        { source_id: 'aggregator', external_id: 'agg-77', content_hash: payloadHash(copy), payload: copy },
      ]).path;
      await insertRawPostings(conn, path, 'run-2');
    });
    await fixture.warehouse.transaction((conn) => runNormalize(conn, { runId: 'run-2', staging, skills: new SkillMatcher(loadTaxonomy()) }));
    const counts = await fixture.warehouse.transaction((conn) => runDedupe(conn, { runId: 'run-2', staging }));

    expect(counts).toMatchObject({ postings: 1, newClusters: 0, nearDuplicates: 1 });
    const [after] = await fixture.warehouse.query<{ cluster_id: string; matched_by: string; score: number }>(
      `SELECT m.cluster_id, m.matched_by, m.score FROM cluster_members m JOIN postings p ON p.id = m.posting_id WHERE p.external_id = 'agg-77'`,
    );
    expect(after).toMatchObject({ cluster_id: before?.cluster_id, matched_by: 'near_duplicate' });
    const [cluster] = await fixture.warehouse.query<{ member_count: number }>('SELECT member_count FROM job_clusters WHERE id = $1', [before?.cluster_id ?? '']);
    expect(cluster?.member_count).toBe((before?.members ?? 0) + 1);
    expect(await fixture.warehouse.query('SELECT count(*) AS n FROM job_clusters')).toEqual([{ n: 21 }]);
  });
});
