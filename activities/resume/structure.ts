import { detectLanguage } from '../normalize/language.js';
import { classifySeniority, type Seniority } from '../normalize/seniority.js';
import type { SkillMatcher } from '../normalize/skills.js';
import { findEmail, findGithub, findLinkedin, findLocation, findName, findPhone, phoneCountry, type Contact } from './structure-contact.js';
import { monthIndex } from './structure-dates.js';
import { rawEntries, toEducation, toExperience, type EducationEntry, type ExperienceEntry, type RawEntry } from './structure-entries.js';
import { findLanguages, type SpokenLanguage } from './structure-languages.js';
import { findSections, type Section, type SectionKind } from './structure-sections.js';

export { parseResumeDate } from './structure-dates.js';

export interface ResumeDraft {
  language: 'pt' | 'es' | 'en' | null;
  name: string | null;
  contact: Contact;
  /** Offsets into the résumé text: from the heading line's start to the next heading's start. */
  sections: { kind: SectionKind; heading: string; start: number; end: number }[];
  experience: ExperienceEntry[];
  education: EducationEntry[];
  languages: SpokenLanguage[];
  skills: { skill: string; years: number | null; evidence: string }[];
  /** Merged intervals of the experience entries (overlaps counted once), up to `now`; one decimal. */
  totalYearsExperience: number | null;
  seniority: Seniority | null;
  warnings: string[];
}

const HEADER_LINES = 8;
const linesOf = (text: string, from: number, to: number) => text.slice(from, to).split('\n');

function bodyOf(text: string, sections: Section[], kind: SectionKind): string[] | null {
  const own = sections.filter((s) => s.kind === kind);
  return own.length ? own.flatMap((s) => linesOf(text, s.bodyStart, s.end)) : null;
}

/** Years between the merged month intervals; an open entry runs to `now`, one without a start is left out. */
function totalYears(entries: ExperienceEntry[], now: Date): number | null {
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
 * With no usable dates, the most recent title that names a level.
 */
function seniorityOf(entries: ExperienceEntry[], years: number | null): Seniority | null {
  const latestFirst = [...entries].sort((a, b) => Number(b.current) - Number(a.current) || (b.start ?? '').localeCompare(a.start ?? ''));
  const levels = latestFirst.map((e) => (e.title ? (classifySeniority(e.title)?.level ?? null) : null));
  if (levels[0]) return levels[0];
  if (years !== null) return byYears(years);
  return levels.find((l) => l !== null) ?? null;
}

/**
 * A profile draft from a résumé's plain text, in Portuguese, Spanish or English, with no model or
 * API: sections from headings, jobs from date ranges, contacts, languages and taxonomy skills.
 * Nothing is guessed: what the text does not say stays null and `warnings` says what is missing.
 */
export function structureResume(text: string, skills: SkillMatcher, now: Date): ResumeDraft {
  const nfc = text.normalize('NFC').replace(/\r\n?/g, '\n');
  const warnings: string[] = [];
  const sections = findSections(nfc);
  const allLines = nfc.split('\n');

  // The contact block is everything above the first heading (or the first lines when there is none).
  const headerEnd = sections[0]?.start ?? allLines.slice(0, HEADER_LINES).join('\n').length;
  const headerLines = linesOf(nfc, 0, headerEnd).filter((l) => l.trim());
  const name = findName(headerLines);
  const location = findLocation(headerLines.filter((l) => l.trim() !== name).join('\n'));
  const email = findEmail(nfc);
  const phoneFound = findPhone(linesOf(nfc, 0, headerEnd).join('\n'), location.country) ?? null;
  const contact: Contact = {
    email,
    phone: phoneFound?.phone ?? null,
    linkedin: findLinkedin(nfc),
    github: findGithub(nfc),
    city: location.city,
    // A phone's calling code says where the candidate is reachable when no place is written.
    country: location.country ?? (phoneFound?.e164 ? phoneCountry(phoneFound.phone) : null),
  };
  if (!name) warnings.push('no name found');
  if (!email) warnings.push('no email found');
  if (!phoneFound) warnings.push('no phone found');
  else if (!phoneFound.e164) warnings.push('phone country code unknown: kept as written');
  if (!contact.country) warnings.push('no country found');

  let experienceLines = bodyOf(nfc, sections, 'experience');
  if (!experienceLines) {
    warnings.push('no experience section found');
    // Without the heading, jobs are still the dated lines outside education, courses and projects.
    const elsewhere = sections.filter((s) => ['education', 'certifications', 'projects'].includes(s.kind));
    let at = 0;
    experienceLines = allLines.filter((line) => {
      const inside = elsewhere.some((s) => at >= s.start && at < s.end);
      at += line.length + 1;
      return !inside;
    });
  }
  const rawJobs: RawEntry[] = rawEntries(experienceLines, false);
  const experience = rawJobs.map(toExperience);
  if (!experience.length) warnings.push('no dated experience entries found');
  experience.forEach((entry, i) => {
    if (!entry.title) warnings.push(`no title found in experience entry ${i + 1}`);
    if (!entry.company) warnings.push(`no company found in experience entry ${i + 1}`);
    if (rawJobs[i]!.range.yearOnly) warnings.push(`dates given as years only in experience entry ${i + 1}: months assumed`);
  });

  const educationLines = bodyOf(nfc, sections, 'education');
  const education = educationLines ? rawEntries(educationLines, true).map(toEducation) : [];
  if (!educationLines) warnings.push('no education section found');
  else if (!education.length && educationLines.some((l) => l.trim())) warnings.push('no dated entries in the education section');

  const languageLines = bodyOf(nfc, sections, 'languages');
  const languages = languageLines ? findLanguages(languageLines.join('\n')) : findLanguages(nfc, true);
  if (!languageLines) warnings.push('no languages section found');
  if (!languages.length) warnings.push('no languages found');

  const found = skills.find({ resume: nfc }).map((m) => ({ skill: m.skill, years: m.years, evidence: m.text }));
  if (!found.length) warnings.push('no skills found');

  const totalYearsExperience = totalYears(experience, now);
  if (experience.length && totalYearsExperience === null) warnings.push('total years of experience unknown: no usable dates');
  const seniority = seniorityOf(experience, totalYearsExperience);
  const language = detectLanguage(nfc);
  if (!language) warnings.push('language not detected');

  return {
    language,
    name,
    contact,
    sections: sections.map(({ kind, heading, start, end }) => ({ kind, heading, start, end })),
    experience,
    education,
    languages,
    skills: found,
    totalYearsExperience,
    seniority,
    warnings,
  };
}
