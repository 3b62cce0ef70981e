import { detectLanguage } from '../normalize/language.js';
import { classifySeniority, type Seniority } from '../normalize/seniority.js';
import type { SkillMatcher } from '../normalize/skills.js';
import { locate, spanAt, type Contact, type ExperienceEntry, type ResumeDraft, type SectionKind, type Span } from './draft.js';
import { findEmail, findGithub, findLinkedin, findLocation, findName, findPhone, phoneCountry, type Found } from './structure-contact.js';
import { monthIndex } from './structure-dates.js';
import { rawEntries, toEducation, toExperience, type Line } from './structure-entries.js';
import { findLanguages } from './structure-languages.js';
import { findSections, type Section } from './structure-sections.js';
import { withTextSkills } from './resume-skills.js';
import { mask, within } from './text-mask.js';

export { parseResumeDate } from './structure-dates.js';
export type { ResumeDraft } from './draft.js';

export interface StructureHints {
  /** The line printed largest on the first page (PDF): on almost every résumé, the person's name. */
  prominentLine?: string | null;
}

const HEADER_LINES = 8;
// Lines under the name that still belong to the contact block (headline, place, phone) when the
// name is not at the top of the text, as in LinkedIn's export, where the sidebar comes first.
const LINES_UNDER_NAME = 3;

function linesIn(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let at = from;
  for (const line of text.slice(from, to).split('\n')) {
    lines.push({ text: line, at });
    at += line.length + 1;
  }
  return lines;
}

function bodyOf(text: string, sections: Section[], kind: SectionKind): Line[] | null {
  const own = sections.filter((s) => s.kind === kind);
  return own.length ? own.flatMap((s) => linesIn(text, s.bodyStart, s.end)) : null;
}

