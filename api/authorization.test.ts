import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkillMatcher, loadTaxonomy } from '../activities/normalize/skills.js';
import { structureResume } from '../activities/resume/structure.js';
import { runTrend } from '../activities/trend/run-trend.js';
import { PROJECT_ROOT } from '../cli/config.js';
import { seedDefaults } from '../cli/seed-defaults.js';
import { upsertProfile } from '../warehouse/app.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import { insertResume, MEDIA_TYPES, saveDraft } from '../warehouse/resumes.js';
import type { ApiContext } from './context.js';
import { appRouter } from './router.js';

// Every procedure anyone may call. A new procedure not listed here must refuse anonymous callers,
// or this test fails: authorization is decided when a procedure is added, not remembered later.
const PUBLIC = new Set(['auth.me', 'auth.signUp', 'auth.logIn', 'auth.requestPasswordReset', 'auth.resetPassword', 'jobs.list', 'jobs.search', 'jobs.get']);

let dir: string;
let warehouse: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vagas-authz-'));
  warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
  await migrate(warehouse);
});

afterAll(() => {
  warehouse?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function anonymous(): ApiContext {
  return { warehouse, user: null, session: null, csrfHeader: null, ip: '127.0.0.1', publicUrl: 'http://127.0.0.1', setSessionCookie: () => undefined };
}

async function call(ctx: ApiContext, path: string): Promise<unknown> {
  const caller = appRouter.createCaller(ctx) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  const [group, name] = path.split('.') as [string, string];
  return caller[group]?.[name]?.({});
}

describe('authorization of every procedure', () => {
  const procedures = Object.keys(appRouter._def.procedures);

  it('lists only procedures that exist', () => {
    for (const path of PUBLIC) expect(procedures).toContain(path);
  });

  it.each(procedures.filter((p) => !PUBLIC.has(p)))('%s refuses an anonymous caller', async (path) => {
    const error = await call(anonymous(), path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('UNAUTHORIZED');
  });
});

function signedIn(id: string, role: 'user' | 'admin' = 'user'): ApiContext {
  const csrfToken = `csrf-${id}`;
  return {
    ...anonymous(),
    user: { id, email: `${id}@example.com`, displayName: id, role, locale: 'pt-BR' },
    session: { tokenHash: `hash-${id}`, csrfToken },
    csrfHeader: csrfToken,
  };
}

describe("custom sources: ownership is enforced in SQL", () => {
  const feed = { kind: 'rss', url: 'https://vagas.example/feed.rss' } as const;

  it("lets a second user neither see nor change the first user's source, and operators only the global ones", async () => {
    const ana = appRouter.createCaller(signedIn('ana'));
    const bruno = appRouter.createCaller(signedIn('bruno'));
    const ops = appRouter.createCaller(signedIn('ops', 'admin'));
    const { id } = await ana.sources.create({ name: 'Vagas da Ana', config: feed });
    expect((await ana.sources.mine()).map((s) => s.id)).toEqual([id]);
    expect(await bruno.sources.mine()).toEqual([]);

    const attempts = [
      () => bruno.sources.update({ id, name: 'Tomada', config: { ...feed, url: 'https://bruno.example/feed.rss' } }),
      () => bruno.sources.setEnabled({ id, enabled: false }),
      () => bruno.sources.remove({ id }),
      // An operator manages global sources, not users' own.
      () => ops.sources.setEnabled({ id, enabled: false }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await ana.sources.mine()).toMatchObject([{ id, name: 'Vagas da Ana', enabled: true, ownerUserId: 'ana', config: { url: feed.url } }]);

    await expect(bruno.sources.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(bruno.sources.createGlobal({ name: 'Para todos', config: feed })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const global = await ops.sources.createGlobal({ name: 'Para todos', config: feed });
    await expect(ana.sources.remove({ id: global.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await ops.sources.setEnabled({ id: global.id, enabled: false });
    expect((await ops.sources.list()).map((s) => [s.id, s.ownerUserId, s.enabled])).toEqual(
      [[id, 'ana', true], [global.id, null, false]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    await ana.sources.remove({ id });
    expect(await ana.sources.mine()).toEqual([]);
    await expect(ana.sources.setEnabled({ id, enabled: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps server secrets to operators', async () => {
    const withSecret = {
      kind: 'api',
      endpoint: 'https://api.vagas.example/jobs',
      auth: { type: 'bearer', value: '${CUSTOM_SOURCE_VAGAS_TOKEN}' },
      mapping: { jobs_path: '$.jobs[*]', id_path: '$.id', title_path: '$.title' },
    } as const;
    const carla = appRouter.createCaller(signedIn('carla'));
    await expect(carla.sources.create({ name: 'Com segredo', config: withSecret })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(carla.sources.test({ config: withSecret })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(carla.sources.create({ name: 'Literal', config: { ...withSecret, auth: { type: 'bearer', value: 'sk-live-123' } } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await carla.sources.mine()).toEqual([]);
  });
});

describe('résumés: each user reaches only their own', () => {
  const id = randomUUID();
  const text = 'Rita Moraes Lima\nRecife, Brasil\n\nExperiência\nCientista de Dados — Banco Capibaribe\njan/2021 – atual\nModelos em Python e SQL.';
  const draft = structureResume(text, new SkillMatcher(loadTaxonomy()), new Date('2026-11-26T12:00:00Z'));
  const edited = {
    id,
    profile: { country: 'BR', timezone: null, yearsExperience: 5.9, seniority: 'mid' as const, skills: ['python', 'sql'], salaryFloorUsdMonth: null, remoteScopes: ['latam' as const], languages: ['pt'] },
    resume: { name: draft.name, contact: draft.contact, experience: draft.experience, education: draft.education, languages: draft.languages, skills: draft.skills },
  };

  beforeAll(async () => {
    await warehouse.withConnection(async (conn) => {
      await insertResume(conn, { id, userId: 'rita', sha256: 'a'.repeat(64), sizeBytes: text.length, mediaType: MEDIA_TYPES.pdf, fileName: 'cv.pdf', workflowId: `resume-${id}` });
      await saveDraft(conn, { id, text, pages: 1, draft, parsePath: 'offline', parseModel: null, parseFallback: null });
    });
  });

  it('lets a second user neither list, read nor accept it, as if it did not exist; its owner can', async () => {
    const rita = appRouter.createCaller(signedIn('rita'));
    const sergio = appRouter.createCaller(signedIn('sergio'));
    expect(await sergio.resume.list()).toEqual([]);
    for (const attempt of [() => sergio.resume.status({ id }), () => sergio.resume.draft({ id }), () => sergio.resume.accept(edited)]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await sergio.profile.get()).toBeNull();
    expect(await rita.profile.get()).toBeNull();

    expect((await rita.resume.list()).map((r) => [r.id, r.status])).toEqual([[id, 'draft']]);
    expect(await rita.resume.draft({ id })).toMatchObject({ id, status: 'draft', text, draft: { name: 'Rita Moraes Lima' } });
    // No Temporal client in this context: the profile is saved and the next pipeline run rescores it.
    expect(await rita.resume.accept(edited)).toMatchObject({ rescore: 'deferred', profile: { userId: 'rita', skills: ['python', 'sql'], seniority: 'mid' } });
    expect(await sergio.profile.get()).toBeNull();
  });
});

describe('skill gaps and applications: ownership is enforced in SQL', () => {
  // Every procedure taking the id of something a user owns, with the input naming the owner's thing.
  // A new id-taking procedure of these routers must be listed, or the first test fails.
  type Owned = { application: string; contact: string; analysis: string };
  const OWNED: Record<string, (o: Owned) => unknown> = {
    'applications.get': (o) => ({ id: o.application }),
    'applications.moveStatus': (o) => ({ id: o.application, to: 'applied' }),
    'applications.addNote': (o) => ({ id: o.application, text: 'a note' }),
    'applications.setNextAction': (o) => ({ id: o.application, action: 'call back', dueOn: null }),
    'applications.addContact': (o) => ({ id: o.application, name: 'Rita' }),
    'applications.removeContact': (o) => ({ id: o.application, contactId: o.contact }),
    'applications.followUp': (o) => ({ id: o.application }),
    'applications.interviewPrep': (o) => ({ id: o.application }),
    'applications.salaryNegotiation': (o) => ({ id: o.application }),
    'skills.get': (o) => ({ id: o.analysis }),
    'skills.learningPath': (o) => ({ analysisId: o.analysis }),
    'skills.potential': (o) => ({ analysisId: o.analysis }),
  };
  const ID_KEYS = ['id', 'applicationId', 'analysisId', 'contactId'];
  const owned = {} as Owned;
  const callAs = (ctx: ApiContext, path: string, input: unknown) => {
    const caller = appRouter.createCaller(ctx) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    const [group, name] = path.split('.') as [string, string];
    return (caller[group]?.[name] as (input: unknown) => Promise<unknown>)(input);
  };

  beforeAll(async () => {
    // One job (a posting and its cluster, with market facts), the shipped matcher, and Ana's profile.
    await seedDefaults(warehouse, { projectRoot: PROJECT_ROOT, sources: [], demoProfile: false });
    await warehouse.query(
      `INSERT INTO postings (id, source_id, external_id, raw_content_hash, title, remote_scope, description_text, skills, skills_required,
                             evidence, content_hash, run_id, normalized_at, seniority, salary_usd_month_min, salary_usd_month_max,
                             salary_brl_month_min, salary_brl_month_max)
       VALUES ('p1', 'demo', '1', 'h', 'ML Engineer', 'latam', 'Python and Kubernetes', ['python', 'kubernetes'], ['python', 'kubernetes'],
               '{"skills": []}', 'c', 'r', now(), 'senior', 5000, 6000, 27000, 32000)`,
    );
    await warehouse.query(
      `INSERT INTO job_clusters (id, canonical_posting_id, title, member_count, first_seen_at, updated_at)
       VALUES ('job_00000000000000000000000a', 'p1', 'ML Engineer', 1, now(), now())`,
    );
    await warehouse.query(`INSERT INTO cluster_members (posting_id, cluster_id, matched_by, run_id, added_at) VALUES ('p1', 'job_00000000000000000000000a', 'first', 'r', now())`);
    await warehouse.transaction((conn) => runTrend(conn));
    await warehouse.withConnection((conn) =>
      upsertProfile(conn, {
        userId: 'ana', displayName: 'Ana', country: 'BR', timezone: 'America/Sao_Paulo', yearsExperience: 3, seniority: 'mid',
        skills: ['python'], salaryFloorUsdMonth: 3000, remoteScopes: ['latam'], languages: ['pt'],
      }),
    );
    const ana = appRouter.createCaller(signedIn('ana'));
    const application = await ana.applications.create({ clusterId: 'job_00000000000000000000000a' });
    owned.application = application.id;
    owned.contact = String((await ana.applications.addContact({ id: application.id, name: 'Otto' })).contacts[0]?.id);
    owned.analysis = (await ana.skills.analyze({ target: { kind: 'chosen', clusterIds: ['job_00000000000000000000000a'] } })).id;
  });

  it('lists every procedure of these routers that takes an id', () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
    const idTaking = Object.entries(procedures)
      .filter(([path]) => path.startsWith('applications.') || path.startsWith('skills.'))
      .filter(([, p]) => p._def.inputs.some((i) => ID_KEYS.some((k) => k in ((i as { shape?: object }).shape ?? {}))))
      .map(([path]) => path);
    expect(idTaking.sort()).toEqual(Object.keys(OWNED).sort());
  });

  it.each(Object.keys(OWNED))('%s refuses a second user as if the thing did not exist, and serves its owner', async (path) => {
    const input = (OWNED[path] as (o: Owned) => unknown)(owned);
    await expect(callAs(signedIn('bruno'), path, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callAs(signedIn('ana'), path, input)).resolves.toBeDefined();
  });
});
