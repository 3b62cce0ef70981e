import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../api/http-server.js';
import type { AppRouter } from '../api/router.js';
import { startApp, type App } from '../cli/app.js';
import { PROJECT_ROOT } from '../cli/config.js';
import { createLogger } from '../cli/logger.js';
import { runPipeline } from '../cli/run-pipeline.js';
import { apiClient } from '../cli/test-support/api-client.js';
import { childEnv, testConfig } from '../cli/test-support/test-config.js';
import type { ModelCard } from '../models/matcher/model-store.js';
import { hiddenGrades, hiddenNdcg, seededRandom, simulatedFeed, simulatedUsers, type ObservedJob, type SimulatedUser } from '../models/matcher/simulated-population.js';
import { setFeedback, upsertProfile } from '../warehouse/app.js';
import { changeStatus, insertApplication } from '../warehouse/applications.js';
import { upsertSource } from '../warehouse/core.js';
import { activeModelVersion, allMatchJobs, listMatches, listModelVersions } from '../warehouse/ml.js';
import { retrainMatcher } from './matcher-operations.js';
import { RETRAIN_SCHEDULE_ID, ensureRetrainSchedule } from './schedules.js';

// A seeded board of 240 jobs and 40 users in four groups, each user with hidden preferences: skills,
// the posting's language, eligibility, pay, freshness and a taste their group shares for some jobs.
const SEED = 7;
const JOBS = 240;
const NOW = new Date();
const ROUNDS = 3;

let app: App;
let board: Server;
let ana: Awaited<ReturnType<typeof signedIn>>;
let users: SimulatedUser[];
let jobs: ObservedJob[];
const grades = new Map<string, Map<string, number>>();
const judged = new Map<string, Set<string>>();

/** Every user's score of every job from one matcher version, as the warehouse holds them. */
async function scoresOf(version: string): Promise<Map<string, Map<string, number>>> {
  const rows = await app.warehouse.query<{ user_id: string; cluster_id: string; score: number }>(
    'SELECT user_id, cluster_id, score FROM matches WHERE model_version = $1',
    [version],
  );
  const scores = new Map<string, Map<string, number>>();
  for (const row of rows) scores.set(row.user_id, (scores.get(row.user_id) ?? new Map()).set(row.cluster_id, row.score));
  return scores;
}

/**
 * One round: each user looks at the top 12 of their match list (the active version's scores) and at
 * 6 other jobs, and acts as their hidden grade says — applies (and interviews, gets offers) for what
 * they love, saves what they like, dismisses what they dislike, through the app's own writes.
 */
async function feedbackRound(round: number): Promise<void> {
  const random = seededRandom(SEED * 100 + round);
  const active = await app.warehouse.withConnection((conn) => activeModelVersion(conn, 'matcher'));
  for (const user of users) {
    const userId = user.profile.userId;
    const seen = judged.get(userId) ?? new Set<string>();
    judged.set(userId, seen);
    const top = await app.warehouse.withConnection((conn) => listMatches(conn, { userId, modelVersion: active.version, minScore: 0, limit: 30, offset: 0 }));
    const shown = top.map((m) => m.clusterId).filter((id) => !seen.has(id)).slice(0, 12);
    const others = jobs.map((j) => j.clusterId).filter((id) => !seen.has(id) && !shown.includes(id));
    for (let k = 0; k < 6 && others.length; k += 1) shown.push(others.splice(Math.floor(random() * others.length), 1)[0] as string);
    for (const clusterId of shown) {
      seen.add(clusterId);
      const grade = grades.get(userId)?.get(clusterId) ?? 0;
      await app.warehouse.transaction(async (conn) => {
        if (grade === 0) return random() < 0.7 ? setFeedback(conn, userId, { clusterId, dismissed: true }) : undefined;
        if (grade === 1) return setFeedback(conn, userId, { clusterId, saved: true });
        const at = new Date().toISOString();
        const id = await insertApplication(conn, { userId, clusterId, status: 'applied', source: 'sim', matchScore: null, at, note: null });
        if (id && grade === 3) {
          await changeStatus(conn, { userId, id, from: 'applied', to: 'interview', at, note: null });
          await changeStatus(conn, { userId, id, from: 'interview', to: random() < 0.5 ? 'offer' : 'rejected', at, note: null });
        }
      });
    }
  }
}

