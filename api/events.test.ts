import { get, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkillMatcher, loadTaxonomy } from '../activities/normalize/skills.js';
import { createPipelineActivities } from '../activities/pipeline-activities.js';
import { pipelineEvents, type PipelineEvent } from '../activities/pipeline-events.js';
import { Staging } from '../activities/staging.js';
import { eventStreams, type EventStreams } from './events.js';
import { createHttpServer, listen } from './http-server.js';
import { profileInput, usePipelineApi } from './routers/pipeline-api-fixture.js';
import { makeOperator } from '../cli/test-support/operators.js';

// The API of the fixture serves sign-ups; this server, over the same warehouse, serves /events.
const app = usePipelineApi();
let server: Server;
let streams: EventStreams;
let baseUrl: string;

beforeAll(async () => {
  streams = eventStreams({ warehouse: app.warehouse, heartbeatMs: 150, maxPerUser: 2 });
  server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse: app.warehouse, publicUrl: 'http://127.0.0.1', events: streams });
  baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});

afterAll(async () => {
  streams?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
});

async function signedIn(email: string, role: 'user' | 'admin' = 'user') {
  const api = await app.signedIn(email);
  if (role === 'admin') await makeOperator(app.warehouse, email);
  return api;
}

interface Received {
  event: string;
  data: Record<string, unknown>;
}

/** GET /events as a browser's EventSource would, with every event and comment it received. */
function openStream(cookie: string) {
  const events: Received[] = [];
  let comments = 0;
  let response: IncomingMessage | undefined;
  const req = get(`${baseUrl}/events`, { headers: cookie ? { cookie } : {} });
  const answered = new Promise<{ status: number; body: string }>((resolve) => {
    req.on('response', (res) => {
      response = res;
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) comments += 1;
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) events.push({ event: name, data: JSON.parse(data) as Record<string, unknown> });
        }
      });
      if (res.statusCode === 200) resolve({ status: 200, body: '' });
      else res.on('end', () => resolve({ status: res.statusCode ?? 0, body: buffer }));
    });
  });
  const ended = new Promise<void>((resolve) => req.on('response', (res) => res.on('close', () => resolve())));
  req.on('error', () => undefined);
  return {
    events,
    answered,
    ended,
    comments: () => comments,
    contentType: () => response?.headers['content-type'],
    async waitFor(match: (e: Received) => boolean, ms = 10_000): Promise<Received> {
      const until = Date.now() + ms;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => req.destroy(),
  };
}

