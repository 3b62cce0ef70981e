// The résumé draft: what structuring (offline or through Anthropic) hands to the user for review.
// One zod schema serves the stored JSON, the API's output and the check of a model's answer, so the
// three cannot drift apart.
import { z } from 'zod';
import { foldForMatching } from '../normalize/text-fold.js';

/** Where a field was read: offsets into the résumé's extracted text (`text.slice(start, end) === text`). */
export const spanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0), text: z.string() });
export type Span = z.infer<typeof spanSchema>;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const short = (max: number) => z.string().min(1).max(max);

export const contactSchema = z.object({
  email: short(200).nullable(),
  phone: short(40).nullable(),
  linkedin: short(300).nullable(),
  github: short(300).nullable(),
  city: short(120).nullable(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().length(2).nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const experienceSchema = z.object({
  title: short(200).nullable(),
  company: short(200).nullable(),
  start: month.nullable(),
  end: month.nullable(),
  current: z.boolean(),
  /** The entry's description lines. */
  text: z.string().max(20_000),
});
export type ExperienceEntry = z.infer<typeof experienceSchema>;

export const educationSchema = z.object({
  degree: short(300).nullable(),
  institution: short(300).nullable(),
  start: month.nullable(),
  end: month.nullable(),
});
export type EducationEntry = z.infer<typeof educationSchema>;

export const spokenLanguageSchema = z.object({
  /** ISO 639-1. */
  language: z.string().min(2).max(3),
  /** native | fluent | advanced | intermediate | basic, or a CEFR level A1–C2; null when not stated. */
  level: z.string().max(20).nullable(),
});
export type SpokenLanguage = z.infer<typeof spokenLanguageSchema>;

export const SENIORITIES = ['intern', 'junior', 'mid', 'senior', 'staff', 'lead'] as const;
export const SECTION_KINDS = ['contact', 'experience', 'education', 'skills', 'languages', 'summary', 'projects', 'certifications', 'other'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const resumeDraftSchema = z.object({
  language: z.enum(['pt', 'es', 'en']).nullable(),
  name: short(200).nullable(),
  contact: contactSchema,
  /** Offsets into the résumé text: from the heading line's start to the next heading's start. */
  sections: z.array(z.object({ kind: z.enum(SECTION_KINDS), heading: z.string(), start: z.number().int(), end: z.number().int() })).max(100),
  experience: z.array(experienceSchema).max(60),
  education: z.array(educationSchema).max(30),
  languages: z.array(spokenLanguageSchema).max(20),
  /** Taxonomy skill ids, each with the years the résumé states for it (null when it does not). */
  skills: z.array(z.object({ skill: short(80), years: z.number().min(0).max(60).nullable() })).max(500),
  /** Merged intervals of the experience entries (overlaps counted once), up to the parse date; one decimal. */
  totalYearsExperience: z.number().min(0).max(80).nullable(),
  seniority: z.enum(SENIORITIES).nullable(),
  /** What the parser could not find or had to assume, in plain words. */
  warnings: z.array(z.string()).max(200),
  /**
   * Where each field was read, by field path: `name`, `contact.email` … `contact.country`,
   * `experience.<i>` (the whole entry), `experience.<i>.title|company|dates`,
   * `education.<i>.degree|institution|dates`, `languages.<i>`, `skills.<i>`, `seniority` (the title
   * that decided it). A field with no entry here was derived (total years) or not found.
   */
  evidence: z.record(z.string(), spanSchema),
});
export type ResumeDraft = z.infer<typeof resumeDraftSchema>;

export function spanAt(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

/**
 * The first place in text[from, to) where `value` is written, ignoring case, accents and how the
 * words are spaced or wrapped ("Sao Paulo" is evidence for "São Paulo"); null when it is not there,
 * so a value nobody wrote gets no evidence.
 */
export function locate(text: string, value: string | null, from = 0, to = text.length): Span | null {
  const words = value ? foldForMatching(value.normalize('NFC')).trim().split(/\s+/).filter(Boolean) : [];
  if (!words.length) return null;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'gu');
  pattern.lastIndex = from;
  const m = pattern.exec(foldForMatching(text).slice(0, to));
  return m ? spanAt(text, m.index, m.index + m[0].length) : null;
}
