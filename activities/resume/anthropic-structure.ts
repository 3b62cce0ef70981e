// Résumé structuring through the Anthropic API, used only when ANTHROPIC_API_KEY is set. The model
// fills a tool's JSON schema; its answer is checked with zod, every value must quote the résumé
// (quotes become evidence spans, a value whose quote is not in the text is dropped), and after a
// bounded number of failures the offline parser takes over. Which path produced a draft is kept.
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { detectLanguage } from '../normalize/language.js';
import type { SkillMatcher } from '../normalize/skills.js';
import { locate, spanAt, type ResumeDraft, type Span } from './draft.js';
import { withModelSkills, withTextSkills, type NamedSkill } from './resume-skills.js';
import { findEmail, findGithub, findLinkedin, findPhone } from './structure-contact.js';
import { findSections } from './structure-sections.js';
import { seniorityOf, structureFields, totalYears, type StructureHints } from './structure.js';

export interface AnthropicSettings {
  apiKey: string;
  model: string;
  /** Unset: the SDK's default (api.anthropic.com, or ANTHROPIC_BASE_URL). Tests point it at a fake server. */
  baseURL?: string;
  /** Per request; the SDK retries a timed-out request like a 429 or 5xx, up to `maxRetries` times. */
  timeoutMs: number;
  maxRetries: number;
  /** How many answers in all may fail the schema before the offline parser takes over. */
  maxAnswers: number;
}

export const ANTHROPIC_DEFAULTS = { timeoutMs: 60_000, maxRetries: 2, maxAnswers: 2 } as const;
// Past this the offline parser is used: a résumé this long is not worth a large, slow request.
const MAX_MODEL_CHARS = 40_000;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const quoted = z.object({
  value: z.string().min(1).max(300).describe('the value, normalised as the field asks'),
  quote: z.string().min(1).max(500).describe('the exact words of the résumé it was read from, copied verbatim'),
});

