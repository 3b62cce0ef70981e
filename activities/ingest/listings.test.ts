import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import { INACTIVE_AFTER_MISSED_RUNS, recordListings } from '../../warehouse/core.js';
import { listJobs } from '../../warehouse/job-queries.js';
import { Staging } from '../staging.js';

const fixture = useFixtureWarehouse();

describe('postings a board stops listing', () => {
  it('become inactive after missing from enough complete fetches, are kept, and come back when listed again', async () => {
    const staging = new Staging(join(fixture.dir, 'staging'));
    const listed = await fixture.warehouse.query<{ external_id: string }>(
      `SELECT external_id FROM source_listings WHERE source_id = 'demo-remotive' ORDER BY external_id`,
    );
    const [gone, ...still] = listed.map((l) => l.external_id);
    const fetchListing = (ids: string[], complete: boolean, run: string) =>
      fixture.warehouse.withConnection((conn) => {
        const path = staging.writeNdjson(staging.pathFor(run, 'ingest', 'demo-remotive'), ids.map((id) => ({ source_id: 'demo-remotive', external_id: id }))).path;
        return recordListings(conn, { stagedPath: path, sourceId: 'demo-remotive', complete });
      });
    const state = async () =>
      (await fixture.warehouse.query<{ missed_runs: number; active: boolean }>(
        `SELECT missed_runs, active FROM source_listings WHERE source_id = 'demo-remotive' AND external_id = $1`,
        [gone ?? ''],
      ))[0];
    const activeJobs = async () => (await fixture.warehouse.withConnection((conn) => listJobs(conn, { limit: 100, offset: 0 }))).length;
    const before = await activeJobs();

    // A fetch cut off by the page limit proves nothing about what is missing.
    await fetchListing(still, false, 'partial');
    expect(await state()).toEqual({ missed_runs: 0, active: true });
    for (let run = 1; run < INACTIVE_AFTER_MISSED_RUNS; run++) await fetchListing(still, true, `run-${run}`);
    expect(await state()).toEqual({ missed_runs: INACTIVE_AFTER_MISSED_RUNS - 1, active: true });
    await fetchListing(still, true, 'last');
    expect(await state()).toEqual({ missed_runs: INACTIVE_AFTER_MISSED_RUNS, active: false });

    expect(await activeJobs()).toBe(before - 1);
    const all = await fixture.warehouse.withConnection((conn) => listJobs(conn, { limit: 100, offset: 0, includeInactive: true }));
    expect(all).toHaveLength(before);
    expect(all.filter((j) => j.active === false)).toHaveLength(1);
    expect(await fixture.warehouse.query('SELECT count(*) AS n FROM postings')).toEqual([{ n: 24 }]);

    await fetchListing([gone ?? '', ...still], true, 'back');
    expect(await state()).toEqual({ missed_runs: 0, active: true });
    expect(await activeJobs()).toBe(before);
  });
});
