import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { SkillMatcher, loadTaxonomy } from '../../activities/normalize/skills.js';
import { createPipelineActivities } from '../../activities/pipeline-activities.js';
import { runMatcher } from '../../activities/score/run-matcher.js';
import { Staging } from '../../activities/staging.js';
import { PROJECT_ROOT } from '../../cli/config.js';
import { apiClient } from '../../cli/test-support/api-client.js';
import { acceptedContracts } from '../../warehouse/app.js';
import { activeModelVersion, listMatches } from '../../warehouse/ml.js';
import { errorCode, profileInput, usePipelineApi } from '../routers/pipeline-api-fixture.js';

// The API as the app serves it, through the read model: every write it must reflect shows at once.
const api = usePipelineApi({ readModel: true });

/** The score stage as the pipeline's activities run it, announcing "score finished" on the bus when its scores are committed. */
async function scoreStage(runId: string): Promise<void> {
  const staging = new Staging(join(api.dir, 'staging'));
  const activities = createPipelineActivities({ warehouse: api.warehouse, staging, skills: new SkillMatcher(loadTaxonomy()), snapshotPath: join(api.dir, 'snapshot.duckdb') });
  const run = { runId, workflowId: `pipeline-${runId}` };
  const env = new MockActivityEnvironment();
  const startedAt = new Date().toISOString();
  const batch: Awaited<ReturnType<typeof activities.prepareScoring>> = await env.run(activities.prepareScoring, run);
  const scored = await runMatcher({ runId, path: batch.path, model: batch.model }, { staging, projectRoot: PROJECT_ROOT });
  await env.run(activities.loadMatches, { ...run, path: scored.path, pairs: batch.pairs, startedAt });
}

/** What matches.list answers straight from the warehouse. */
async function fromWarehouse(email: string, q: { minScore: number; limit: number; offset: number }) {
  const userId = await api.userId(email);
  return api.warehouse.withConnection(async (conn) => {
    const model = await activeModelVersion(conn, 'matcher');
    return listMatches(conn, { userId, modelVersion: model.version, acceptedContracts: await acceptedContracts(conn, userId), ...q });
  });
}

describe('the read model in front of the warehouse', () => {
  it("answers matches.list as the warehouse does, and shows a new run's scores, a dismissal and a profile change at once", async () => {
    const ana = await api.signedIn('ana@read-model.example');
    await ana.client.profile.update.mutate(profileInput({ skills: ['python', 'sql', 'machine-learning'] }));
    // Read (and kept) before the profile is scored.
    expect(await ana.client.matches.list.query({})).toEqual([]);

    await scoreStage('read-model-1');
    const all = await ana.client.matches.list.query({ limit: 100 });
    expect(all.length).toBeGreaterThan(5);
    for (const q of [
      { minScore: 0, limit: 100, offset: 0 },
      { minScore: 0, limit: 3, offset: 2 },
      { minScore: Number(all[4]?.score), limit: 20, offset: 0 },
    ]) {
      expect(await ana.client.matches.list.query(q)).toEqual(JSON.parse(JSON.stringify(await fromWarehouse('ana@read-model.example', q))));
    }

    const [best] = all;
    await ana.client.feedback.set.mutate({ clusterId: String(best?.clusterId), dismissed: true });
    const afterDismissal = await ana.client.matches.list.query({ limit: 100 });
    expect(afterDismissal.map((m) => m.clusterId)).toEqual(all.slice(1).map((m) => m.clusterId));

    // Only contracts Ana accepts: jobs under another stated contract leave the list at once.
    await ana.client.profile.update.mutate(profileInput({ skills: ['python', 'sql', 'machine-learning'], contractTypes: ['internship'] }));
    const contracts = new Map((await api.warehouse.query<{ id: string; contract: string | null }>('SELECT cluster_id AS id, contract_type AS contract FROM search_docs')).map((r) => [r.id, r.contract]));
    const kept = afterDismissal.filter((m) => [null, 'internship'].includes(contracts.get(String(m.clusterId)) ?? null));
    expect(kept.length).toBeLessThan(afterDismissal.length);
    expect((await ana.client.matches.list.query({ limit: 100 })).map((m) => m.clusterId)).toEqual(kept.map((m) => m.clusterId));

    // A score stage run for someone else's new profile changes what Ana's list reads from too; hers stays the warehouse's answer.
    const bia = await api.signedIn('bia@read-model.example');
    await bia.client.profile.update.mutate(profileInput({ skills: ['sql', 'dbt', 'airflow'] }));
    expect(await bia.client.matches.list.query({})).toEqual([]);
    await scoreStage('read-model-2');
    expect((await bia.client.matches.list.query({ limit: 100 })).length).toBeGreaterThan(0);
    const q = { minScore: 0, limit: 100, offset: 0 };
    expect(await ana.client.matches.list.query(q)).toEqual(JSON.parse(JSON.stringify(await fromWarehouse('ana@read-model.example', q))));
  });

  it('refuses a logged-out session, and the other devices after a password change, at once; shows a new locale at once', async () => {
    const carla = await api.signedIn('carla@read-model.example');
    expect((await carla.client.auth.me.query())?.user.locale).toBe('pt-BR');
    await carla.client.auth.setLocale.mutate({ locale: 'es' });
    expect((await carla.client.auth.me.query())?.user.locale).toBe('es');

    const phone = apiClient(api.baseUrl);
    phone.state.csrfToken = (await phone.client.auth.logIn.mutate({ email: 'carla@read-model.example', password: 'a long enough passphrase' })).csrfToken;
    expect(await phone.client.matches.list.query({})).toEqual([]);
    await carla.client.auth.changePassword.mutate({ currentPassword: 'a long enough passphrase', newPassword: 'another long passphrase' });
    expect(await errorCode(() => phone.client.matches.list.query({}))).toBe('UNAUTHORIZED');
    expect(await phone.client.auth.me.query()).toBeNull();

    expect(await carla.client.matches.list.query({})).toEqual([]);
    await carla.client.auth.logOut.mutate();
    expect(await errorCode(() => carla.client.matches.list.query({}))).toBe('UNAUTHORIZED');
    expect(await carla.client.auth.me.query()).toBeNull();
  });
});
