import { createHash } from 'node:crypto';
import type { ExtractedPosting } from '../ingest/adapters/index.js';
import { toIso } from '../ingest/adapters/fields.js';
import { canonicalUrl } from '../dedupe/canonical-url.js';
import { postingContentHash } from '../dedupe/content-hash.js';
import { parseEmploymentType, type EmploymentType } from './employment-type.js';
import { findPlaces } from './geo.js';
import { cleanLine, htmlToPlainText } from './html-text.js';
import { detectLanguage, type Language } from './language.js';
import { assessQuality, type QualityResult } from './quality.js';
import { classifyRemoteScope, type ScopeResult } from './remote-scope.js';
import { findSalaryText, parseSalary, type ContractType, type Salary } from './salary.js';
import { classifySeniority, yearsRequired, type SeniorityMatch } from './seniority.js';
import type { SkillMatcher, SkillMention } from './skills.js';
import { parseTimezoneWindow, type TimezoneWindow } from './timezone.js';

/** Bumped whenever normalization changes what it derives: older rows are re-derived from raw_postings. */
export const NORMALIZER_VERSION = 2;

export interface NormalizedPosting {
  id: string;
  sourceId: string;
  externalId: string;
  title: string;
  company: string | null;
  location: string | null;
  language: Language | null;
  remote: Omit<ScopeResult, 'reasons'>;
  locationCountries: string[];
  locationCities: string[];
  timezone: Omit<TimezoneWindow, 'text'> | null;
  seniority: SeniorityMatch['level'] | null;
  yearsRequired: number | null;
  employmentType: EmploymentType | null;
  contractType: ContractType | null;
  salary: Salary | null;
  salaryText: string | null;
  postedAt: string | null;
  applyUrl: string | null;
  canonicalUrl: string | null;
  descriptionText: string;
  skills: string[];
  skillsRequired: string[];
  skillsNice: string[];
  quality: QualityResult;
  /** Where each derived field came from: the matched span and the field it was found in. */
  evidence: {
    skills: SkillMention[];
    remote: ScopeResult['reasons'];
    locationPlaces: string[];
    timezone: { text: string } | null;
    seniority: { field: string; text: string } | null;
    yearsRequired: { text: string } | null;
    employment: { field: string; text: string } | null;
    salary: { field: 'salary' | 'description'; text: string; assumptions: string[] } | null;
    language: { field: 'description' } | null;
  };
  contentHash: string;
}

/** Stable across runs: the same source posting always gets the same id. */
export function postingId(sourceId: string, externalId: string): string {
  return createHash('sha256').update(`${sourceId}\u0000${externalId}`).digest('hex').slice(0, 24);
}

function readSalary(raw: string | null, description: string, hints: { countryIso2: string | null; language: Language | null }) {
  const fromField = raw ? parseSalary(raw, hints) : null;
  if (fromField) return { salary: fromField, field: 'salary' as const };
  const sentence = findSalaryText(description);
  const fromText = sentence ? parseSalary(sentence, hints) : null;
  return fromText ? { salary: fromText, field: 'description' as const } : null;
}

export function normalizePosting(
  sourceId: string,
  externalId: string,
  raw: ExtractedPosting,
  skills: SkillMatcher,
  now: Date = new Date(),
): NormalizedPosting {
  const title = cleanLine(raw.title) ?? '(untitled)';
  const company = cleanLine(raw.company);
  const location = cleanLine(raw.location);
  const descriptionText = htmlToPlainText(raw.descriptionHtml);
  const salaryText = cleanLine(raw.salaryText);
  const postedAt = toIso(raw.postedAt);

  const language = detectLanguage(`${title}\n${descriptionText}`);
  const places = findPlaces(location ?? '');
  const scope = classifyRemoteScope({ location, title, description: descriptionText, language, structured: raw.remote ?? undefined });
  const timezone = parseTimezoneWindow([location ?? '', descriptionText]);
  const seniority = classifySeniority(title, descriptionText);
  const years = yearsRequired(descriptionText);
  const employment = parseEmploymentType({ employmentType: raw.employmentType, title, description: descriptionText });
  const salary = readSalary(salaryText, descriptionText, { countryIso2: scope.countries[0] ?? places.countries[0] ?? null, language });
  const mentions = skills.find({ title, tags: raw.tags.join(', '), description: descriptionText });
  const quality = assessQuality({ title, company, description: descriptionText, applyUrl: raw.applyUrl, postedAt }, now);

  const skillsWhere = (required: boolean) => [...new Set(mentions.filter((m) => m.required === required).map((m) => m.skill))].sort();
  return {
    id: postingId(sourceId, externalId),
    sourceId,
    externalId,
    title,
    company,
    location,
    language,
    remote: { scope: scope.scope, countries: scope.countries },
    locationCountries: places.countries,
    locationCities: places.cities.map((c) => c.name),
    timezone: timezone ? { minUtcOffset: timezone.minUtcOffset, maxUtcOffset: timezone.maxUtcOffset } : null,
    seniority: seniority?.level ?? null,
    yearsRequired: years?.min ?? null,
    employmentType: employment.type,
    contractType: salary?.salary.contract ?? employment.contract,
    salary: salary?.salary ?? null,
    salaryText,
    postedAt,
    applyUrl: raw.applyUrl,
    canonicalUrl: canonicalUrl(raw.applyUrl),
    descriptionText,
    skills: [...new Set(mentions.map((m) => m.skill))].sort(),
    skillsRequired: skillsWhere(true),
    skillsNice: skillsWhere(false),
    quality,
    evidence: {
      skills: mentions,
      remote: scope.reasons,
      locationPlaces: places.evidence,
      timezone: timezone ? { text: timezone.text } : null,
      seniority: seniority ? { field: seniority.field, text: seniority.text } : null,
      yearsRequired: years ? { text: years.text } : null,
      employment: employment.evidence,
      salary: salary ? { field: salary.field, text: salary.salary.text, assumptions: salary.salary.assumptions } : null,
      language: language ? { field: 'description' } : null,
    },
    contentHash: postingContentHash(title, company, descriptionText),
  };
}
