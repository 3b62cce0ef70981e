// The "normalize skills" step of a résumé: taxonomy skill ids with their evidence, either read from
// the text by the taxonomy matcher (offline) or mapped from the skills a model named (Anthropic).
import type { SkillMatcher } from '../normalize/skills.js';
import { locate, spanAt, type ResumeDraft, type Span } from './draft.js';
import { mask, within } from './text-mask.js';

/** A skill as a model named it, with the words of the résumé it quoted. */
export interface NamedSkill {
  value: string;
  quote: string;
}

function softSkills(matcher: SkillMatcher): Set<string> {
  return new Set(matcher.taxonomy.skills.filter((s) => s.category === 'soft_skill').map((s) => s.id));
}

function withSkills(draft: ResumeDraft, found: { skill: string; years: number | null; span: Span }[], warnings: string[]): ResumeDraft {
  const evidence = Object.fromEntries(Object.entries(draft.evidence).filter(([path]) => !path.startsWith('skills.')));
  found.forEach((f, i) => (evidence[`skills.${i}`] = f.span));
  const others = draft.warnings.filter((w) => w !== 'no skills found');
  return { ...draft, skills: found.map(({ skill, years }) => ({ skill, years })), evidence, warnings: [...others, ...warnings, ...(found.length ? [] : ['no skills found'])] };
}

/**
 * Taxonomy skills written anywhere but the contact and languages sections ("(Mobile)" beside a phone
 * is no skill; languages have their own field). Soft skills are left for the person to add, and a
 * skill whose every mention sits inside a longer one's ("Monitoramento de modelos" is model
 * monitoring, not infrastructure monitoring) is not counted.
 */
export function withTextSkills(draft: ResumeDraft, text: string, matcher: SkillMatcher): ResumeDraft {
  const notSkills = within(draft.sections.filter((s) => s.kind === 'contact' || s.kind === 'languages'));
  // A sentence wrapped onto the next line ("revisão de\ncódigo") is one line for the matcher.
  const readable = mask(text, (at) => !notSkills(at)).replace(/\n(?=\p{Ll})/gu, ' ');
  const all = matcher.mentions({ resume: readable });
  const subsumed = (skill: string) =>
    all
      .filter((m) => m.skill === skill)
      .every((m) => all.some((o) => o.skill !== skill && o.start <= m.start && o.start + o.text.length >= m.start + m.text.length && o.text.length > m.text.length));
  const soft = softSkills(matcher);
  const found = matcher
    .find({ resume: readable })
    .filter((m) => !soft.has(m.skill) && !subsumed(m.skill))
    .map((m) => ({ skill: m.skill, years: m.years, span: spanAt(text, m.start, m.start + m.text.length) }));
  return withSkills(draft, found, []);
}

/**
 * The model's skills as taxonomy ids ("AWS (S3, Lambda)" is three). A skill is kept only if its
 * quote (or else its name) is in the résumé, so a skill the model made up has no way in; names the
 * taxonomy does not know are listed in the warnings rather than guessed.
 */
export function withModelSkills(draft: ResumeDraft, text: string, matcher: SkillMatcher, named: readonly NamedSkill[]): ResumeDraft {
  const soft = softSkills(matcher);
  const found = new Map<string, { skill: string; years: number | null; span: Span }>();
  const unknown: string[] = [];
  const unquoted: string[] = [];
  for (const s of named) {
    const span = locate(text, s.quote) ?? locate(text, s.value);
    if (!span) {
      unquoted.push(s.value);
      continue;
    }
    const ids = matcher.find({ name: s.value }).map((m) => m.skill).filter((id) => !soft.has(id));
    if (!ids.length) unknown.push(s.value);
    for (const skill of ids) if (!found.has(skill)) found.set(skill, { skill, years: null, span });
  }
  const warnings = [
    ...(unknown.length ? [`skills not in the taxonomy, left out: ${unknown.join(', ')}`] : []),
    ...(unquoted.length ? [`skills the model named but the résumé does not contain, left out: ${unquoted.join(', ')}`] : []),
  ];
  return withSkills(draft, [...found.values()], warnings);
}