/** Years between the merged month intervals; an open entry runs to `now`, one without a start is left out. */
export function totalYears(entries: ExperienceEntry[], now: Date): number | null {
  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const spans = entries
    .filter((e) => e.start && (e.end || e.current))
    .map((e) => [monthIndex(e.start!), Math.min(e.end ? monthIndex(e.end) : nowMonth, nowMonth) + 1] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  if (!spans.length) return null;
  let months = 0;
  let [from, to] = spans[0]!;
  for (const [a, b] of spans.slice(1)) {
    if (a <= to) to = Math.max(to, b);
    else {
      months += to - from;
      [from, to] = [a, b];
    }
  }
  months += to - from;
  return Math.round((months / 12) * 10) / 10;
}

const byYears = (years: number): Seniority => (years < 2 ? 'junior' : years < 5 ? 'mid' : 'senior');

/**
 * The latest job's title decides when it names a level ("Senior Data Engineer", "Estagiária");
 * otherwise the years, since a title named years ago ("Junior Analyst") says little about today.
 * With no usable dates, the most recent title that names a level. `entry` is the job whose title decided.
 */
export function seniorityOf(entries: ExperienceEntry[], years: number | null): { level: Seniority | null; entry: number | null } {
  const latestFirst = entries.map((e, i) => ({ e, i })).sort((a, b) => Number(b.e.current) - Number(a.e.current) || (b.e.start ?? '').localeCompare(a.e.start ?? ''));
  const levels = latestFirst.map(({ e, i }) => ({ level: e.title ? (classifySeniority(e.title)?.level ?? null) : null, entry: i }));
  if (levels[0]?.level) return levels[0];
  if (years !== null) return { level: byYears(years), entry: null };
  return levels.find((l) => l.level !== null) ?? { level: null, entry: null };
}

/** The form of the text every offset of a draft refers to: NFC, `\n` line ends. */
export function resumeText(input: string): string {
  return input.normalize('NFC').replace(/\r\n?/g, '\n');
}

/**
 * A profile draft from a résumé's plain text, in Portuguese, Spanish or English, with no model or
 * API: sections from headings, jobs from date ranges, contacts, languages and taxonomy skills.
 * Nothing is guessed: what the text does not say stays null and `warnings` says what is missing.
 * Every field found keeps its evidence: offsets into `resumeText(input)` it was read from.
 */
export function structureResume(input: string, skills: SkillMatcher, now: Date, hints: StructureHints = {}): ResumeDraft {
  const text = resumeText(input);
  return withTextSkills(structureFields(text, now, hints), text, skills);
}

/** Every field but skills (see resume-skills.ts), from text already in `resumeText` form. */
export function structureFields(text: string, now: Date, hints: StructureHints = {}): ResumeDraft {
  const warnings: string[] = [];
  const evidence: Record<string, Span> = {};
  const note = (path: string, found: { start: number; end: number } | null | undefined) => {
    if (found) evidence[path] = spanAt(text, found.start, found.end);
  };
  const sections = findSections(text);
  const allLines = linesIn(text, 0, text.length);

  // The contact block: everything above the first heading (or the first lines when there is none),
  // any contact section, and the lines under the name when the name is printed elsewhere.
  const headerEnd = sections[0]?.start ?? allLines.slice(0, HEADER_LINES).reduce((end, l) => l.at + l.text.length, 0);
  const headerLines = linesIn(text, 0, headerEnd).filter((l) => l.text.trim());
  const prominent = hints.prominentLine?.trim();
  const name = findName([...(prominent ? [prominent] : []), ...headerLines.map((l) => l.text)]);
  const nameSpan = locate(text, name);
  note('name', nameSpan);
  const block = [{ start: 0, end: headerEnd }, ...sections.filter((s) => s.kind === 'contact').map((s) => ({ start: s.bodyStart, end: s.end }))];
  if (nameSpan && nameSpan.start >= headerEnd) {
    const under = allLines.filter((l) => l.at >= nameSpan.end).slice(0, LINES_UNDER_NAME).at(-1);
    block.push({ start: nameSpan.end, end: under ? under.at + under.text.length : nameSpan.end });
  }
  // The name is left out: "Ana Paula Lima" names a person, not Peru's capital.
  const contactText = mask(text, (at) => within(block)(at) && !(nameSpan && within([nameSpan])(at)));
  const location = findLocation(contactText);
  const email = findEmail(text);
  const phone = findPhone(contactText, location.country?.value ?? null);
  const linkedin = findLinkedin(text);
  const github = findGithub(text);
  // A phone's calling code says where the candidate is reachable when no place is written.
  const phoneCountryCode = !location.country && phone?.e164 ? phoneCountry(phone.value) : null;
  const country: Found | null = location.country ?? (phone && phoneCountryCode ? { ...phone, value: phoneCountryCode } : null);
  const contact: Contact = {
    email: email?.value ?? null,
    phone: phone?.value ?? null,
    linkedin: linkedin?.value ?? null,
    github: github?.value ?? null,
    city: location.city?.value ?? null,
    country: country?.value ?? null,
  };
  note('contact.email', email);
  note('contact.phone', phone);
  note('contact.linkedin', linkedin);
  note('contact.github', github);
  note('contact.city', location.city);
  note('contact.country', country);
  if (!name) warnings.push('no name found');
  if (!email) warnings.push('no email found');
  if (!phone) warnings.push('no phone found');
  else if (!phone.e164) warnings.push('phone country code unknown: kept as written');
  if (!contact.country) warnings.push('no country found');

  let experienceLines = bodyOf(text, sections, 'experience');
  if (!experienceLines) {
    warnings.push('no experience section found');
    // Without the heading, jobs are still the dated lines outside education, courses and projects.
    const elsewhere = sections.filter((s) => ['education', 'certifications', 'projects'].includes(s.kind));
    experienceLines = allLines.filter((line) => !elsewhere.some((s) => line.at >= s.start && line.at < s.end));
  }
  const rawJobs = rawEntries(experienceLines, false);
  const experience = rawJobs.map((raw, i) => {
    const { entry, evidence: found } = toExperience(text, raw);
    for (const [field, span] of Object.entries(found)) evidence[field === 'entry' ? `experience.${i}` : `experience.${i}.${field}`] = span;
    return entry;
  });
  if (!experience.length) warnings.push('no dated experience entries found');
  experience.forEach((entry, i) => {
    if (!entry.title) warnings.push(`no title found in experience entry ${i + 1}`);
    if (!entry.company) warnings.push(`no company found in experience entry ${i + 1}`);
    if (rawJobs[i]!.range.yearOnly) warnings.push(`dates given as years only in experience entry ${i + 1}: months assumed`);
  });

  const educationLines = bodyOf(text, sections, 'education');
  const education = (educationLines ? rawEntries(educationLines, true) : []).map((raw, i) => {
    const { entry, evidence: found } = toEducation(text, raw);
    for (const [field, span] of Object.entries(found)) if (field !== 'entry') evidence[`education.${i}.${field}`] = span;
    return entry;
  });
  if (!educationLines) warnings.push('no education section found');
  else if (!education.length && educationLines.some((l) => l.text.trim())) warnings.push('no dated entries in the education section');

  const languageSections = sections.filter((s) => s.kind === 'languages');
  const languagesFound = languageSections.length
    ? languageSections.flatMap((s) => findLanguages(text.slice(s.bodyStart, s.end)).map((l) => ({ ...l, start: l.start + s.bodyStart, end: l.end + s.bodyStart })))
    : findLanguages(text, true);
  const languages = [...new Map(languagesFound.map((l) => [l.language, l])).values()];
  languages.forEach((l, i) => note(`languages.${i}`, l));
  if (!languageSections.length) warnings.push('no languages section found');
  if (!languages.length) warnings.push('no languages found');

  const totalYearsExperience = totalYears(experience, now);
  if (experience.length && totalYearsExperience === null) warnings.push('total years of experience unknown: no usable dates');
  const seniority = seniorityOf(experience, totalYearsExperience);
  if (seniority.entry !== null) note('seniority', evidence[`experience.${seniority.entry}.title`]);
  const language = detectLanguage(text);
  if (!language) warnings.push('language not detected');

  return {
    language,
    name,
    contact,
    sections: sections.map(({ kind, heading, start, end }) => ({ kind, heading, start, end })),
    experience,
    education,
    languages: languages.map(({ language: code, level }) => ({ language: code, level })),
    skills: [],
    totalYearsExperience,
    seniority: seniority.level,
    warnings,
    evidence,
  };
}
