import type { Profile } from '../../warehouse/app.js';
import { LATAM_COUNTRIES } from '../normalize/geo.js';
import type { ResumeDraft } from './draft.js';

export type EditableProfile = Omit<Profile, 'userId' | 'displayName'>;

// Job ads list the languages they require among their skills ("inglês fluente"), so a language the
// person speaks well is also a skill for matching.
const LANGUAGE_SKILLS: Record<string, string> = { en: 'english', es: 'spanish', pt: 'portuguese' };
const WORKING_LEVELS = new Set(['native', 'fluent', 'advanced', 'B2', 'C1', 'C2']);
const PROFILE_SENIORITY = { intern: 'junior', junior: 'junior', mid: 'mid', senior: 'senior', staff: 'senior', lead: 'lead' } as const;

/**
 * The profile a draft suggests, for the review form: what the résumé says, and for what a résumé
 * does not say (time zone, salary floor, remote scopes, accepted contracts, target roles) the current profile's values, else defaults.
 */
export function profileFromDraft(draft: ResumeDraft, current: EditableProfile | null): EditableProfile {
  const country = draft.contact.country ?? current?.country ?? null;
  const languageSkills = draft.languages.filter((l) => l.level && WORKING_LEVELS.has(l.level) && LANGUAGE_SKILLS[l.language]).map((l) => LANGUAGE_SKILLS[l.language]!);
  return {
    country,
    timezone: current?.timezone ?? null,
    yearsExperience: draft.totalYearsExperience ?? current?.yearsExperience ?? 0,
    seniority: draft.seniority ? PROFILE_SENIORITY[draft.seniority] : (current?.seniority ?? null),
    skills: [...new Set([...draft.skills.map((s) => s.skill), ...languageSkills])],
    salaryFloorUsdMonth: current?.salaryFloorUsdMonth ?? null,
    salaryFloor: current?.salaryFloor ?? null,
    remoteScopes: current?.remoteScopes ?? (country && LATAM_COUNTRIES.has(country) ? ['global', 'latam', ...(country === 'BR' ? (['brazil'] as const) : [])] : ['global']),
    languages: draft.languages.map((l) => l.language),
    contractTypes: current?.contractTypes ?? [],
    targetRoles: current?.targetRoles ?? [],
  };
}
