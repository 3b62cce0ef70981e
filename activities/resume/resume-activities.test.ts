import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../../cli/test-support/fake-anthropic.js';
import { CORPUS_DIR, fileName } from '../../fixtures/resumes/layouts.js';
import { PEOPLE } from '../../fixtures/resumes/people.js';
import { Warehouse } from '../../warehouse/db.js';
import { migrate } from '../../warehouse/migrate.js';
import { getResume, insertResume, MEDIA_TYPES } from '../../warehouse/resumes.js';
import { SkillMatcher, loadTaxonomy } from '../normalize/skills.js';
import { Staging } from '../staging.js';
import { ANTHROPIC_DEFAULTS, type ModelResume } from './anthropic-structure.js';
import { createResumeFetchActivities, createResumePipelineActivities } from './resume-activities.js';
import { ResumeStore } from './resume-store.js';

// The parsing steps as activities, on a real DuckDB file and staging folder, run in Temporal's own
// activity context (no server): the path that produced a draft is what the résumé row records.
const KEY = 'sk-ant-activities-test';
const person = PEOPLE.find((p) => p.id === 'rafael-tanaka')!;
const file = readFileSync(join(CORPUS_DIR, fileName(person, 'one-column')));

let dir: string;
let warehouse: Warehouse;
let fake: FakeAnthropic;
let staging: Staging;
let store: ResumeStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vagas-resume-activities-'));
  warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
  await migrate(warehouse);
  fake = await startFakeAnthropic(KEY);
  staging = new Staging(join(dir, 'staging'));
  store = new ResumeStore(join(dir, 'resumes'));
});

afterAll(async () => {
  warehouse?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every parsing step, in the workflow's order, for one uploaded file. */
async function parse(anthropic: boolean) {
  const id = randomUUID();
  const { sha256 } = store.put(file);
  await warehouse.withConnection((conn) => insertResume(conn, { id, userId: 'u1', sha256, sizeBytes: file.length, mediaType: MEDIA_TYPES.pdf, fileName: 'cv.pdf', workflowId: `resume-${id}` }));
  const settings = anthropic ? { apiKey: KEY, model: 'claude-configured', baseURL: fake.url, ...ANTHROPIC_DEFAULTS, maxRetries: 0 } : null;
  const work = createResumeFetchActivities({ staging, skills: new SkillMatcher(loadTaxonomy()), anthropic: settings, maxBytes: 5 * 1024 * 1024 });
  const db = createResumePipelineActivities({ warehouse, staging, store });
  const env = new MockActivityEnvironment();
  const act = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) => env.run(fn, ...args) as Promise<R>;
  const runId = `run-${id}`;
  const staged = await act(db.stageResumeFile, { runId, resumeId: id });
  expect(readFileSync(staged.path).equals(file)).toBe(true);
  const text = await act(work.extractResume, { runId, path: staged.path });
  if (!text.ok) throw new Error(text.message);
  const structured = await act(work.structureResume, { runId, textPath: text.path });
  const normalized = await act(work.normalizeResumeSkills, { runId, textPath: text.path, structuredPath: structured.path });
  await act(db.saveResumeDraft, { resumeId: id, textPath: text.path, draftPath: normalized.path, parsePath: structured.parsePath, model: structured.model, fallback: structured.fallback });
  return (await warehouse.withConnection((conn) => getResume(conn, 'u1', id)))!;
}

describe('résumé activities record which path produced the draft', () => {
  it('offline without a key', async () => {
    const row = await parse(false);
    expect(row).toMatchObject({ status: 'draft', parsePath: 'offline', parseModel: null, parseFallback: null, pages: 2 });
    expect(row.draft?.name).toBe(person.name);
    expect(fake.received).toHaveLength(0);
  });

  it('anthropic, with the configured model, when the model answers', async () => {
    const output: ModelResume = {
      name: { value: person.name, quote: person.name },
      email: { value: person.email, quote: person.email },
      phone: null, linkedin: null, github: null, city: null, country: null,
      experience: [{ title: { value: 'Senior Data Engineer', quote: 'Senior Data Engineer' }, company: { value: 'Araucaria Logistics', quote: 'Araucaria Logistics' }, start: '2020-09', end: null, current: true, datesQuote: 'Sep 2020 – Present', description: '' }],
      education: [], languages: [], skills: [{ value: 'Kafka', quote: 'Kafka' }],
    };
    fake.replies.push({ toolInput: output });
    const row = await parse(true);
    expect(row).toMatchObject({ status: 'draft', parsePath: 'anthropic', parseModel: 'claude-configured', parseFallback: null });
    expect(row.draft?.experience).toEqual([{ title: 'Senior Data Engineer', company: 'Araucaria Logistics', start: '2020-09', end: null, current: true, text: '' }]);
    expect(row.draft?.skills).toEqual([{ skill: 'kafka', years: null }]);
    expect(fake.received.at(-1)?.body.model).toBe('claude-configured');
  });

  it('offline, with the reason, when the model path fails', async () => {
    fake.replies.push({ status: 500 });
    const row = await parse(true);
    expect(row).toMatchObject({ status: 'draft', parsePath: 'offline', parseModel: null, parseFallback: expect.stringMatching(/^api_error: 500/) });
    expect(row.draft?.name).toBe(person.name);
    expect(fake.rejected).toEqual([]);
  });
});
