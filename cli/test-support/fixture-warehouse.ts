import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDedupe } from '../../activities/dedupe/run-dedupe.js';
import { fetchSource } from '../../activities/ingest/fetch-source.js';
import { LATAM_COUNTRIES } from '../../activities/normalize/geo.js';
import { runNormalize } from '../../activities/normalize/run-normalize.js';
import { SkillMatcher, loadTaxonomy } from '../../activities/normalize/skills.js';
import { Staging } from '../../activities/staging.js';
import { insertRawPostings, recordListings, sourceSchema } from '../../warehouse/core.js';
import { Warehouse } from '../../warehouse/db.js';
import { migrate } from '../../warehouse/migrate.js';
import { refreshSearchIndex } from '../../warehouse/search-index.js';
import { PROJECT_ROOT } from '../config.js';
import { demoSources, seedDefaults } from '../seed-defaults.js';
import { afterAll, beforeAll } from 'vitest';
import { startFaultServer, type FaultServer } from './fault-server.js';

/**
 * A warehouse holding the demo feeds after ingest → normalize → dedupe (and the search index), built by calling the stage
 * functions directly: the stages are plain functions, Temporal only orchestrates them.
 */
export async function fixtureWarehouse(faults: FaultServer): Promise<{ warehouse: Warehouse; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vagas-fixture-'));
  const warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
  await migrate(warehouse);
  const sources = demoSources(faults.url);
  await seedDefaults(warehouse, { projectRoot: PROJECT_ROOT, sources, demoProfile: true });
  const staging = new Staging(join(dir, 'staging'));
  const runId = 'fixture';
  for (const source of sources) {
    const staged = await fetchSource(sourceSchema.parse(source), runId, staging);
    await warehouse.withConnection(async (conn) => {
      await insertRawPostings(conn, staged.path, runId);
      await recordListings(conn, { stagedPath: staged.path, sourceId: source.id, complete: staged.complete });
    });
  }
  const skills = new SkillMatcher(loadTaxonomy());
  await warehouse.transaction((conn) => runNormalize(conn, { runId, staging, skills }));
  await warehouse.transaction(async (conn) => {
    await runDedupe(conn, { runId, staging });
    // As the dedupe activity does: the search read model (jobs.search, matches.list) follows the clusters.
    await refreshSearchIndex(conn, { latamCountries: LATAM_COUNTRIES });
  });
  if (readdirSync(dir).length === 0) throw new Error('fixture warehouse was not written');
  return { warehouse, dir };
}

/**
 * Registers beforeAll/afterAll that build a fixture warehouse (served by a fault server) and remove
 * it again; the returned object is filled in once beforeAll has run.
 */
export function useFixtureWarehouse(): { warehouse: Warehouse; dir: string; faults: FaultServer } {
  const state = {} as { warehouse: Warehouse; dir: string; faults: FaultServer };
  beforeAll(async () => {
    state.faults = await startFaultServer();
    Object.assign(state, await fixtureWarehouse(state.faults));
  });
  afterAll(async () => {
    state.warehouse?.close();
    await state.faults?.close();
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}
