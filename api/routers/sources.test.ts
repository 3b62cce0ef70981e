// Custom sources end to end: created through the real API (HTTP + tRPC client, cookie and CSRF),
// fetched from a real fixture server on 127.0.0.1 by a real pipeline run on a Temporal dev server,
// read back as rows of the warehouse, and shown to their owner alone.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoardServer, type BoardServer } from '../../fixtures/custom-sources/board-server.js';
import { startApp, type App } from '../../cli/app.js';
import { createLogger } from '../../cli/logger.js';
import { runPipeline } from '../../cli/run-pipeline.js';
import { apiClient } from '../../cli/test-support/api-client.js';
import { testConfig } from '../../cli/test-support/test-config.js';
import { listEnabledSources } from '../../warehouse/core.js';
import { activeModelVersion } from '../../warehouse/ml.js';
import { newMatches } from '../../warehouse/notifications.js';
import type { CustomSourceConfigInput } from '../../activities/ingest/custom/config.js';
import { makeOperator } from '../../cli/test-support/operators.js';

const TOKEN = 'e2e-board-token-7d3e';
const TOKEN_VAR = 'CUSTOM_SOURCE_E2E_BOARD_TOKEN';

let board: BoardServer;
/** A second board the operator did not allow-list: 127.0.0.1 too, on another port. */
let unlisted: BoardServer;
let app: App;

const PASSWORD = 'a long enough passphrase';
const profile = () => ({
  country: 'BR',
  timezone: 'America/Sao_Paulo',
  yearsExperience: 4,
  seniority: 'mid' as const,
  skills: ['sql', 'python', 'spark'],
  salaryFloorUsdMonth: null,
  remoteScopes: ['global' as const, 'latam' as const, 'brazil' as const],
  languages: ['pt', 'es', 'en'],
});

async function loggedIn(email: string) {
  const api = apiClient(app.httpUrl);
  api.state.csrfToken = (await api.client.auth.logIn.mutate({ email, password: PASSWORD })).csrfToken;
  return api.client;
}

async function signedIn(email: string, role: 'user' | 'admin' = 'user') {
  const api = apiClient(app.httpUrl);
  api.state.csrfToken = (await api.client.auth.signUp.mutate({ email, password: PASSWORD, displayName: email })).csrfToken;
  if (role === 'admin') await makeOperator(app.warehouse, email);
  return api.client;
}

const rss = (url: string): CustomSourceConfigInput => ({
  kind: 'rss',
  url,
  category: 'dados',
  filters: { keywords: ['dados', 'datos', 'machine learning'], exclude_keywords: ['estagio'] },
  mapping: { company_field: 'vaga:empresa', location_field: 'vaga:local', salary_field: 'vaga:salario', custom_fields: ['vaga:contrato'] },
});

const scrape = (): CustomSourceConfigInput => ({
  kind: 'scrape',
  base_url: board.url,
  search_url: '/vagas?q={query}&pagina={page}',
  query: 'dados',
  selectors: {
    container: 'li.vaga',
    title: 'h2.titulo',
    link: 'h2.titulo a@href',
    company: '.empresa',
    location: '.local',
    salary: '.salario',
    description: '.resumo',
    date: 'time.data',
    next_page: 'a.proxima@href',
  },
  max_pages: 5,
  delay_ms: { min: 0, max: 50 },
});

const api = (): CustomSourceConfigInput => ({
  kind: 'api',
  endpoint: `${board.url}/api/jobs`,
  auth: { type: 'bearer', value: `\${${TOKEN_VAR}}` },
  mapping: {
    jobs_path: '$.data.results[*]',
    id_path: '$.id',
    title_path: '$.position.title',
    company_path: '$.employer.name',
    location_path: '$.location.label',
    salary_path: '$.compensation.text',
    description_path: '$.body_html',
    url_path: '$.links.apply',
    date_path: '$.published_at',
    tags_path: '$.skills[*]',
  },
  pagination: { type: 'page', param: 'page', max_pages: 5 },
  rate_limit: { per_minute: 120 },
});

beforeAll(async () => {
  board = await startBoardServer({ token: TOKEN });
  unlisted = await startBoardServer({ token: TOKEN });
  const allowList = `127.0.0.1:${board.port}`;
  // The fetch worker and the API both run in this process and read these, as they would in `npm start`.
  process.env[TOKEN_VAR] = TOKEN;
  process.env.SOURCE_ALLOWLIST = allowList;
  const config = await testConfig({ SOURCE_ALLOWLIST: allowList, DEMO_SOURCES: 'off' });
  app = await startApp(config, createLogger({ level: 'info', file: config.logFile, consoleLevel: 'error' }));
});

