import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeStoreFor } from '../../activities/resume/resume-activities.js';
import { startApp, type App } from '../../cli/app.js';
import { createLogger } from '../../cli/logger.js';
import { runPipeline } from '../../cli/run-pipeline.js';
import { apiClient } from '../../cli/test-support/api-client.js';
import { testConfig } from '../../cli/test-support/test-config.js';
import { CORPUS_DIR, fileName } from '../../fixtures/resumes/layouts.js';
import { PEOPLE } from '../../fixtures/resumes/people.js';
import { resumeWorkflowId } from '../../workflows/resume-client.js';
import type { AppRouter } from '../router.js';

// The whole path on real parts: the app as `npm start` runs it (Temporal dev server, both workers,
// DuckDB file, HTTP server), the real tRPC client over HTTP with cookie and CSRF token, and files
// uploaded as multipart form data.
const LIMIT = 300 * 1024;
const FIXTURES = join(import.meta.dirname, '../../fixtures/resumes');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const corpus = (id: string, layout: 'one-column' | 'linkedin' | 'docx') => readFileSync(join(CORPUS_DIR, fileName(PEOPLE.find((p) => p.id === id)!, layout)));

let app: App;

beforeAll(async () => {
  const config = await testConfig({ RESUME_MAX_BYTES: String(LIMIT) });
  app = await startApp(config, createLogger({ level: 'info', file: config.logFile, consoleLevel: 'error' }));
  // Jobs to match against: one pipeline run over the bundled demo feeds.
  await runPipeline(app.client, { trigger: 'manual' });
});

afterAll(async () => {
  await app?.stop();
  if (app) rmSync(app.config.dataDir, { recursive: true, force: true });
});

async function signedIn(email: string) {
  const api = apiClient(app.httpUrl);
  api.state.csrfToken = (await api.client.auth.signUp.mutate({ email, password: 'a long enough passphrase', displayName: email })).csrfToken;
  return api.client;
}
type Api = Awaited<ReturnType<typeof signedIn>>;

function upload(api: Api, bytes: Uint8Array, name: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new File([Buffer.from(bytes)], name, { type }));
  return api.resume.upload.mutate(form);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const stageStatus = (s: Awaited<ReturnType<Api['resume']['status']['query']>>) => Object.fromEntries((s.progress?.stages ?? []).map((x) => [x.stage, x.status]));

async function refusal(call: () => Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return { code: (error as TRPCClientError<AppRouter>).data?.code, message: (error as Error).message };
}

const matchCount = (userId: string) => app.warehouse.query<{ n: number; latest: string | null }>('SELECT count(*)::INTEGER AS n, max(computed_at)::VARCHAR AS latest FROM matches WHERE user_id = $1', [userId]);
const userIdOf = async (api: Api) => (await api.auth.me.query())!.user!.id;