async function signedIn(email: string) {
  const api = apiClient(app.httpUrl);
  api.state.csrfToken = (await api.client.auth.signUp.mutate({ email, password: 'a long enough passphrase', displayName: email })).csrfToken;
  return api;
}

async function apiError(call: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return { code: (error as TRPCClientError<AppRouter>).data?.code, message: (error as Error).message };
}

/**
 * `npm run cli -- …` as a separate process, against the app's Temporal server. Asynchronous:
 * this test process hosts the app's workers, which must keep running while the CLI waits on them.
 */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'cli/main.ts'), ...args],
      { cwd: PROJECT_ROOT, env: childEnv(app.config, { TEMPORAL_ADDRESS: app.temporalAddress }), encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  const feed = JSON.stringify(simulatedFeed(SEED, JOBS, NOW));
  board = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feed));
  const port = await listen(board, 0, '127.0.0.1');
  const config = await testConfig({ DEMO_SOURCES: 'off', SOURCE_ALLOWLIST: '127.0.0.1' });
  app = await startApp(config, createLogger({ level: 'warn', file: config.logFile, consoleLevel: 'error' }));
  users = simulatedUsers(SEED, 40);
  await app.warehouse.transaction(async (conn) => {
    await upsertSource(conn, { id: 'sim', name: 'Simulated board', kind: 'json_api', adapter: 'remotive', url: `http://127.0.0.1:${port}/feed.json`, enabled: true, timeoutMs: 10_000, maxBytes: 10 * 1024 * 1024, maxPages: 1, pageDelayMs: 0 });
    for (const user of users) await upsertProfile(conn, user.profile);
  });
  ana = await signedIn('ana@example.com');
  await ana.client.profile.update.mutate({
    country: 'BR',
    timezone: 'America/Sao_Paulo',
    yearsExperience: 4,
    seniority: 'mid',
    skills: ['python', 'sql', 'airflow', 'dbt'],
    salaryFloorUsdMonth: 4000,
    remoteScopes: ['global', 'latam', 'brazil'],
    languages: ['pt', 'en'],
  });
  await runPipeline(app.client, { trigger: 'manual' });

  const external = new Map(
    (await app.warehouse.query<{ id: string; external_id: string }>('SELECT c.id, p.external_id FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id')).map((r) => [r.id, r.external_id]),
  );
  jobs = (await app.warehouse.withConnection(allMatchJobs)).map((j) => ({ ...j, externalId: external.get(j.clusterId) ?? '' }));
  for (const user of users) grades.set(user.profile.userId, hiddenGrades(user, jobs, NOW));
});

afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => board?.close(resolve));
  if (app) rmSync(app.config.dataDir, { recursive: true, force: true });
});

