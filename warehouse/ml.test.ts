import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareScoring } from '../activities/score/prepare-scoring.js';
import { runMatcher } from '../activities/score/run-matcher.js';
import { SCORE_FILE } from '../activities/score/score-profiles.js';
import { readStagedRows } from '../activities/score/staged-model.js';
import { Staging } from '../activities/staging.js';
import { PROJECT_ROOT } from '../cli/config.js';
import { useFixtureWarehouse } from '../cli/test-support/fixture-warehouse.js';
import { setFeedback, upsertProfile } from './app.js';
import { changeStatus, insertApplication } from './applications.js';
import { activateModelVersion, activeModelVersion, allFeedback, nextModelVersion, registerModelVersion, rollbackTarget, upsertMatches } from './ml.js';

// The demo feeds after ingest → normalize → dedupe (21 jobs), v1 registered, the demo profile.
const fixture = useFixtureWarehouse();
const DEMO_JOBS = 21;
let run = 0;

/** The score stage's first two steps as plain functions: the plan, and its scores staged (each profile's best `keep`). */
async function stageScores(opts: { version?: string; keep?: number } = {}) {
  const staging = new Staging(join(fixture.dir, 'staging'));
  const runId = `ml-test-${(run += 1)}`;
  const batch = await fixture.warehouse.withConnection((conn) => prepareScoring(conn, { runId, staging, version: opts.version }));
  const scored = await runMatcher({ runId, path: batch.path, model: batch.model }, { staging, projectRoot: PROJECT_ROOT, keep: opts.keep });
  const staged = readdirSync(dirname(scored.path))
    .filter((file) => SCORE_FILE.test(file))
    .sort()
    .flatMap((file) => readStagedRows<{ user_id: string; cluster_id: string; score: number }>(staging, join(dirname(scored.path), file)));
  return { batch, scored, staging, staged };
}

/** The score stage as plain functions; returns how many pairs it scored. */
async function score(version?: string, keep?: number): Promise<number> {
  const { batch, scored, staging } = await stageScores({ version, keep });
  await fixture.warehouse.withConnection((conn) => upsertMatches(conn, staging.check(scored.path), keep));
  if (keep === undefined) expect(scored.rows).toBe(batch.pairs);
  return batch.pairs;
}

const profile = {
  userId: 'bia',
  displayName: 'Bia',
  country: 'AR',
  timezone: 'America/Argentina/Buenos_Aires',
  yearsExperience: 2,
  seniority: 'junior' as const,
  skills: ['sql', 'power-bi'],
  salaryFloorUsdMonth: 2000,
  remoteScopes: ['latam' as const],
  languages: ['es'],
};

describe('incremental scoring', () => {
  it('scores new profiles × every active job, then only what changed', async () => {
    expect(await score()).toBe(DEMO_JOBS); // the demo profile, never scored
    expect(await score()).toBe(0);

    await fixture.warehouse.withConnection((conn) => upsertProfile(conn, profile));
    expect(await score()).toBe(DEMO_JOBS); // the new profile only
    await fixture.warehouse.withConnection((conn) => upsertProfile(conn, { ...profile, skills: ['sql', 'power-bi', 'python'] }));
    expect(await score()).toBe(DEMO_JOBS); // a changed profile is rescored against every job

    // A job that changed (a new member, a re-normalized posting) is rescored for every profile.
    await fixture.warehouse.query(`UPDATE job_clusters SET updated_at = now() WHERE id = (SELECT min(id) FROM job_clusters)`);
    expect(await score()).toBe(2);
    expect(await score()).toBe(0);
  });

  it('scores every pair for a version that has none, without touching the active version', async () => {
    expect(await score('v1')).toBe(0);
    await expect(score('v9')).rejects.toThrow(/matcher version v9 is not registered/);
  });
});