const until = async (what: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('GET /events', () => {
  it('refuses callers without a live session', async () => {
    expect((await openStream('').answered).status).toBe(401);
    expect(await openStream('sid=not-a-session').answered).toMatchObject({ status: 401, body: JSON.stringify({ error: 'log in first' }) });
  });

  it('streams pipeline progress with keep-alive comments; failures in detail to operators only', async () => {
    const ana = await signedIn('ana@example.com');
    const ops = await signedIn('ops@example.com', 'admin');
    const anaStream = openStream(ana.state.cookie);
    const opsStream = openStream(ops.state.cookie);
    expect((await anaStream.answered).status).toBe(200);
    expect(anaStream.contentType()).toBe('text/event-stream; charset=utf-8');
    await anaStream.waitFor((e) => e.event === 'ready');
    await opsStream.waitFor((e) => e.event === 'ready');
    await until(() => anaStream.comments() >= 2);

    const bus = pipelineEvents(app.warehouse);
    bus.publish({ type: 'stage', runId: 'r1', workflowId: 'w1', stage: 'normalize', state: 'finished', counts: { normalized: 3 } });
    bus.publish({ type: 'source', runId: 'r1', workflowId: 'w1', sourceId: 'demo-wwr', ok: false, items: 0, newItems: 0, error: 'HTTP 500 from the feed' });
    const progress = await anaStream.waitFor((e) => e.event === 'pipeline');
    expect(progress.data).toMatchObject({ runId: 'r1', stage: 'normalize', state: 'finished', counts: { normalized: 3 } });
    expect((await anaStream.waitFor((e) => e.event === 'source')).data).not.toHaveProperty('error');
    expect((await opsStream.waitFor((e) => e.event === 'source')).data).toMatchObject({ sourceId: 'demo-wwr', error: 'HTTP 500 from the feed' });
    anaStream.close();
    opsStream.close();
    await until(() => streams.open() === 0);
  });

  it('bounds the streams per user and forgets closed ones', async () => {
    const carla = await signedIn('carla@example.com');
    const first = openStream(carla.state.cookie);
    const second = openStream(carla.state.cookie);
    expect((await first.answered).status).toBe(200);
    expect((await second.answered).status).toBe(200);
    expect(await openStream(carla.state.cookie).answered).toMatchObject({ status: 429 });
    expect(streams.open(await userId('carla@example.com'))).toBe(2);
    first.close();
    await until(() => streams.open() === 1);
    const third = openStream(carla.state.cookie);
    expect((await third.answered).status).toBe(200);
    second.close();
    third.close();
    await until(() => streams.open() === 0);
  });

  it('ends a stream when its session ends', async () => {
    const dora = await signedIn('dora@example.com');
    const stream = openStream(dora.state.cookie);
    await stream.waitFor((e) => e.event === 'ready');
    await dora.client.auth.logOut.mutate();
    await stream.ended;
    expect(streams.open()).toBe(0);
  });

  it("ends a user's streams when their role changed, and no one hears of it", async () => {
    const gil = await signedIn('gil@example.com');
    const other = openStream((await signedIn('hana@example.com')).state.cookie);
    const stream = openStream(gil.state.cookie);
    await stream.waitFor((e) => e.event === 'ready');
    await other.waitFor((e) => e.event === 'ready');
    const heard = other.events.length;
    pipelineEvents(app.warehouse).publish({ type: 'account', userId: await userId('gil@example.com') });
    await stream.ended;
    expect(streams.open()).toBe(1);
    expect(other.events.length).toBe(heard);
    other.close();
    await other.ended;
  });

  it("pushes each user's new high matches after the score stage, and only theirs", async () => {
    const eva = await signedIn('eva@example.com');
    const fabio = await signedIn('fabio@example.com');
    await eva.client.profile.update.mutate(profileInput({ yearsExperience: 5, seniority: 'senior', skills: ['python', 'sql', 'machine-learning', 'airflow', 'aws'], salaryFloorUsdMonth: 2000 }));
    await eva.client.notifications.setPreferences.mutate({ emailDigest: false, matchAlerts: false, alertThreshold: 0.5 });
    await app.score();
    const high = (await eva.client.matches.list.query({ limit: 100, minScore: 0.5 })).map((m) => m.clusterId);
    expect(high.length).toBeGreaterThan(0);

    const evaStream = openStream(eva.state.cookie);
    const fabioStream = openStream(fabio.state.cookie);
    await evaStream.waitFor((e) => e.event === 'ready');
    await fabioStream.waitFor((e) => e.event === 'ready');
    // The fixture's jobs were all first clustered by its run, "fixture": every one is new in it.
    pipelineEvents(app.warehouse).publish({ type: 'stage', runId: 'fixture', workflowId: 'w', stage: 'score', state: 'finished', counts: {} });
    const pushed = await evaStream.waitFor((e) => e.event === 'matches');
    const matches = pushed.data.matches as { clusterId: string; score: number }[];
    expect(matches.map((m) => m.clusterId)).toEqual(high.slice(0, 10));
    await fabioStream.waitFor((e) => e.event === 'pipeline' && e.data.stage === 'score');
    expect(fabioStream.events.filter((e) => e.event === 'matches')).toEqual([]);
    evaStream.close();
    fabioStream.close();
  });
});

async function userId(email: string): Promise<string> {
  const [row] = await app.warehouse.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  return String(row?.id);
}

describe('pipeline activities publish their progress', () => {
  it('announces a stage starting and finishing with its counts, and records and announces a failed attempt', async () => {
    const staging = new Staging(join(app.dir, 'staging'));
    const activities = createPipelineActivities({ warehouse: app.warehouse, staging, skills: new SkillMatcher(loadTaxonomy()), snapshotPath: join(app.dir, 'snapshot.duckdb') });
    const seen: PipelineEvent[] = [];
    const unsubscribe = pipelineEvents(app.warehouse).subscribe((e) => seen.push(e));
    const run = { runId: 'activity-run', workflowId: 'pipeline-test' };
    const env = new MockActivityEnvironment();
    const counts = await env.run(activities.dedupe, run);
    // Dedupe also refreshes the search index in its transaction.
    expect(counts).toMatchObject({ postings: 0, indexedDocs: 0, activityChanged: 0 });
    expect(seen.map((e) => (e.type === 'stage' ? `${e.stage}:${e.state}` : e.type))).toEqual(['dedupe:started', 'dedupe:finished']);
    expect(seen[1]).toMatchObject({ runId: 'activity-run', workflowId: 'pipeline-test', counts });

    seen.length = 0;
    await app.warehouse.query('ALTER TABLE cluster_members RENAME TO cluster_members_away');
    try {
      await expect(env.run(activities.dedupe, run)).rejects.toThrow();
    } finally {
      await app.warehouse.query('ALTER TABLE cluster_members_away RENAME TO cluster_members');
    }
    unsubscribe();
    expect(seen.map((e) => (e.type === 'stage' ? `${e.stage}:${e.state}` : e.type))).toEqual(['dedupe:started', 'dedupe:failed']);
    const [row] = await app.warehouse.query<{ status: string; error: string }>(`SELECT status, error FROM pipeline_runs WHERE run_id = 'activity-run' AND stage = 'dedupe'`);
    expect(row?.status).toBe('failed');
    expect(row?.error).toContain('cluster_members');
  });
});
