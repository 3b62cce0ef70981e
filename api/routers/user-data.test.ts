import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDedupe } from '../../activities/dedupe/run-dedupe.js';
import { prepareScoring } from '../../activities/score/prepare-scoring.js';
import { runMatcher } from '../../activities/score/run-matcher.js';
import { Staging } from '../../activities/staging.js';
import { defaultFxTable } from '../../activities/normalize/fx.js';
import { PROJECT_ROOT } from '../../cli/config.js';
import { apiClient } from '../../cli/test-support/api-client.js';
import { startFaultServer, type FaultServer } from '../../cli/test-support/fault-server.js';
import { fixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import type { Warehouse } from '../../warehouse/db.js';
import { upsertMatches } from '../../warehouse/ml.js';
import { createHttpServer, listen } from '../http-server.js';
import type { AppRouter } from '../router.js';
import { makeOperator } from '../../cli/test-support/operators.js';

let faults: FaultServer;
let warehouse: Warehouse;
let dir: string;
let server: Server;
let baseUrl: string;

async function signedIn(email: string) {
  const api = apiClient(baseUrl);
  api.state.csrfToken = (await api.client.auth.signUp.mutate({ email, password: 'a long enough passphrase', displayName: email })).csrfToken;
  return api;
}

async function code(call: () => Promise<unknown>): Promise<string | undefined> {
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return (error as TRPCClientError<AppRouter>).data?.code;
}

/** The score stage, called as plain functions: features → ONNX → matches. */
async function score(): Promise<void> {
  const staging = new Staging(join(dir, 'staging'));
  const batch = await warehouse.withConnection((conn) => prepareScoring(conn, { runId: 'api-test', staging }));
  const scored = await runMatcher({ runId: 'api-test', path: batch.path, model: batch.model }, { staging, projectRoot: PROJECT_ROOT });
  await warehouse.withConnection((conn) => upsertMatches(conn, scored.path));
}

beforeAll(async () => {
  faults = await startFaultServer();
  ({ warehouse, dir } = await fixtureWarehouse(faults));
  server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse, publicUrl: 'http://127.0.0.1' });
  baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  warehouse?.close();
  await faults?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('profile and matches: each user sees only their own', () => {
  it('scores a new profile and lists its matches best first, with components', async () => {
    const ana = await signedIn('ana@example.com');
    const bruno = await signedIn('bruno@example.com');
    expect(await ana.client.profile.get.query()).toBeNull();
    const profile = await ana.client.profile.update.mutate({
      country: 'BR',
      timezone: 'America/Sao_Paulo',
      yearsExperience: 4,
      seniority: 'mid',
      skills: ['python', 'sql', 'machine-learning', 'airflow'],
      salaryFloorUsdMonth: 3000,
      remoteScopes: ['global', 'latam', 'brazil'],
      languages: ['pt', 'en'],
    });
    expect(profile).toMatchObject({ country: 'BR', displayName: 'ana@example.com' });
    await score();

    const matches = await ana.client.matches.list.query({ limit: 100 });
    expect(matches).toHaveLength(21);
    const scores = matches.map((m) => Number(m.score));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const m of matches) {
      const components = m.components as Record<string, number>;
      expect(Object.values(components).reduce((a, b) => a + b, 0)).toBeCloseTo(Number(m.score), 5);
    }
    // A "USA only" job can never be a location fit for someone in Brazil.
    const usOnly = (await ana.client.jobs.list.query({ scope: 'countries', limit: 100 })).find((j) => String(j.location).includes('USA'));
    const usMatch = matches.find((m) => m.clusterId === usOnly?.clusterId);
    expect((usMatch?.components as Record<string, number>).location).toBe(0);

    // Feedback: dismissed jobs leave the match list; saved and rated ones are listed back; all of it is Ana's alone.
    const [best, second] = matches;
    await ana.client.feedback.set.mutate({ clusterId: String(best?.clusterId), dismissed: true });
    await ana.client.feedback.set.mutate({ clusterId: String(second?.clusterId), saved: true, rating: 5 });
    await ana.client.feedback.set.mutate({ clusterId: String(second?.clusterId), rating: 4 });
    expect((await ana.client.matches.list.query({ limit: 100 })).map((m) => m.clusterId)).not.toContain(best?.clusterId);
    expect(await ana.client.feedback.list.query({ saved: true })).toEqual([{ clusterId: second?.clusterId, saved: true, dismissed: false, rating: 4 }]);
    expect(await code(() => ana.client.feedback.set.mutate({ clusterId: String(second?.clusterId) }))).toBe('BAD_REQUEST');
    expect(await code(() => ana.client.feedback.set.mutate({ clusterId: String(second?.clusterId), rating: 9 }))).toBe('BAD_REQUEST');

    expect(await bruno.client.profile.get.query()).toBeNull();
    expect(await bruno.client.matches.list.query({})).toEqual([]);
    expect(await bruno.client.feedback.list.query({})).toEqual([]);
    expect(await code(() => apiClient(baseUrl).client.matches.list.query({}))).toBe('UNAUTHORIZED');
  });

  it('keeps the preferences a job seeker states: a CLT floor in reais, the contracts they accept, target roles, the e-mail language', async () => {
    const dani = await signedIn('dani@example.com');
    const base = { country: 'BR', timezone: 'America/Sao_Paulo', yearsExperience: 4, seniority: 'mid' as const, skills: ['python', 'sql'], salaryFloorUsdMonth: null, remoteScopes: ['global' as const, 'latam' as const], languages: ['pt'] };
    await dani.client.profile.update.mutate(base);
    await score();
    const contracts = new Map((await warehouse.query<{ id: string; contract: string | null }>('SELECT cluster_id AS id, contract_type AS contract FROM search_docs')).map((r) => [r.id, r.contract]));
    const before = await dani.client.matches.list.query({ limit: 100 });
    const otherContracts = before.filter((m) => { const c = contracts.get(String(m.clusterId)); return c !== null && c !== 'pj'; });
    expect(otherContracts.length).toBeGreaterThan(0);

    const profile = await dani.client.profile.update.mutate({ ...base, salaryFloor: { amount: 10_000, currency: 'BRL', contract: 'clt' }, contractTypes: ['pj'], targetRoles: ['cientista de dados', ' ML engineer ', ''] });
    // A CLT month counts 13.33 salaries and 8 % FGTS over twelve months, in dollars at the shipped table.
    const usd = (10_000 / defaultFxTable().rates.BRL) * defaultFxTable().rates.USD;
    expect(profile?.salaryFloor).toEqual({ amount: 10_000, currency: 'BRL', contract: 'clt' });
    expect(profile?.salaryFloorUsdMonth).toBeCloseTo((usd * (13 + 1 / 3) * 1.08) / 12, 6);
    expect(profile).toMatchObject({ contractTypes: ['pj'], targetRoles: ['cientista de dados', 'ML engineer'] });

    const after = await dani.client.matches.list.query({ limit: 100 });
    expect(after.length).toBe(before.length - otherContracts.length);
    expect(after.map((m) => m.clusterId)).not.toEqual(expect.arrayContaining(otherContracts.map((m) => m.clusterId)));

    // Only the floor changed as far as the matcher goes: an edit of the roles alone does not queue a rescore.
    const [{ updated } = { updated: '' }] = await warehouse.query<{ updated: string }>(`SELECT updated_at::VARCHAR AS updated FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.email = 'dani@example.com'`);
    await dani.client.profile.update.mutate({ ...base, salaryFloor: { amount: 10_000, currency: 'BRL', contract: 'clt' }, contractTypes: ['pj'], targetRoles: ['data engineer'] });
    const [again] = await warehouse.query<{ updated: string; roles: string[] }>(`SELECT updated_at::VARCHAR AS updated, target_roles AS roles FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.email = 'dani@example.com'`);
    expect(again).toEqual({ updated, roles: ['data engineer'] });

    expect(await dani.client.auth.setLocale.mutate({ locale: 'es' })).toEqual({ locale: 'es' });
    expect((await dani.client.auth.me.query())?.user.locale).toBe('es');
    expect(await code(() => dani.client.auth.setLocale.mutate({ locale: 'fr' as 'es' }))).toBe('BAD_REQUEST');
  });

  it('keeps operator views to admins', async () => {
    const carla = await signedIn('carla@example.com');
    expect(await code(() => carla.client.sources.list.query())).toBe('FORBIDDEN');
    expect(await code(() => carla.client.ops.runs.query({}))).toBe('FORBIDDEN');
    await makeOperator(warehouse, 'carla@example.com');
    const sources = await carla.client.sources.list.query();
    expect(sources.map((s) => s.id)).toEqual(['demo-remotive', 'demo-wwr']);
    expect(await carla.client.ops.runs.query({})).toEqual([]);
  });

  it('lets an operator split a wrong merge; the card keeps its id and the split stays through later runs', async () => {
    const admin = await signedIn('ops@example.com');
    await makeOperator(warehouse, 'ops@example.com');
    const merged = (await admin.client.jobs.list.query({ limit: 100 })).find((j) => Number(j.sources) === 2);
    const job = await admin.client.jobs.get.query({ clusterId: String(merged?.clusterId) });
    const [first, second] = job.members as { sourceId: string }[];
    const [moving] = await warehouse.query<{ id: string }>(
      `SELECT p.id FROM cluster_members m JOIN postings p ON p.id = m.posting_id WHERE m.cluster_id = $1 AND m.matched_by <> 'first'`,
      [String(merged?.clusterId)],
    );
    expect(await code(() => apiClient(baseUrl).client.ops.splitCluster.mutate({ postingId: String(moving?.id) }))).toBe('UNAUTHORIZED');

    const moved = await admin.client.ops.splitCluster.mutate({ postingId: String(moving?.id) });
    expect(moved.from).toBe(merged?.clusterId);
    const kept = await admin.client.jobs.get.query({ clusterId: moved.from });
    const split = await admin.client.jobs.get.query({ clusterId: moved.to });
    expect(kept.title).toBe(job.title);
    expect((kept.members as unknown[]).length + (split.members as unknown[]).length).toBe(2);
    expect([first?.sourceId, second?.sourceId]).toContain((split.members as { sourceId: string }[])[0]?.sourceId);
    expect(await code(() => admin.client.ops.splitCluster.mutate({ postingId: String(moving?.id) }))).toBe('BAD_REQUEST');

    const staging = new Staging(join(dir, 'staging'));
    await warehouse.transaction((conn) => runDedupe(conn, { runId: 'after-split', staging }));
    expect(await warehouse.query('SELECT cluster_id FROM cluster_members WHERE posting_id = $1', [String(moving?.id)])).toEqual([{ cluster_id: moved.to }]);

    // The founding posting of a merged job can be split out too: the job keeps its id with the
    // postings left behind, and the founder leaves to a new job of its own.
    const [founder] = await warehouse.query<{ id: string; cluster: string }>(
      `SELECT m.posting_id AS id, m.cluster_id AS cluster FROM cluster_members m
       WHERE m.matched_by = 'first' AND m.cluster_id IN (SELECT cluster_id FROM cluster_members GROUP BY cluster_id HAVING count(*) > 1)
       ORDER BY m.cluster_id LIMIT 1`,
    );
    const out = await admin.client.ops.splitCluster.mutate({ postingId: String(founder?.id) });
    expect(out.from).toBe(founder?.cluster);
    expect(out.to).toMatch(/^job_[0-9a-f]{24}$/);
    expect(out.to).not.toBe(out.from);
    expect(await warehouse.query('SELECT cluster_id FROM cluster_members WHERE posting_id = $1', [String(founder?.id)])).toEqual([{ cluster_id: out.to }]);
    expect((await admin.client.jobs.get.query({ clusterId: out.from })).members.length).toBeGreaterThan(0);
    expect((await admin.client.jobs.get.query({ clusterId: out.to })).members).toHaveLength(1);
  });
});
