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
const remotive = (JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/demo-sources/remotive.json'), 'utf8')) as { jobs: Record<string, unknown>[] }).jobs;

function job(id: number): Record<string, unknown> {
  const found = remotive.find((j) => j.id === id);
  if (!found) throw new Error(`fixture job ${id} is missing`);
  return found;
}

const staging = () => new Staging(join(fixture.dir, 'staging'));
/** The fixture's own source of the remotive payloads. */
const DEMO = 'demo-remotive';

/** Ingests remotive-shaped payloads as the given source, normalizes them and runs dedupe, as a pipeline run would. */
async function run(runId: string, items: { source: string; payload: Record<string, unknown> }[] = []): Promise<Record<string, number>> {
  await fixture.warehouse.withConnection(async (conn) => {
    for (const source of new Set(items.map((i) => i.source))) {
      if (source !== DEMO) await upsertSource(conn, { id: source, name: source, kind: 'json_api', adapter: 'remotive', url: `https://${source}.example/api`, enabled: true, timeoutMs: 5000, maxBytes: 1_000_000 });
      const rows = items.filter((i) => i.source === source).map((i) => ({ source_id: source, external_id: String(i.payload.id), content_hash: payloadHash(i.payload), payload: i.payload }));
      await insertRawPostings(conn, staging().writeNdjson(staging().pathFor(runId, 'ingest', source), rows).path, runId);
    }
  });
  await fixture.warehouse.transaction((conn) => runNormalize(conn, { runId, staging: staging(), skills: new SkillMatcher(loadTaxonomy()) }));
  return fixture.warehouse.transaction((conn) => runDedupe(conn, { runId, staging: staging() }));
}

async function membership(externalId: string): Promise<{ cluster_id: string; matched_by: string; members: number } | undefined> {
  const [row] = await fixture.warehouse.query<{ cluster_id: string; matched_by: string; members: number }>(
    `SELECT m.cluster_id, m.matched_by, (SELECT count(*) FROM cluster_members x WHERE x.cluster_id = m.cluster_id) AS members
     FROM cluster_members m JOIN postings p ON p.id = m.posting_id WHERE p.external_id = $1`,
    [externalId],
  );
  return row;
}

/** Every stored signature: posting id → when it was computed. */
async function signatures(): Promise<Map<string, string>> {
  const rows = await fixture.warehouse.query<{ posting_id: string; computed_at: string }>('SELECT posting_id, computed_at::VARCHAR AS computed_at FROM minhash_signatures');
  return new Map(rows.map((r) => [r.posting_id, r.computed_at]));
}

// What aggregators do: a new id and URL, a tracking line added, one sentence reworded.
const aggregatorCopy = {
  ...job(2052390),
  id: 'agg-77',
  url: 'https://jobs-aggregator.example/view/agg-77',
  description: `<p>Found via JobsAggregator.</p>${String(job(2052390).description).replace('We are', 'We’re')}`,
};

describe('the dedupe stage, run after run', () => {
  it('folds an edited copy from an aggregator into the existing job, through signatures stored before; the cluster keeps its id', async () => {
    const before = await membership('2052390');
    const signedBefore = await signatures();

    const counts = await run('run-2', [{ source: 'aggregator', payload: aggregatorCopy }]);

    // The copy was signed as it was normalized: dedupe signs nothing.
    expect(counts).toMatchObject({ postings: 1, newClusters: 0, nearDuplicates: 1, signaturesComputed: 0 });
    expect(await membership('agg-77')).toMatchObject({ cluster_id: before?.cluster_id, matched_by: 'near_duplicate' });
    const [cluster] = await fixture.warehouse.query<{ member_count: number }>('SELECT member_count FROM job_clusters WHERE id = $1', [before?.cluster_id ?? '']);
    expect(cluster?.member_count).toBe((before?.members ?? 0) + 1);
    expect(await fixture.warehouse.query('SELECT count(*) AS n FROM job_clusters')).toEqual([{ n: 21 }]);
    // The existing clusters were compared through their stored signatures, none computed again.
    const signedAfter = await signatures();
    expect(signedAfter.size).toBe(signedBefore.size + 1);
    for (const [posting, at] of signedBefore) expect(signedAfter.get(posting)).toBe(at);
  });

  it('signs nothing on a second run over the same postings, and a cross-post once, as it is normalized', async () => {
    const signedBefore = await signatures();
    // Every cluster of the first run compared by text has its signature stored.
    const [{ n } = { n: -1 }] = await fixture.warehouse.query<{ n: number }>(
      `SELECT count(*) AS n FROM job_clusters c WHERE NOT EXISTS (SELECT 1 FROM minhash_signatures s WHERE s.posting_id = c.canonical_posting_id)`,
    );
    expect(n).toBe(0);

    // The same payloads again, from the demo feed and the aggregator: nothing new to cluster or sign.
    expect(await run('run-3', [{ source: 'aggregator', payload: aggregatorCopy }, { source: DEMO, payload: job(2046731) }])).toMatchObject({ postings: 0, signaturesComputed: 0 });

    const crossPost = { ...job(2046731), id: 'other-board-5', url: 'https://other-board.example/jobs/5' };
    expect(await run('run-4', [{ source: 'otherboard', payload: crossPost }])).toMatchObject({ postings: 1, newClusters: 0, nearDuplicates: 0, signaturesComputed: 0 });
    expect((await membership('other-board-5'))?.cluster_id).toBe((await membership('2046731'))?.cluster_id);
    const signedAfter = await signatures();
    expect([...signedAfter.keys()].filter((posting) => !signedBefore.has(posting))).toHaveLength(1);
    for (const [posting, at] of signedBefore) expect(signedAfter.get(posting)).toBe(at);
  });

  it('signs a canonical posting again, once, after its text changed', async () => {
    const edited = { ...job(2055126), description: `${String(job(2055126).description)}<p>Atualização: vaga aberta também para Recife.</p>` };
    const newcomer = { ...job(2049963), id: 'solo-1', url: 'https://jobs-aggregator.example/view/solo-1', title: 'Geospatial Data Scientist', company_name: 'Mapa Vivo Ltda.', description: '<p>Modelos de imagens de satélite para o agronegócio, com Python e Google Earth Engine.</p>' };
    const signedBefore = await signatures();
    const canonical = (await fixture.warehouse.query<{ id: string }>(`SELECT id FROM postings WHERE source_id = $1 AND external_id = '2055126'`, [DEMO]))[0]?.id ?? '';
    expect(signedBefore.has(canonical)).toBe(true);

    const counts = await run('run-5', [{ source: DEMO, payload: edited }, { source: 'aggregator', payload: newcomer }]);

    // The new posting, and the canonical whose stored signature no longer matched its content, both signed as they were normalized.
    expect(counts).toMatchObject({ postings: 1, newClusters: 1, signaturesComputed: 0 });
    const signedAfter = await signatures();
    const changed = [...signedAfter].filter(([posting, at]) => signedBefore.get(posting) !== at).map(([posting]) => posting);
    expect(changed).toHaveLength(2);
    expect(changed).toContain(canonical);

    // A canonical stored without a signature (normalized before the normalize stage signed) is signed by dedupe, once.
    await fixture.warehouse.query('DELETE FROM minhash_signatures WHERE posting_id = $1', [canonical]);
    const next = (id: string, title: string) => ({ ...newcomer, id, url: `https://jobs-aggregator.example/view/${id}`, title, description: `<p>${title}: mapas de risco climático com QGIS e PostGIS.</p>` });
    expect(await run('run-6', [{ source: 'aggregator', payload: next('solo-2', 'Analista de Geoprocessamento') }])).toMatchObject({ postings: 1, signaturesComputed: 1 });
    expect((await signatures()).has(canonical)).toBe(true);
    expect(await run('run-7', [{ source: 'aggregator', payload: next('solo-3', 'Analista GIS') }])).toMatchObject({ postings: 1, signaturesComputed: 0 });
  });
});