describe('retrainMatcherWorkflow on a real Temporal dev server, DuckDB file and ONNX runtime', () => {
  let promoted = '';

  it('learns from rounds of simulated feedback and ranks what users want higher than v1 does (NDCG@10 of hidden preferences)', async () => {
    expect(jobs.length).toBeGreaterThan(JOBS * 0.9); // the normalizer read (nearly) every posting; dedupe kept them apart
    const statuses: string[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const started = Date.now();
      await feedbackRound(round);
      const result = await retrainMatcher(app.client, { trigger: 'manual' });
      console.log(`round ${round}: ${result.status} in ${((Date.now() - started) / 1000).toFixed(0)} s: ${result.reason}`);
      statuses.push(result.status);
      if (result.status === 'promoted') {
        expect(result.candidate?.metrics.ndcg10).toBeGreaterThan(result.active.metrics?.ndcg10 ?? 1);
        promoted = result.candidate?.version ?? '';
      }
    }
    expect(statuses[0]).toBe('promoted'); // the prior is easy to beat once feedback exists
    const active = await app.warehouse.withConnection((conn) => activeModelVersion(conn, 'matcher'));
    expect(active.version).toBe(promoted);

    const v1 = hiddenNdcg(await scoresOf('v1'), grades);
    const learned = hiddenNdcg(await scoresOf(active.version), grades);
    console.log(`hidden-preference NDCG@10 over ${jobs.length} jobs × ${users.length} users: v1 ${v1.toFixed(3)}, ${active.version} ${learned.toFixed(3)} (rounds: ${statuses.join(', ')})`);
    expect(learned).toBeGreaterThan(v1 + 0.05);

    // The version lives under data/models/<version>/ with a card naming its features, data hash and metrics.
    const [row] = (await app.warehouse.withConnection((conn) => listModelVersions(conn, 'matcher'))).filter((v) => v.version === active.version);
    expect(active.path).toBe(join(app.config.dataDir, 'models', active.version, 'model.onnx'));
    const card = JSON.parse(readFileSync(join(app.config.dataDir, 'models', active.version, 'card.json'), 'utf8')) as ModelCard;
    expect(existsSync(join(app.config.dataDir, 'models', active.version, 'skill-space.json'))).toBe(true);
    expect(card).toMatchObject({ version: active.version, sha256: active.sha256, trainingData: { kind: 'feedback', sha256: row?.trainingDataSha256 } });
    expect(row?.features).toEqual(card.features);
    expect(card.features).toEqual(expect.arrayContaining(['language', 'recency', 'collaborative']));
    expect(row?.metrics).toMatchObject({ ndcg10: card.metrics.ndcg10, auc: card.metrics.auc, baselineNdcg10: expect.any(Number) });
  }, 900_000); // three rounds, each a retraining and a rescoring of every pair

  it('serves matches from the active version, each score with components that explain it', async () => {
    // Ana signed up through the API before the first run; promotion rescored her with the new version.
    const matches = await ana.client.matches.list.query({ limit: 20 });
    const explanation = await ana.client.matches.explanation.query();
    expect(explanation.modelVersion).toBe(promoted);
    expect(matches.length).toBe(20);
    for (const m of matches) {
      expect(m.modelVersion).toBe(promoted);
      expect(Object.keys(m.components)).toEqual(explanation.features.map((f) => f.name));
      expect(Object.values(m.components).reduce((a, b) => a + b, 0)).toBeCloseTo(m.score, 5);
    }
    expect(explanation.features.find((f) => f.name === 'language')?.description).toMatch(/language/);
  }, 300_000);

  it('registers a deliberately worse candidate but does not promote it', async () => {
    const before = await app.warehouse.withConnection((conn) => activeModelVersion(conn, 'matcher'));
    const result = await retrainMatcher(app.client, { trigger: 'manual', features: ['salary'] });
    expect(result.status).toBe('kept');
    expect(result.candidate?.features).toEqual(['salary']);
    expect(result.candidate?.metrics.ndcg10).toBeLessThan(result.active.metrics?.ndcg10 ?? 0);
    expect(result.active.version).toBe(before.version);
    const versions = await app.warehouse.withConnection((conn) => listModelVersions(conn, 'matcher'));
    expect(versions.find((v) => v.version === result.candidate?.version)?.status).toBe('candidate');
    expect((await app.warehouse.withConnection((conn) => activeModelVersion(conn, 'matcher'))).version).toBe(before.version);
  }, 300_000);

  it('lets operators list, roll back and promote through the API and the CLI, each through Temporal', async () => {
    const ops = await signedIn('ops@example.com');
    const user = await signedIn('bia@example.com');
    // An operator is made from the CLI while the app runs, and is one at once in the session already open.
    expect((await apiError(() => ops.client.ops.modelVersions.query())).code).toBe('FORBIDDEN');
    expect(await cli('operators', 'add', 'Ops@Example.com')).toMatchObject({ status: 0, stdout: expect.stringContaining('ops@example.com is an operator') });
    expect((await cli('operators', 'list')).stdout).toContain('ops@example.com');
    expect(await cli('operators', 'add', 'nobody@example.com')).toMatchObject({ status: 1, stderr: expect.stringMatching(/no account has the e-mail nobody@example.com/) });
    expect((await cli('operators', 'add')).status).toBe(2);
    expect((await apiError(() => user.client.ops.rollbackModel.mutate())).code).toBe('FORBIDDEN');

    const listed = await ops.client.ops.modelVersions.query();
    const previous = (await app.warehouse.query<{ previous_version: string }>(`SELECT previous_version FROM model_activations WHERE version = $1 AND action = 'promote'`, [promoted]))[0]?.previous_version ?? '';
    expect(listed.find((v) => v.version === promoted)?.status).toBe('active');
    expect(listed.find((v) => v.version === 'v1')?.status).toBe('retired');

    // API: roll back to what the active version was promoted over; the match list follows at once.
    expect(await ops.client.ops.rollbackModel.mutate()).toMatchObject({ version: previous, previous: promoted });
    expect((await ops.client.matches.list.query({ limit: 5 })).every((m) => m.modelVersion === previous)).toBe(true);
    expect((await app.warehouse.withConnection((conn) => activeModelVersion(conn, 'matcher'))).version).toBe(previous);

    // CLI: promote it again, list, roll back again.
    const promote = await cli('models', 'promote', promoted);
    expect(promote.stderr).toBe('');
    expect(promote.stdout).toContain(`matcher ${promoted} is active (was ${previous})`);
    const list = await cli('models', 'list');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${promoted}.*active`));
    expect((await cli('models', 'rollback')).stdout).toContain(`rolled back to matcher ${previous} (was ${promoted})`);
    expect((await cli('models', 'promote')).status).toBe(2); // no version: usage, nothing started

    // API again: promote back; unknown versions and rolling back past v1 are refused with a reason.
    expect(await ops.client.ops.promoteModel.mutate({ version: promoted })).toMatchObject({ version: promoted, previous });
    expect((await apiError(() => ops.client.ops.promoteModel.mutate({ version: 'v999' }))).code).toBe('NOT_FOUND');
    while ((await app.warehouse.withConnection((conn) => activeModelVersion(conn, 'matcher'))).version !== 'v1') await ops.client.ops.rollbackModel.mutate();
    expect(await apiError(() => ops.client.ops.rollbackModel.mutate())).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/nothing to roll back to/) });
    expect(await cli('models', 'rollback')).toMatchObject({ status: 1, stderr: expect.stringMatching(/nothing to roll back to/) });

    // API: start a retraining run; it is a Temporal workflow like any other.
    const started = await ops.client.ops.retrainMatcher.mutate({ features: ['recency'] });
    const result = (await app.client.workflow.getHandle(started.workflowId, started.runId).result()) as { status: string; active: { version: string } };
    expect(result).toMatchObject({ active: { version: 'v1' } });

    expect((await cli('operators', 'remove', 'ops@example.com')).status).toBe(0);
    expect((await apiError(() => ops.client.ops.modelVersions.query())).code).toBe('FORBIDDEN');
  }, 600_000);

  it('keeps a weekly retraining schedule', async () => {
    expect(await ensureRetrainSchedule(app.client)).toBe('created');
    expect(await ensureRetrainSchedule(app.client)).toBe('updated');
    const schedule = await app.client.schedule.getHandle(RETRAIN_SCHEDULE_ID).describe();
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'retrainMatcherWorkflow' });
    expect(schedule.spec.timezone).toBe('America/Sao_Paulo');
  });
});