afterAll(async () => {
  await app?.stop();
  await board?.close();
  await unlisted?.close();
  if (app) rmSync(app.config.dataDir, { recursive: true, force: true });
});

describe('custom sources from the API to the warehouse', () => {
  const ids: Record<string, string> = {};

  it('tests a configuration without storing anything, then saves one source of each kind', async () => {
    const ana = await signedIn('ana@example.com');
    const ops = await signedIn('ops@example.com', 'admin');
    const before = await app.warehouse.query<{ n: number }>('SELECT count(*)::INT AS n FROM sources');

    const trial = await ana.sources.test.mutate({ config: rss(`${board.url}/feeds/vagas.rss`), samples: 2 });
    expect(trial).toMatchObject({ ok: true, error: null, items: 4, skipped: 1, filtered: 2 });
    expect(trial.samples.map((s) => s.title)).toEqual(['Engenheira de Machine Learning Sênior', 'Científico de Datos']);
    expect(trial.samples[0]).toMatchObject({ company: 'Nuvem Analítica Ltda', salaryText: 'R$ 18.000 - R$ 24.000 por mês', tags: ['dados', 'machine learning'] });

    const apiTrial = await ops.sources.test.mutate({ config: api() });
    expect(apiTrial).toMatchObject({ ok: true, items: 2, skipped: 1 });
    const refused = await ana.sources.test.mutate({ config: rss(`${unlisted.url}/feeds/vagas.rss`) });
    expect(refused).toMatchObject({ ok: false, samples: [] });
    expect(refused.error).toMatch(/127\.0\.0\.1 is a loopback address; sources may reach only public addresses unless the operator lists it in SOURCE_ALLOWLIST/);
    expect(await app.warehouse.query('SELECT count(*)::INT AS n FROM sources')).toEqual(before);
    expect(await app.warehouse.query('SELECT count(*)::INT AS n FROM raw_postings')).toEqual([{ n: 0 }]);
    // Profiles to score, so matches show what each user may see.
    await ana.profile.update.mutate(profile());
    await (await signedIn('bia@example.com')).profile.update.mutate(profile());

    ids.rss = (await ana.sources.create.mutate({ name: 'Vagas Dados LATAM (RSS)', config: rss(`${board.url}/feeds/vagas.rss`) })).id;
    ids.scrape = (await ana.sources.create.mutate({ name: 'Quadro de Vagas', config: scrape() })).id;
    ids.api = (await ops.sources.createGlobal.mutate({ name: 'API de vagas (global)', config: api() })).id;
    // The same board as Ana's, for everyone: its jobs are public, though Ana's source lists them too.
    ids.globalBoard = (await ops.sources.createGlobal.mutate({ name: 'Quadro de Vagas (global)', config: scrape() })).id;
    ids.blocked = (await ana.sources.create.mutate({ name: 'Sem allow-list', config: rss(`${unlisted.url}/feeds/vagas.rss`) })).id;

    const mine = await ana.sources.mine.query();
    expect(mine.map((s) => [s.id, s.kind, s.adapter, s.enabled, s.lastOk])).toEqual(
      [
        [ids.rss, 'rss', 'custom', true, null],
        [ids.scrape, 'html', 'custom', true, null],
        [ids.blocked, 'rss', 'custom', true, null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // The stored secret is the reference, never the value.
    const [stored] = await app.warehouse.query<{ config: string }>('SELECT config::VARCHAR AS config FROM sources WHERE id = $1', [ids.api ?? '']);
    expect(stored?.config).toContain(`\${${TOKEN_VAR}}`);
    expect(stored?.config).not.toContain(TOKEN);
  });

  it('ingests them in a normal pipeline run: postings in the warehouse, health per source, the unlisted address refused', async () => {
    board.requests.length = 0;
    const { result } = await runPipeline(app.client, { trigger: 'manual' });
    const bySource = Object.fromEntries(result.sources.map((s) => [s.sourceId, s]));
    expect(bySource[ids.rss ?? '']).toMatchObject({ ok: true, items: 4 });
    expect(bySource[ids.scrape ?? '']).toMatchObject({ ok: true, items: 5 });
    expect(bySource[ids.api ?? '']).toMatchObject({ ok: true, items: 3 });
    expect(bySource[ids.blocked ?? '']?.ok).toBe(false);

    const postings = await app.warehouse.query<{ source_id: string; title: string; company: string | null; apply_url: string | null; skills: string[] }>(
      'SELECT source_id, title, company, apply_url, skills FROM postings ORDER BY source_id, external_id',
    );
    const titlesOf = (id: string | undefined) => postings.filter((p) => p.source_id === id).map((p) => p.title);
    expect(titlesOf(ids.rss).sort()).toEqual(['Analista de Dados Pleno', 'Científico de Datos', 'Engenheira de Machine Learning Sênior', 'Ingeniero de Datos (Spark)']);
    expect(titlesOf(ids.scrape).sort()).toEqual([
      'Analista de BI',
      'Analista de Dados Júnior',
      'Cientista de Dados (NLP)',
      'Engenheiro de Dados (AWS)',
      'Ingeniera de Machine Learning',
    ]);
    expect(titlesOf(ids.api).sort()).toEqual(['Cientista de Dados Pleno', 'ML Engineer - LLM Platform', 'Senior Data Engineer (Databricks)']);
    const databricks = postings.find((p) => p.title === 'Senior Data Engineer (Databricks)');
    expect(databricks).toMatchObject({ company: 'Pampa Analytics', apply_url: 'https://api-jobs.example/jobs/501' });
    expect(databricks?.skills).toEqual(expect.arrayContaining(['spark', 'databricks', 'python']));
    // The feed's own <vaga:contrato>PJ</vaga:contrato> reaches the normalizer.
    const [pj] = await app.warehouse.query<{ contract_type: string | null }>(`SELECT contract_type FROM postings WHERE title = 'Engenheira de Machine Learning Sênior'`);
    expect(pj?.contract_type).toBe('pj');

    // The API was paged with the token from the environment; the unlisted board was never contacted.
    const apiCalls = board.hits('/api/jobs');
    expect(apiCalls.map((r) => r.path)).toEqual(['/api/jobs?page=1', '/api/jobs?page=2', '/api/jobs?page=3']);
    for (const call of apiCalls) expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(unlisted.requests).toEqual([]);

    const health = await app.warehouse.query<{ source_id: string; ok: boolean; items: number; error: string | null }>(
      'SELECT source_id, ok, items, error FROM source_health WHERE run_id = $1',
      [result.runId],
    );
    const blocked = health.find((h) => h.source_id === ids.blocked);
    expect(blocked).toMatchObject({ ok: false, items: 0 });
    expect(blocked?.error).toBe(`127.0.0.1 is a loopback address; sources may reach only public addresses unless the operator lists it in SOURCE_ALLOWLIST`);

    const ana = apiClient(app.httpUrl).client;
    await ana.auth.logIn.mutate({ email: 'ana@example.com', password: PASSWORD });
    const mine = Object.fromEntries((await ana.sources.mine.query()).map((s) => [s.id, s]));
    expect(mine[ids.rss ?? '']).toMatchObject({ lastOk: true, lastItems: 4, lastError: null });
    expect(mine[ids.blocked ?? '']).toMatchObject({ lastOk: false, lastError: blocked?.error });
    const jobs = await ana.jobs.list.query({ limit: 100 });
    expect(jobs.map((j) => j.title)).toContain('Ingeniero de Datos (Spark)');
  });

  it('shows the jobs found only on a user’s own sources to that user alone, and never their sources to others', async () => {
    const ana = await loggedIn('ana@example.com');
    const bia = await loggedIn('bia@example.com');
    const anonymous = apiClient(app.httpUrl).client;
    const [anaId = '', biaId = ''] = await Promise.all(['ana@example.com', 'bia@example.com'].map(async (email) => {
      const [row] = await app.warehouse.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
      return String(row?.id);
    }));
    // Ana's feed lists its jobs alone; her board's jobs are also on the operator's copy of it.
    const clusters = await app.warehouse.query<{ id: string; title: string; visible_to: string[] | null }>(
      'SELECT id, title, visible_to FROM job_clusters ORDER BY title',
    );
    const own = clusters.filter((c) => c.visible_to !== null);
    expect(own.map((c) => c.title)).toEqual(['Analista de Dados Pleno', 'Científico de Datos', 'Engenheira de Machine Learning Sênior', 'Ingeniero de Datos (Spark)']);
    for (const c of own) expect(c.visible_to).toEqual([anaId]);
    const ownIds = own.map((c) => c.id);
    const shared = clusters.find((c) => c.title === 'Analista de BI');
    expect(shared?.visible_to).toBeNull();
    const sharedId = String(shared?.id);

    const searched = async (client: typeof ana) => (await client.jobs.search.query({ remote: 'any', includeInactive: true, limit: 50 })).items;
    const listed = async (client: typeof ana) => client.jobs.list.query({ includeInactive: true, limit: 100 });
    const code = async (call: () => Promise<unknown>) => call().then(() => 'OK', (e: { data?: { code?: string } }) => e.data?.code);

    // Ana finds her jobs, by search, the listing and by id, with her source as the place to apply.
    expect((await searched(ana)).map((j) => j.clusterId)).toEqual(expect.arrayContaining([...ownIds, sharedId]));
    expect((await listed(ana)).map((j) => j.clusterId)).toEqual(expect.arrayContaining(ownIds));
    const spark = await ana.jobs.get.query({ clusterId: String(own.find((c) => c.title === 'Ingeniero de Datos (Spark)')?.id) });
    expect(spark.members.map((m) => m.sourceId)).toEqual([ids.rss]);
    expect((await ana.jobs.search.query({ q: 'spark', remote: 'any' })).items.map((j) => j.title)).toContain('Ingeniero de Datos (Spark)');

    // Nobody else does: not in search (words or her source's id), not in the listing, NOT_FOUND by id.
    for (const other of [bia, anonymous]) {
      const found = [...(await searched(other)), ...(await listed(other))].map((j) => j.clusterId);
      expect(found).toContain(sharedId);
      expect(found.filter((id) => ownIds.includes(id))).toEqual([]);
      expect((await other.jobs.search.query({ q: 'spark', remote: 'any', includeInactive: true })).items.map((j) => j.title)).not.toContain('Ingeniero de Datos (Spark)');
      expect((await other.jobs.search.query({ sources: [ids.scrape ?? ''], remote: 'any', includeInactive: true })).items).toEqual([]);
      for (const id of ownIds) expect(await code(() => other.jobs.get.query({ clusterId: id }))).toBe('NOT_FOUND');
    }

    // The public job: Ana sees both boards; Bia and anonymous callers the operator's alone, counted so.
    const anaShared = await ana.jobs.get.query({ clusterId: sharedId });
    expect(anaShared.members.map((m) => m.sourceId).sort()).toEqual([String(ids.globalBoard), String(ids.scrape)].sort());
    for (const other of [bia, anonymous]) {
      const job = await other.jobs.get.query({ clusterId: sharedId });
      expect(job.members.map((m) => m.sourceId)).toEqual([ids.globalBoard]);
      expect(job.sources).toBe(1);
      const card = (await searched(other)).find((j) => j.clusterId === sharedId);
      expect(card?.members.map((m) => m.sourceId)).toEqual([ids.globalBoard]);
      expect(card?.sources).toBe(1);
    }

    // Matches: Ana's own jobs were scored for her alone; neither Bia's list nor her alerts show them.
    const anaMatches = (await ana.matches.list.query({ limit: 100 })).map((m) => m.clusterId);
    expect(anaMatches).toEqual(expect.arrayContaining([...ownIds, sharedId]));
    const biaMatches = await bia.matches.list.query({ limit: 100 });
    expect(biaMatches.map((m) => m.clusterId)).toContain(sharedId);
    expect(biaMatches.filter((m) => ownIds.includes(m.clusterId))).toEqual([]);
    expect(biaMatches.find((m) => m.clusterId === sharedId)?.members.map((m) => m.sourceId)).toEqual([ids.globalBoard]);
    const scored = await app.warehouse.query<{ user_id: string }>(
      'SELECT DISTINCT user_id FROM matches WHERE cluster_id IN (SELECT id FROM job_clusters WHERE visible_to IS NOT NULL)',
    );
    expect(scored.map((r) => r.user_id)).toEqual([anaId]);
    const alerts = await app.warehouse.withConnection(async (conn) => {
      const model = await activeModelVersion(conn, 'matcher');
      const window = { since: '2000-01-01T00:00:00Z', until: '2100-01-01T00:00:00Z', minScore: 0, limit: 100, modelVersion: model.version };
      return { ana: await newMatches(conn, { ...window, userId: anaId }), bia: await newMatches(conn, { ...window, userId: biaId }) };
    });
    expect(alerts.ana.map((m) => m.clusterId)).toEqual(expect.arrayContaining(ownIds));
    expect(alerts.bia.filter((m) => ownIds.includes(m.clusterId))).toEqual([]);

    // Market figures leave them out, and count the public job from the public board alone.
    const facts = await app.warehouse.query<{ cluster_id: string; postings: number; source_ids: string[] }>('SELECT cluster_id, postings, source_ids FROM job_facts');
    expect(facts.filter((f) => ownIds.includes(f.cluster_id))).toEqual([]);
    expect(facts.find((f) => f.cluster_id === sharedId)).toMatchObject({ postings: 1, source_ids: [ids.globalBoard] });
    for (const f of facts) expect(f.source_ids.filter((id) => id === ids.rss || id === ids.scrape)).toEqual([]);
    // So salary advice on one of her own jobs says why it has no market figures, rather than promising them.
    const tracked = await ana.applications.create.mutate({ clusterId: ownIds[0] ?? '' });
    await expect(ana.applications.salaryNegotiation.query({ id: tracked.id })).rejects.toThrow(/found only on your own sources/);

    // An operator splits the copy that joined the job out of it (dedupe decides which board's was
    // first): the job holding Ana's posting is hers alone at once, in search too; the board's stays public.
    const [joined] = await app.warehouse.query<{ posting_id: string }>(
      `SELECT posting_id FROM cluster_members WHERE cluster_id = $1 AND matched_by <> 'first'`,
      [sharedId],
    );
    const split = await (await loggedIn('ops@example.com')).ops.splitCluster.mutate({ postingId: String(joined?.posting_id) });
    const jobOf = async (sourceId: string | undefined) => {
      const [row] = await app.warehouse.query<{ cluster_id: string }>(
        'SELECT m.cluster_id FROM cluster_members m JOIN postings p ON p.id = m.posting_id WHERE m.cluster_id IN ($1, $2) AND p.source_id = $3',
        [split.from, split.to, String(sourceId)],
      );
      return String(row?.cluster_id);
    };
    const [anaJob, boardJob] = [await jobOf(ids.scrape), await jobOf(ids.globalBoard)];
    expect(anaJob).not.toBe(boardJob);
    for (const other of [bia, anonymous]) {
      expect(await code(() => other.jobs.get.query({ clusterId: anaJob }))).toBe('NOT_FOUND');
      expect((await searched(other)).map((j) => j.clusterId)).not.toContain(anaJob);
      expect((await other.jobs.get.query({ clusterId: boardJob })).members.map((m) => m.sourceId)).toEqual([ids.globalBoard]);
    }
    expect((await ana.jobs.get.query({ clusterId: anaJob })).members.map((m) => m.sourceId)).toEqual([ids.scrape]);
  });

  it('stops fetching a disabled source and takes a removed one’s postings out of the listings', async () => {
    const ana = apiClient(app.httpUrl);
    ana.state.csrfToken = (await ana.client.auth.logIn.mutate({ email: 'ana@example.com', password: PASSWORD })).csrfToken;
    await ana.client.sources.setEnabled.mutate({ id: ids.blocked ?? '', enabled: false });
    const enabled = (await app.warehouse.withConnection(listEnabledSources)).map((s) => s.id);
    expect(enabled).not.toContain(ids.blocked);
    expect(enabled).toEqual(expect.arrayContaining([ids.rss, ids.scrape, ids.api]));

    await ana.client.sources.remove.mutate({ id: ids.rss ?? '' });
    const titles = (await ana.client.jobs.list.query({ limit: 100 })).map((j) => j.title);
    // Only the RSS feed listed this job; the scraped and API jobs stay.
    expect(titles).not.toContain('Ingeniero de Datos (Spark)');
    expect(titles).toContain('Senior Data Engineer (Databricks)');
    expect((await ana.client.sources.mine.query()).map((s) => s.id)).not.toContain(ids.rss);
    const [kept] = await app.warehouse.query<{ n: number }>('SELECT count(*)::INT AS n FROM raw_postings WHERE source_id = $1', [ids.rss ?? '']);
    expect(kept?.n).toBe(4);
  });
});
