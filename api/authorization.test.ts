import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkillMatcher, loadTaxonomy } from '../activities/normalize/skills.js';
import { structureResume } from '../activities/resume/structure.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import { insertResume, MEDIA_TYPES, saveDraft } from '../warehouse/resumes.js';
import type { ApiContext } from './context.js';
import { appRouter } from './router.js';

// Every procedure anyone may call. A new procedure not listed here must refuse anonymous callers,
// or this test fails: authorization is decided when a procedure is added, not remembered later.
const PUBLIC = new Set(['auth.me', 'auth.signUp', 'auth.logIn', 'auth.requestPasswordReset', 'auth.resetPassword', 'jobs.list', 'jobs.get']);

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
