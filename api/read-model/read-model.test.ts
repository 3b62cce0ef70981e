import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { inferRouterInputs } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { SkillMatcher, loadTaxonomy } from '../../activities/normalize/skills.js';
import { createPipelineActivities } from '../../activities/pipeline-activities.js';
import { runMatcher } from '../../activities/score/run-matcher.js';
import { Staging } from '../../activities/staging.js';
import { PROJECT_ROOT } from '../../cli/config.js';
import { apiClient } from '../../cli/test-support/api-client.js';
import { acceptedContracts } from '../../warehouse/app.js';
import { searchJobs, type JobSearch } from '../../warehouse/job-queries.js';
import { activeModelVersion, listMatches } from '../../warehouse/ml.js';
import { queryTerms } from '../../warehouse/search-words.js';
import type { AppRouter } from '../router.js';
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

  it("shows each match with its own job's card after the index is read again in another order", async () => {
    const ana = await api.signedIn('cora@read-model.example');
    await ana.client.profile.update.mutate(profileInput({ skills: ['python', 'sql', 'aws'] }));
    await scoreStage('read-model-reorder');
    const q = { minScore: 0, limit: 30, offset: 0 };
    const before = await ana.client.matches.list.query(q);
    expect(before.length).toBeGreaterThan(5);
    // Every job's place in the index moves: the oldest become the newest.
    await api.warehouse.query('UPDATE search_docs SET first_seen_us = -first_seen_us');
    api.readModel?.jobsChanged();
    // Not warm(): it would read her scores again too, and the scores kept from before must serve.
    await api.readModel?.indexReady();
    const after = await ana.client.matches.list.query(q);
    expect(after).toEqual(JSON.parse(JSON.stringify(await fromWarehouse('cora@read-model.example', q))));
    expect(after.map((m) => [m.clusterId, m.title])).toEqual(before.map((m) => [m.clusterId, m.title]));
    await api.warehouse.query('UPDATE search_docs SET first_seen_us = -first_seen_us');
    api.readModel?.jobsChanged();
    await api.readModel?.warm();
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

type SearchInput = inferRouterInputs<AppRouter>['jobs']['search'];

/** Every page of a search through the API (the read model's index), and the same pages from the warehouse's searchJobs. */
async function bothWays(client: ReturnType<typeof apiClient>['client'], userId: string | null, input: SearchInput, search: Omit<JobSearch, 'viewer' | 'scoredFor' | 'limit' | 'after'>) {
  const viaApi: unknown[][] = [];
  for (let cursor: string | undefined, page = 0; page < 10; page++) {
    const answer = await client.jobs.search.query({ ...input, limit: 4, cursor });
    viaApi.push(answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  const direct: unknown[][] = await api.warehouse.withConnection(async (conn) => {
    const scoredFor = userId ? { userId, modelVersion: (await activeModelVersion(conn, 'matcher')).version } : null;
    const pages: unknown[][] = [];
    for (let after: JobSearch['after'] = null, page = 0; page < 10; page++) {
      const answer = await searchJobs(conn, { ...search, viewer: userId, scoredFor, limit: 4, after });
      pages.push(answer.items);
      if (!answer.next) break;
      after = answer.next;
    }
    return pages;
  });
  return { viaApi, direct: JSON.parse(JSON.stringify(direct)) as unknown[][] };
}

describe('jobs.search through the read model', () => {
  it('answers every page of every kind of search as the warehouse does, for strangers and for a signed-in user with scores', async () => {
    const eva = await api.signedIn('eva@read-model.example');
    await eva.client.profile.update.mutate(profileInput({ skills: ['python', 'sql'] }));
    await scoreStage('read-model-search');
    const evaId = await api.userId('eva@read-model.example');
    const anyone = apiClient(api.baseUrl).client;
    const cases: [SearchInput, Omit<JobSearch, 'viewer' | 'scoredFor' | 'limit' | 'after'>][] = [
      [{}, { latamOnly: true, sort: 'date' }],
      [{ remote: 'any' }, { latamOnly: false, sort: 'date' }],
      [{ remote: 'any', includeInactive: true }, { latamOnly: false, includeInactive: true, sort: 'date' }],
      [{ remote: 'any', skills: ['python'] }, { latamOnly: false, skills: ['python'], sort: 'date' }],
      [{ remote: 'any', seniority: ['senior', 'mid'], languages: ['en'] }, { latamOnly: false, seniority: ['senior', 'mid'], languages: ['en'], sort: 'date' }],
      [{ seniority: ['senior'] }, { latamOnly: true, seniority: ['senior'], sort: 'date' }],
      [{ remote: 'any', contractTypes: ['clt'], skills: ['sql'] }, { latamOnly: false, contractTypes: ['clt'], skills: ['sql'], sort: 'date' }],
      [{ remote: 'any', countries: ['BR'] }, { latamOnly: false, countries: ['BR'], sort: 'date' }],
      [{ remote: 'any', scopes: ['global', 'countries'] }, { latamOnly: false, scopes: ['global', 'countries'], sort: 'date' }],
      [{ remote: 'any', salaryFloor: { amount: 15_000, currency: 'BRL' } }, { latamOnly: false, salaryFloor: { column: 'brl', amount: 15_000 }, sort: 'date' }],
      [{ remote: 'any', sources: ['remoteok', 'no-such-source'] }, { latamOnly: false, sources: ['remoteok', 'no-such-source'], sort: 'date' }],
      [{ remote: 'any', q: 'data engin' }, { latamOnly: false, text: queryTerms('data engin'), sort: 'date' }],
      [{ remote: 'any', q: 'python ' }, { latamOnly: false, text: queryTerms('python '), sort: 'date' }],
    ];
    for (const [input, search] of cases) {
      const stranger = await bothWays(anyone, null, input, search);
      expect(stranger.viaApi, JSON.stringify(input)).toEqual(stranger.direct);
      const signedIn = await bothWays(eva.client, evaId, input, search);
      expect(signedIn.viaApi, JSON.stringify(input)).toEqual(signedIn.direct);
    }
    const byMatch = await bothWays(eva.client, evaId, { remote: 'any', sort: 'match' }, { latamOnly: false, sort: 'match' });
    expect(byMatch.viaApi.flat().length).toBeGreaterThan(4);
    expect(byMatch.viaApi).toEqual(byMatch.direct);
  });

  it("shows a job found only on someone's own source to them alone, once its visibility changed (as an operator's split changes it)", async () => {
    const [job] = await api.warehouse.query<{ id: string }>('SELECT cluster_id AS id FROM search_docs WHERE active AND latam_open ORDER BY first_seen_us DESC, cluster_id LIMIT 1');
    const owner = await api.signedIn('owner@read-model.example');
    const other = await api.signedIn('other@read-model.example');
    const ids = async (client: ReturnType<typeof apiClient>['client']) => (await client.jobs.search.query({ limit: 50 })).items.map((item) => item.clusterId);
    expect(await ids(other.client)).toContain(job?.id);

    await api.warehouse.query('UPDATE search_docs SET visible_to = [$1] WHERE cluster_id = $2', [await api.userId('owner@read-model.example'), String(job?.id)]);
    api.readModel?.jobsChanged();
    // At once, from the warehouse while the index is read again, and from the new index after.
    for (const ready of [false, true]) {
      if (ready) await api.readModel?.warm();
      expect(await ids(other.client)).not.toContain(job?.id);
      expect(await ids(apiClient(api.baseUrl).client)).not.toContain(job?.id);
      expect(await ids(owner.client)).toContain(job?.id);
    }
    await api.warehouse.query('UPDATE search_docs SET visible_to = NULL WHERE cluster_id = $1', [String(job?.id)]);
    api.readModel?.jobsChanged();
    await api.readModel?.warm();
  });
});
