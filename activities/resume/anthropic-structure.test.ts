import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../../cli/test-support/fake-anthropic.js';
import { SkillMatcher, loadTaxonomy } from '../normalize/skills.js';
import { normalizeResumeSkills, structureResumeText, type AnthropicSettings, type ModelResume } from './anthropic-structure.js';
import { structureResume } from './structure.js';

const KEY = 'sk-ant-test-not-a-real-key';
const NOW = new Date('2026-11-26T12:00:00Z');
const matcher = new SkillMatcher(loadTaxonomy());

const TEXT = `Lucía Benítez Araújo
Ingeniera de Datos · Montevideo, Uruguay
+598 94 123 456 · lucia.benitez@correo.uy
linkedin.com/in/lucia-benitez

Experiencia laboral
Ingeniera de Datos Senior — Ceibo Pagos
jan/2021 – actualidad
Pipelines en Airflow y dbt sobre BigQuery.

Analista de Datos | Frigorífico del Sur | 03/2018 – 12/2020
Reportes en SQL y Python.

Educación
Ingeniería en Computación — Universidad de la República, 2012 – 2017

Idiomas
Español: nativo
Inglés: avanzado (C1)
`;

/** What a well-behaved model answers for TEXT: every value quotes the résumé. */
const VALID: ModelResume = {
  name: { value: 'Lucía Benítez Araújo', quote: 'Lucía Benítez Araújo' },
  email: { value: 'lucia.benitez@correo.uy', quote: 'lucia.benitez@correo.uy' },
  phone: { value: '+59894123456', quote: '+598 94 123 456' },
  linkedin: { value: 'https://www.linkedin.com/in/lucia-benitez', quote: 'linkedin.com/in/lucia-benitez' },
  github: null,
  city: { value: 'Montevideo', quote: 'Montevideo' },
  country: { value: 'UY', quote: 'Uruguay' },
  experience: [
    { title: { value: 'Ingeniera de Datos Senior', quote: 'Ingeniera de Datos Senior' }, company: { value: 'Ceibo Pagos', quote: 'Ceibo Pagos' }, start: '2021-01', end: null, current: true, datesQuote: 'jan/2021 – actualidad', description: 'Pipelines en Airflow y dbt sobre BigQuery.' },
    { title: { value: 'Analista de Datos', quote: 'Analista de Datos' }, company: { value: 'Frigorífico del Sur', quote: 'Frigorífico del Sur' }, start: '2018-03', end: '2020-12', current: false, datesQuote: '03/2018 – 12/2020', description: 'Reportes en SQL y Python.' },
  ],
  education: [{ degree: { value: 'Ingeniería en Computación', quote: 'Ingeniería en Computación' }, institution: { value: 'Universidad de la República', quote: 'Universidad de la República' }, start: '2012-01', end: '2017-12', datesQuote: '2012 – 2017' }],
  languages: [
    { language: 'es', level: 'native', quote: 'Español: nativo' },
    { language: 'en', level: 'C1', quote: 'Inglés: avanzado (C1)' },
  ],
  skills: [
    { value: 'Airflow', quote: 'Airflow' },
    { value: 'dbt', quote: 'dbt' },
    { value: 'BigQuery', quote: 'BigQuery' },
    { value: 'SQL', quote: 'SQL' },
    { value: 'Python', quote: 'Python' },
  ],
};

let fake: FakeAnthropic;
const settings = (over: Partial<AnthropicSettings> = {}): AnthropicSettings => ({ apiKey: KEY, model: 'claude-test-model', baseURL: fake.url, timeoutMs: 5_000, maxRetries: 2, maxAnswers: 2, ...over });
const run = async (over: Partial<AnthropicSettings> = {}, text = TEXT) => {
  const structured = await structureResumeText(text, { now: NOW, anthropic: settings(over) });
  return { ...structured, draft: normalizeResumeSkills(structured, text, matcher) };
};

beforeAll(async () => {
  fake = await startFakeAnthropic(KEY);
});
afterAll(async () => {
  await fake?.close();
});
afterEach(() => {
  // Every request the SDK sent was a well-formed Messages call, and every planned reply was used.
  expect(fake.rejected).toEqual([]);
  expect(fake.replies).toEqual([]);
  fake.received.length = 0;
});