/** What the model must answer: the draft's fields, each with the words of the résumé it came from. */
export const modelResumeSchema = z.object({
  name: quoted.nullable(),
  email: quoted.nullable(),
  phone: quoted.nullable().describe('value in E.164 (+5511987654321) when the country is known, else as written'),
  linkedin: quoted.nullable(),
  github: quoted.nullable(),
  city: quoted.nullable(),
  country: quoted.nullable().describe('value as an ISO 3166-1 alpha-2 code (BR, MX, AR…)'),
  experience: z
    .array(
      z.object({
        title: quoted.nullable(),
        company: quoted.nullable(),
        start: month.nullable().describe('YYYY-MM; a bare year starts in January'),
        end: month.nullable().describe('YYYY-MM; a bare year ends in December; null for a current job'),
        current: z.boolean(),
        datesQuote: z.string().max(200).nullable().describe('the dates exactly as written'),
        description: z.string().max(5000),
      }),
    )
    .max(40),
  education: z
    .array(
      z.object({
        degree: quoted.nullable(),
        institution: quoted.nullable(),
        start: month.nullable(),
        end: month.nullable(),
        datesQuote: z.string().max(200).nullable(),
      }),
    )
    .max(20),
  languages: z
    .array(
      z.object({
        language: z.string().regex(/^[a-z]{2}$/).describe('ISO 639-1'),
        level: z.enum(['native', 'fluent', 'advanced', 'intermediate', 'basic', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']).nullable(),
        quote: z.string().min(1).max(200),
      }),
    )
    .max(15),
  skills: z.array(quoted).max(150).describe('technical and domain skills; not human languages, not soft skills'),
});
export type ModelResume = z.infer<typeof modelResumeSchema>;

const TOOL_NAME = 'record_resume';
// The API takes the schema itself; the $schema dialect line is not part of it.
const INPUT_SCHEMA = Object.fromEntries(Object.entries(z.toJSONSchema(modelResumeSchema)).filter(([key]) => key !== '$schema'));

const SYSTEM = [
  'You read résumés written in Portuguese, Spanish or English and record what they state by calling the record_resume tool.',
  'Record only what the résumé itself says. Every value needs a quote: the exact words of the résumé, copied character for character, that it was read from.',
  'Use null (or an empty list) for anything the résumé does not state; never infer a name, a contact, a date or a skill that is not written.',
  'Jobs and degrees in the order the résumé lists them. Dates as YYYY-MM. A current job ("atual", "presente", "actualidad", "Present") has current true and end null.',
].join(' ');

export type FallbackReason = 'too_long' | 'invalid_output' | 'api_error' | 'timeout';

export class ModelPathError extends Error {
  constructor(
    readonly reason: FallbackReason,
    message: string,
  ) {
    super(message);
    this.name = 'ModelPathError';
  }
}

/** Asks the model for the résumé's fields; retries an answer that fails the schema, up to `maxAnswers` in all. */
export async function askAnthropic(text: string, settings: AnthropicSettings): Promise<{ output: ModelResume; answers: number }> {
  if (text.length > MAX_MODEL_CHARS) throw new ModelPathError('too_long', `the text has ${text.length} characters; the model path takes up to ${MAX_MODEL_CHARS}`);
  const client = new Anthropic({ apiKey: settings.apiKey, baseURL: settings.baseURL, timeout: settings.timeoutMs, maxRetries: settings.maxRetries });
  let problem = '';
  for (let answer = 1; answer <= settings.maxAnswers; answer++) {
    let message: Anthropic.Message;
    try {
      message = await client.messages.create({
        model: settings.model,
        max_tokens: 8192,
        system: SYSTEM,
        tools: [{ name: TOOL_NAME, description: 'Records the fields of one résumé, each with the words it was read from.', input_schema: INPUT_SCHEMA as Anthropic.Tool.InputSchema }],
        tool_choice: { type: 'tool', name: TOOL_NAME },
        messages: [{ role: 'user', content: `<resume>\n${text}\n</resume>` }],
      });
    } catch (error) {
      // The SDK has already retried 429, 5xx and time-outs with backoff; what is left is final.
      if (error instanceof Anthropic.APIConnectionTimeoutError) throw new ModelPathError('timeout', `no answer within ${settings.timeoutMs} ms (${settings.maxRetries + 1} tries)`);
      if (error instanceof Anthropic.APIError) throw new ModelPathError('api_error', `${error.status ?? 'no status'}: ${error.message}`);
      throw error;
    }
    const call = message.content.find((block) => block.type === 'tool_use' && block.name === TOOL_NAME);
    const parsed = modelResumeSchema.safeParse(call && 'input' in call ? call.input : undefined);
    if (parsed.success && message.stop_reason !== 'max_tokens') return { output: parsed.data, answers: answer };
    problem = !call ? 'no record_resume call' : message.stop_reason === 'max_tokens' ? 'the answer was cut at max_tokens' : z.prettifyError(parsed.error!).slice(0, 500);
  }
  throw new ModelPathError('invalid_output', `${settings.maxAnswers} answers failed the schema; last: ${problem}`);
}

/**
 * The model's answer as a draft in the same shape as the offline parser's. Sections, total years
 * and seniority are computed from it the same way; a value whose quote is not in the text is
 * dropped with a warning, so the model cannot add what the résumé does not say.
 */
export function draftFromModel(text: string, output: ModelResume, now: Date): { draft: ResumeDraft; skills: NamedSkill[] } {
  const warnings: string[] = [];
  const evidence: Record<string, Span> = {};
  const keep = (path: string, field: { value: string; quote: string } | null, value: (v: string, quote: string) => string | null = (v) => v): string | null => {
    if (!field) return null;
    const span = locate(text, field.quote);
    const normalised = span ? value(field.value, field.quote) : null;
    if (!span || !normalised) {
      warnings.push(`${path}: "${field.value}" is not supported by the résumé's text, left out`);
      return null;
    }
    evidence[path] = span;
    return normalised;
  };
  const name = keep('name', output.name);
  const contact = {
    email: keep('contact.email', output.email, (_v, q) => findEmail(q)?.value ?? null),
    phone: keep('contact.phone', output.phone, (v, q) => (/^\+\d{8,15}$/.test(v) ? v : (findPhone(q, output.country?.value ?? null)?.value ?? null))),
    linkedin: keep('contact.linkedin', output.linkedin, (_v, q) => findLinkedin(q)?.value ?? null),
    github: keep('contact.github', output.github, (_v, q) => findGithub(q)?.value ?? null),
    city: keep('contact.city', output.city),
    country: keep('contact.country', output.country, (v) => (/^[A-Z]{2}$/.test(v) ? v : null)),
  };
  const experience = output.experience.map((e, i) => {
    const title = keep(`experience.${i}.title`, e.title);
    const company = keep(`experience.${i}.company`, e.company);
    const dates = e.datesQuote ? locate(text, e.datesQuote) : null;
    if (dates) evidence[`experience.${i}.dates`] = dates;
    const spans = [evidence[`experience.${i}.title`], evidence[`experience.${i}.company`], dates].filter((s): s is Span => !!s);
    if (spans.length) evidence[`experience.${i}`] = spanAt(text, Math.min(...spans.map((s) => s.start)), Math.max(...spans.map((s) => s.end)));
    // Dates nobody wrote are not kept: a start or end with no quote in the text is dropped.
    const start = dates ? e.start : null;
    const end = dates && !e.current ? e.end : null;
    if (!dates && (e.start || e.end)) warnings.push(`experience.${i}.dates: not found in the résumé's text, left out`);
    return { title, company, start, end, current: !!dates && e.current, text: e.description };
  });
  const education = output.education.map((e, i) => {
    const degree = keep(`education.${i}.degree`, e.degree);
    const institution = keep(`education.${i}.institution`, e.institution);
    const dates = e.datesQuote ? locate(text, e.datesQuote) : null;
    if (dates) evidence[`education.${i}.dates`] = dates;
    return { degree, institution, start: dates ? e.start : null, end: dates ? e.end : null };
  });
  const languages = output.languages.flatMap((l) => {
    const span = locate(text, l.quote);
    if (!span) warnings.push(`languages: "${l.language}" is not supported by the résumé's text, left out`);
    return span ? [{ language: l.language, level: l.level, span }] : [];
  });
  languages.forEach((l, i) => (evidence[`languages.${i}`] = l.span));
  const total = totalYears(experience, now);
  const seniority = seniorityOf(experience, total);
  if (seniority.entry !== null && evidence[`experience.${seniority.entry}.title`]) evidence.seniority = evidence[`experience.${seniority.entry}.title`]!;
  const draft: ResumeDraft = {
    language: detectLanguage(text),
    name,
    contact,
    sections: findSections(text).map(({ kind, heading, start, end }) => ({ kind, heading, start, end })),
    experience,
    education,
    languages: languages.map(({ language, level }) => ({ language, level })),
    skills: [],
    totalYearsExperience: total,
    seniority: seniority.level,
    warnings,
    evidence,
  };
  return { draft, skills: output.skills };
}

export type ParsePath = 'offline' | 'anthropic';

/** A draft before its skills are normalized: the fields, and what the model named as skills. */
export interface StructuredResume {
  /** Every field but `skills`. */
  draft: ResumeDraft;
  /** The model's skills, still as it wrote them; null on the offline path, which reads skills from the text. */
  namedSkills: NamedSkill[] | null;
  path: ParsePath;
  /** Why the offline parser produced this draft although a key was set; null otherwise. */
  fallback: { reason: FallbackReason; detail: string } | null;
  model: string | null;
}

/**
 * The draft's fields from the model when settings are given, else offline; any failure on the model
 * path ends on the offline path with the reason kept, never with an error.
 */
export async function structureResumeText(text: string, deps: { now: Date; anthropic: AnthropicSettings | null }, hints: StructureHints = {}): Promise<StructuredResume> {
  const offline = (fallback: StructuredResume['fallback']): StructuredResume => ({
    draft: structureFields(text, deps.now, hints),
    namedSkills: null,
    path: 'offline',
    fallback,
    model: null,
  });
  if (!deps.anthropic) return offline(null);
  try {
    const { output } = await askAnthropic(text, deps.anthropic);
    const { draft, skills } = draftFromModel(text, output, deps.now);
    return { draft, namedSkills: skills, path: 'anthropic', fallback: null, model: deps.anthropic.model };
  } catch (error) {
    if (!(error instanceof ModelPathError)) throw error;
    return offline({ reason: error.reason, detail: error.message });
  }
}

/** The "normalize skills" step: taxonomy ids with evidence, from the model's names or else from the text. */
export function normalizeResumeSkills(structured: Pick<StructuredResume, 'draft' | 'namedSkills'>, text: string, skills: SkillMatcher): ResumeDraft {
  return structured.namedSkills ? withModelSkills(structured.draft, text, skills, structured.namedSkills) : withTextSkills(structured.draft, text, skills);
}