describe('best matches kept', () => {
  const KEEP = 5;
  const carla = { ...profile, userId: 'carla', displayName: 'Carla', skills: ['python', 'sql', 'airflow'] };
  const stored = () =>
    fixture.warehouse.query<{ clusterId: string; score: number; computedAt: string }>(
      `SELECT cluster_id AS "clusterId", score, computed_at::VARCHAR AS "computedAt" FROM matches
       WHERE user_id = 'carla' AND model_version = 'v1' ORDER BY score DESC, cluster_id`,
    );
  const carlas = (rows: { user_id: string; cluster_id: string; score: number }[]) =>
    rows.filter((r) => r.user_id === 'carla').sort((a, b) => b.score - a.score || a.cluster_id.localeCompare(b.cluster_id));
  const touch = (clusterId: string) => fixture.warehouse.query('UPDATE job_clusters SET updated_at = now() WHERE id = $1', [clusterId]);
  const list = (clusterId: string, active: boolean) =>
    fixture.warehouse.query(
      `UPDATE source_listings SET active = $2 WHERE (source_id, external_id) IN
         (SELECT p.source_id, p.external_id FROM cluster_members m JOIN postings p ON p.id = m.posting_id WHERE m.cluster_id = $1)`,
      [clusterId, active],
    );

  it("stores each profile's best, keeps the best of old and new, and ranks jobs no longer listed last", async () => {
    await fixture.warehouse.withConnection((conn) => upsertProfile(conn, carla));
    // Every pair of the plan, to know the ranking; then the same plan keeping five.
    const everyJob = carlas((await stageScores({ keep: DEMO_JOBS })).staged);
    expect(everyJob).toHaveLength(DEMO_JOBS);
    expect(await score(undefined, KEEP)).toBeGreaterThanOrEqual(DEMO_JOBS);
    const kept = await stored();
    expect(kept.map((r) => r.score)).toEqual(everyJob.slice(0, KEEP).map((r) => r.score));

    // A job below the best five changes: it is scored, does not get in, and the watermark still moves.
    const worst = everyJob[DEMO_JOBS - 1]?.cluster_id as string;
    await touch(worst);
    expect(await score(undefined, KEEP)).toBeGreaterThan(0);
    expect((await stored()).map((r) => r.clusterId)).toEqual(kept.map((r) => r.clusterId));
    expect(await score(undefined, KEEP)).toBe(0);

    // The best job leaves every source: the next job that changes takes its place, whatever its score.
    const best = kept[0]?.clusterId as string;
    await list(best, false);
    const next = everyJob[DEMO_JOBS - 2]?.cluster_id as string;
    await touch(next);
    await score(undefined, KEEP);
    const after = (await stored()).map((r) => r.clusterId);
    expect(after).toHaveLength(KEEP);
    expect(after).not.toContain(best);
    expect(after).toContain(next);
    await list(best, true);
  });

  it('replaces every stored row of a profile that changed with its new best', async () => {
    await fixture.warehouse.withConnection((conn) => upsertProfile(conn, { ...carla, skills: ['react', 'typescript'], seniority: 'senior' }));
    const { scored, staging, staged } = await stageScores({ keep: KEEP });
    await fixture.warehouse.withConnection((conn) => upsertMatches(conn, staging.check(scored.path), KEEP));
    const rows = await stored();
    expect(rows.map((r) => r.clusterId).sort()).toEqual(carlas(staged).map((r) => r.cluster_id).sort());
    expect(new Set(rows.map((r) => r.computedAt)).size).toBe(1);
  });
});

describe('model registry', () => {
  it('names versions in order, activates one at a time and rolls back along promotions', async () => {
    await fixture.warehouse.transaction(async (conn) => {
      expect(await nextModelVersion(conn, 'matcher')).toBe('v2');
      const v1 = await activeModelVersion(conn, 'matcher');
      for (const version of ['v2', 'v3']) await registerModelVersion(conn, { ...v1, version, status: 'candidate', metrics: {}, features: ['skills'], trainingDataSha256: 'f'.repeat(64) });
      expect(await nextModelVersion(conn, 'matcher')).toBe('v4');
      expect(await rollbackTarget(conn, 'matcher')).toBeNull(); // v1 was never promoted over anything

      expect(await activateModelVersion(conn, { name: 'matcher', version: 'v2', action: 'promote', reason: 't' })).toBe('v1');
      expect(await activateModelVersion(conn, { name: 'matcher', version: 'v3', action: 'promote', reason: 't' })).toBe('v2');
      expect(await rollbackTarget(conn, 'matcher')).toBe('v2');
      await activateModelVersion(conn, { name: 'matcher', version: 'v2', action: 'rollback', reason: 't' });
      expect(await rollbackTarget(conn, 'matcher')).toBe('v1'); // v2's promotion, not the rollback that brought it back
      const statuses = await conn.runAndReadAll(`SELECT version, status FROM model_versions ORDER BY version`);
      expect(statuses.getRows()).toEqual([['v1', 'retired'], ['v2', 'active'], ['v3', 'retired']]);
    });
  });
});

describe('training data', () => {
  it('joins feedback to the furthest stage each application reached', async () => {
    const at = new Date().toISOString();
    const [first, second, third] = (await fixture.warehouse.query<{ id: string }>('SELECT id FROM job_clusters ORDER BY id LIMIT 3')).map((r) => r.id);
    await fixture.warehouse.transaction(async (conn) => {
      const id = (await insertApplication(conn, { userId: 'bia', clusterId: String(first), status: 'applied', source: 'demo', matchScore: null, at, note: null })) ?? '';
      await changeStatus(conn, { userId: 'bia', id, from: 'applied', to: 'interview', at, note: null });
      await changeStatus(conn, { userId: 'bia', id, from: 'interview', to: 'rejected', at, note: null });
      await setFeedback(conn, 'bia', { clusterId: String(first), saved: true });
      await insertApplication(conn, { userId: 'bia', clusterId: String(second), status: 'ghosted', source: 'demo', matchScore: null, at, note: null });
      await setFeedback(conn, 'bia', { clusterId: String(third), dismissed: true, rating: 1 });
    });
    const rows = await fixture.warehouse.withConnection(allFeedback);
    expect(rows.map(({ atMs, ...row }) => (expect(atMs).toBeGreaterThan(0), row))).toEqual([
      { userId: 'bia', clusterId: first, saved: true, dismissed: false, rating: null, outcome: 'interview' },
      { userId: 'bia', clusterId: second, saved: false, dismissed: false, rating: null, outcome: 'applied' },
      { userId: 'bia', clusterId: third, saved: false, dismissed: true, rating: 1, outcome: null },
    ]);
  });
});