describe('the Anthropic path', () => {
  it('sends the résumé to the Messages API with the tool schema, and builds the draft from the tool call', async () => {
    fake.replies.push({ toolInput: VALID });
    const { draft, path, fallback, model } = await run();
    expect(fake.received).toHaveLength(1);
    const [{ body, apiKey, version }] = fake.received as [(typeof fake.received)[number]];
    expect(apiKey).toBe(KEY);
    expect(version).toMatch(/^\d{4}-\d{2}-\d{2}$/); // the API version the SDK pins
    expect(body.model).toBe('claude-test-model');
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'record_resume' });
    expect(body.tools[0]!.name).toBe('record_resume');
    expect(Object.keys(body.tools[0]!.input_schema.properties)).toEqual(['name', 'email', 'phone', 'linkedin', 'github', 'city', 'country', 'experience', 'education', 'languages', 'skills']);
    expect(body.messages[0]!.content).toContain(TEXT);

    expect({ path, fallback, model }).toEqual({ path: 'anthropic', fallback: null, model: 'claude-test-model' });
    expect(draft.name).toBe('Lucía Benítez Araújo');
    expect(draft.contact).toEqual({ email: 'lucia.benitez@correo.uy', phone: '+59894123456', linkedin: 'https://www.linkedin.com/in/lucia-benitez', github: null, city: 'Montevideo', country: 'UY' });
    expect(draft.experience.map((e) => [e.title, e.company, e.start, e.end, e.current])).toEqual([
      ['Ingeniera de Datos Senior', 'Ceibo Pagos', '2021-01', null, true],
      ['Analista de Datos', 'Frigorífico del Sur', '2018-03', '2020-12', false],
    ]);
    expect(draft.languages).toEqual([{ language: 'es', level: 'native' }, { language: 'en', level: 'C1' }]);
    expect(draft.skills.map((s) => s.skill)).toEqual(['airflow', 'dbt', 'bigquery', 'sql', 'python']);
    // Computed the same way as offline: mar/2018 to nov/2026, no gap, and the latest title says Senior.
    expect(draft.totalYearsExperience).toBe(8.8);
    expect(draft.seniority).toBe('senior');
    for (const [path, span] of Object.entries(draft.evidence)) expect(TEXT.slice(span.start, span.end), path).toBe(span.text);
    expect(draft.evidence['experience.1.dates']?.text).toBe('03/2018 – 12/2020');
    expect(draft.warnings).toEqual([]);
  });

  it('drops every value whose quote is not in the résumé: the model cannot add what the text does not say', async () => {
    fake.replies.push({
      toolInput: {
        ...VALID,
        github: { value: 'https://github.com/lucia', quote: 'github.com/lucia' },
        experience: [{ ...VALID.experience[0]!, company: { value: 'Google', quote: 'Google LLC' } }, { ...VALID.experience[1]!, datesQuote: '2017 – 2020' }],
        skills: [...VALID.skills, { value: 'Kubernetes', quote: 'Kubernetes' }, { value: 'Trabajo en equipo', quote: 'Reportes en SQL' }],
      },
    });
    const { draft, path } = await run();
    expect(path).toBe('anthropic');
    expect(draft.contact.github).toBeNull();
    expect(draft.experience[0]!.company).toBeNull();
    expect(draft.experience[1]).toMatchObject({ title: 'Analista de Datos', start: null, end: null, current: false });
    expect(draft.skills.map((s) => s.skill)).not.toContain('kubernetes');
    expect(draft.warnings).toEqual([
      'contact.github: "https://github.com/lucia" is not supported by the résumé\'s text, left out',
      'experience.0.company: "Google" is not supported by the résumé\'s text, left out',
      'experience.1.dates: not found in the résumé\'s text, left out',
      'skills not in the taxonomy, left out: Trabajo en equipo',
      'skills the model named but the résumé does not contain, left out: Kubernetes',
    ]);
  });

  it('asks again after an answer that fails the schema, and uses the second', async () => {
    fake.replies.push({ toolInput: { ...VALID, experience: [{ title: 'no quote object' }] } }, { toolInput: VALID });
    const { path, draft } = await run();
    expect(fake.received).toHaveLength(2);
    expect(path).toBe('anthropic');
    expect(draft.experience).toHaveLength(2);
  });

  it('falls back to the offline parser after answers that keep failing the schema, or are cut short', async () => {
    fake.replies.push({ toolInput: { name: 'Lucía' } }, { toolInput: VALID, stopReason: 'max_tokens' });
    const { path, fallback, draft, model } = await run();
    expect(fake.received).toHaveLength(2);
    expect(path).toBe('offline');
    expect(model).toBeNull();
    expect(fallback).toMatchObject({ reason: 'invalid_output', detail: expect.stringMatching(/2 answers failed the schema; last: the answer was cut at max_tokens/) });
    // The offline draft is the offline parser's, field for field.
    expect(draft).toEqual(structureResume(TEXT, matcher, NOW));
  });

  it('retries 429 and 5xx inside the SDK, then uses the answer', async () => {
    fake.replies.push({ status: 429 }, { status: 500 }, { toolInput: VALID });
    const { path } = await run();
    expect(fake.received).toHaveLength(3);
    expect(path).toBe('anthropic');
  });

  it('falls back when the API keeps failing: a bounded number of requests, then offline', async () => {
    fake.replies.push({ status: 529 }, { status: 529 }, { status: 529 });
    const { path, fallback } = await run();
    expect(fake.received).toHaveLength(3);
    expect(path).toBe('offline');
    expect(fallback).toMatchObject({ reason: 'api_error', detail: expect.stringMatching(/^529/) });
  });

  it('does not retry a rejected key, and falls back', async () => {
    fake.replies.push({ status: 401 });
    const { path, fallback } = await run();
    expect(fake.received).toHaveLength(1);
    expect(fallback).toMatchObject({ reason: 'api_error', detail: expect.stringMatching(/^401/) });
    expect(path).toBe('offline');
  });

  it('gives up on a server that does not answer in time, and falls back', async () => {
    fake.replies.push({ hangMs: 3_000 }, { hangMs: 3_000 });
    const started = Date.now();
    const { path, fallback } = await run({ timeoutMs: 300, maxRetries: 1 });
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(fake.received).toHaveLength(2);
    expect(path).toBe('offline');
    expect(fallback).toMatchObject({ reason: 'timeout', detail: 'no answer within 300 ms (2 tries)' });
  });

  it('keeps a very long text on the offline path without calling the API', async () => {
    const long = `${TEXT}\n${'Reportes en SQL y Python. '.repeat(2_000)}`;
    const { path, fallback } = await run({}, long);
    expect(fake.received).toHaveLength(0);
    expect(path).toBe('offline');
    expect(fallback?.reason).toBe('too_long');
  });

  it('uses the offline parser, and no network, without a key', async () => {
    const structured = await structureResumeText(TEXT, { now: NOW, anthropic: null });
    expect(structured).toMatchObject({ path: 'offline', fallback: null, namedSkills: null });
    expect(fake.received).toHaveLength(0);
  });
});