describe('résumé upload → resumeWorkflow → review → accept, end to end', () => {
  it('parses a PDF into a draft with evidence, and accepting it makes the profile and recomputes matches', async () => {
    const api = await signedIn('mariana@example.com');
    const userId = await userIdOf(api);
    expect(await api.profile.get.query()).toBeNull();
    expect(await matchCount(userId)).toEqual([{ n: 0, latest: null }]);

    // Named .docx on purpose: the type comes from the bytes.
    const uploaded = await upload(api, corpus('mariana-albuquerque', 'one-column'), 'meu-curriculo.docx');
    expect(uploaded).toMatchObject({ status: 'queued', mediaType: 'application/pdf', alreadyStored: false });

    const waiting = await until(() => api.resume.status.query({ id: uploaded.id }), (s) => s.status === 'draft' && stageStatus(s).review === 'waiting');
    expect(stageStatus(waiting)).toEqual({ extract: 'done', structure: 'done', 'normalize-skills': 'done', 'save-draft': 'done', review: 'waiting', rescore: 'pending', 'skill-gaps': 'pending' });
    expect(waiting.progress?.stages.find((s) => s.stage === 'extract')?.detail).toMatch(/^pdf, 2 page\(s\), \d+ characters$/);
    expect(waiting.parsePath).toBe('offline');
    // Nothing of the profile changes before the user accepts.
    expect(await api.profile.get.query()).toBeNull();

    const review = await api.resume.draft.query({ id: uploaded.id });
    expect(review.draft.name).toBe('Mariana Conceição Albuquerque');
    expect(review.draft.contact).toEqual({ email: 'mariana.albuquerque@exemplo.com.br', phone: '+5581998765432', linkedin: 'https://www.linkedin.com/in/mariana-c-albuquerque', github: 'https://github.com/marialbuq', city: 'Recife', country: 'BR' });
    expect(review.draft.experience.map((e) => [e.title, e.start, e.end, e.current])).toEqual([
      ['Cientista de Dados Sênior', '2021-03', null, true],
      ['Cientista de Dados', '2018-06', '2021-02', false],
      ['Analista de Dados Júnior', '2016-08', '2018-05', false],
    ]);
    for (const [path, span] of Object.entries(review.draft.evidence)) expect(review.text.slice(span.start, span.end), path).toBe(span.text);
    expect(review.draft.evidence['experience.0.dates']).toMatchObject({ text: 'mar/2021 – atual' });
    expect(review.suggestedProfile).toMatchObject({ country: 'BR', seniority: 'senior', languages: ['pt', 'en', 'es'], remoteScopes: ['global', 'latam', 'brazil'] });
    expect(review.suggestedProfile.skills).toEqual(expect.arrayContaining(['python', 'sql', 'xgboost', 'english']));

    // The user edits before accepting: a skill the résumé missed, a salary floor.
    const profile = { ...review.suggestedProfile, skills: [...review.suggestedProfile.skills, 'kubernetes'], salaryFloorUsdMonth: 4000, timezone: 'America/Recife' };
    const { name, contact, experience, education, languages, skills } = review.draft;
    const accepted = await api.resume.accept.mutate({ id: uploaded.id, profile, resume: { name, contact, experience, education, languages, skills } });
    expect(accepted.rescore).toBe('started');
    expect(accepted.profile).toMatchObject({ userId, country: 'BR', seniority: 'senior', salaryFloorUsdMonth: 4000, timezone: 'America/Recife' });
    expect(accepted.profile?.skills).toContain('kubernetes');

    const finished = await until(() => api.resume.status.query({ id: uploaded.id }), (s) => stageStatus(s)['skill-gaps'] === 'done');
    expect(finished.status).toBe('accepted');
    expect(stageStatus(finished)).toMatchObject({ review: 'done', rescore: 'done', 'skill-gaps': 'done' });
    const [matches] = await matchCount(userId);
    expect(matches!.n).toBeGreaterThan(0);
    const listed = await api.matches.list.query({ limit: 5 });
    expect(listed.length).toBeGreaterThan(0);

    const after = await api.resume.draft.query({ id: uploaded.id });
    expect(after.accepted?.profile.skills).toContain('kubernetes');
    expect(after.skillGaps?.matches).toBeGreaterThan(0);
    for (const gap of after.skillGaps?.gaps ?? []) expect(accepted.profile?.skills).not.toContain(gap.skill);
  });

  it('parses a DOCX, keeps every upload in the history, and stores the same file once', async () => {
    const api = await signedIn('sofia@example.com');
    const docx = corpus('sofia-martinez', 'docx');
    const first = await upload(api, docx, 'CV Sofía.docx');
    expect(first.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const ready = await until(() => api.resume.status.query({ id: first.id }), (s) => s.status === 'draft');
    expect(ready.error).toBeNull();
    const review = await api.resume.draft.query({ id: first.id });
    expect(review.draft.name).toBe('Sofía Martínez Ibáñez');
    expect(review.draft.experience.map((e) => [e.title, e.company])).toEqual([
      ['Líder Técnica de Machine Learning', 'Pampa Fintech'],
      ['Ingeniera de Machine Learning', 'MercadoSur'],
      ['Desarrolladora Python', 'Software del Plata'],
    ]);
    expect(review.draft.seniority).toBe('lead');
    expect(review.draft.languages).toEqual([{ language: 'es', level: 'native' }, { language: 'en', level: 'fluent' }, { language: 'pt', level: 'basic' }]);

    const again = await upload(api, docx, 'cv-copia.docx');
    expect(again).toMatchObject({ sha256: first.sha256, alreadyStored: true });
    expect(again.id).not.toBe(first.id);
    const history = await api.resume.list.query();
    expect(history.map((r) => [r.id, r.fileName])).toEqual([
      [again.id, 'cv-copia.docx'],
      [first.id, 'CV Sofía.docx'],
    ]);
    const store = resumeStoreFor(app.config);
    expect(existsSync(store.pathFor(first.sha256))).toBe(true);
    expect(readdirSync(join(store.root, first.sha256.slice(0, 2)))).toEqual([first.sha256]);

    // A draft whose run is no longer waiting (the review window passed, or an operator ended it)
    // can still be accepted: a new run of the same workflow does the rescore and the skill gaps.
    await app.client.workflow.getHandle(resumeWorkflowId(first.id)).terminate('the review window is over');
    const { name, contact, experience, education, languages, skills } = review.draft;
    const accepted = await api.resume.accept.mutate({ id: first.id, profile: review.suggestedProfile, resume: { name, contact, experience, education, languages, skills } });
    expect(accepted.rescore).toBe('started');
    const done = await until(() => api.resume.status.query({ id: first.id }), (s) => stageStatus(s)['skill-gaps'] === 'done');
    expect(stageStatus(done)).toEqual({ extract: 'done', structure: 'done', 'normalize-skills': 'done', 'save-draft': 'done', review: 'done', rescore: 'done', 'skill-gaps': 'done' });
    expect((await matchCount(await userIdOf(api)))[0]!.n).toBeGreaterThan(0);
  });

  describe('files that cannot be read: a specific error, status failed, the profile unchanged', () => {
    let api: Api;
    let before: unknown;

    beforeAll(async () => {
      api = await signedIn('joao@example.com');
      await api.profile.update.mutate({ country: 'BR', timezone: null, yearsExperience: 3, seniority: 'mid', skills: ['python'], salaryFloorUsdMonth: null, remoteScopes: ['latam'], languages: ['pt'] });
      before = await api.profile.get.query();
    });

    afterAll(async () => {
      expect(await api.profile.get.query()).toEqual(before);
    });

    it.each([
      ['scanned.pdf', 'scanned', /scanned image with no selectable text/],
      ['encrypted.pdf', 'encrypted', /password-protected/],
      ['truncated.pdf', 'corrupt', /damaged or incomplete/],
      ['empty.pdf', 'empty', /no text in it/],
      ['zip-bomb.docx', 'zip_bomb', /refused to open it for safety/],
    ])('%s → %s', async (name, code, message) => {
      const { id } = await upload(api, fixture(name), name);
      const failed = await until(() => api.resume.status.query({ id }), (s) => s.status === 'failed');
      expect(failed.error).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(stageStatus(failed)).toEqual({ extract: 'failed', structure: 'skipped', 'normalize-skills': 'skipped', 'save-draft': 'skipped', review: 'skipped', rescore: 'skipped', 'skill-gaps': 'skipped' });
      expect(failed.progress?.error).toEqual(failed.error);
      expect(await refusal(() => api.resume.draft.query({ id }))).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringMatching(message) });
      await expect(api.resume.accept.mutate({ id, profile: before as never, resume: { name: null, contact: { email: null, phone: null, linkedin: null, github: null, city: null, country: null }, experience: [], education: [], languages: [], skills: [] } })).rejects.toThrow(/cannot be accepted/);
    });

    it.each([
      ['an image renamed .pdf', () => fixture('not-a-resume.png'), 'UNSUPPORTED_MEDIA_TYPE', /PNG image, not a résumé document/],
      ['an empty file', () => new Uint8Array(), 'BAD_REQUEST', /empty \(0 bytes\)/],
      ['a file just over the limit', () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(LIMIT + 1000 - 9, 0x20)]), 'PAYLOAD_TOO_LARGE', /0\.3 MB; the limit is 0\.3 MB/],
      ['a file far over the limit', () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * LIMIT, 0x20)]), 'PAYLOAD_TOO_LARGE', /over the 0\.3 MB limit/],
    ])('%s is refused at upload, and nothing is stored', async (_label, bytes, code, message) => {
      const count = (await api.resume.list.query()).length;
      expect(await refusal(() => upload(api, bytes(), 'curriculo.pdf', 'application/pdf'))).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(await api.resume.list.query()).toHaveLength(count);
    });
  });

  it('refuses an upload without a session, and one without the CSRF token', async () => {
    const anonymous = apiClient(app.httpUrl).client;
    expect(await refusal(() => upload(anonymous, fixture('ana-souza-pt.pdf'), 'cv.pdf'))).toMatchObject({ code: 'UNAUTHORIZED' });
    const api = apiClient(app.httpUrl);
    await api.client.auth.signUp.mutate({ email: 'no-csrf@example.com', password: 'a long enough passphrase', displayName: 'x' });
    expect(await refusal(() => upload(api.client, fixture('ana-souza-pt.pdf'), 'cv.pdf'))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
