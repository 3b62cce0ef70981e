import { acceptInContext } from './skill-ambiguity.js';
import { AliasIndex } from './skill-index.js';
import { RequirementReader, type Requirement } from './skill-sections.js';
import type { Taxonomy } from './skill-taxonomy.js';
import { YearsReader } from './skill-years.js';

export { DEFAULT_TAXONOMY_PATH, loadTaxonomy, type Taxonomy } from './skill-taxonomy.js';

export interface SkillMention {
  skill: string;
  /** The span of the original text that matched, as evidence for the web app. */
  text: string;
  field: string;
  start: number;
  /** true in a requirements section or sentence, false in a nice-to-have one, null when the posting does not say. */
  required: Requirement;
  /** Years of experience the posting asks for with the skill, when it says ("3+ years of Python"). */
  years: number | null;
}

/**
 * Finds taxonomy skills in free text in any of the three languages: whole words, accents and case
 * ignored, except for aliases that are also ordinary words ("Go", "R", "Spark", "Excel"), which count
 * only in a technical context.
 */
export class SkillMatcher {
  private readonly index: AliasIndex;

  constructor(readonly taxonomy: Taxonomy) {
    this.index = new AliasIndex(taxonomy);
  }

  /** Every mention in the fields, in field order and text order; a skill may be mentioned several times. */
  mentions(fields: Record<string, string | null>): SkillMention[] {
    const found: SkillMention[] = [];
    for (const [field, value] of Object.entries(fields)) {
      if (!value) continue;
      const text = value.normalize('NFC');
      const candidates = acceptInContext(text, this.index.scan(text));
      if (candidates.length === 0) continue;
      const requirement = new RequirementReader(text);
      const years = new YearsReader(text, candidates);
      for (const c of candidates) {
        found.push({
          skill: c.skill,
          field,
          start: c.start,
          text: text.slice(c.start, c.end),
          required: requirement.of(c.start, c.end),
          years: years.of(c),
        });
      }
    }
    return found;
  }

  /**
   * The first mention of each skill, in field order, as evidence. Its required and years sum up all of
   * the skill's mentions: required if any mention is, else nice-to-have if any is; the first years stated.
   */
  find(fields: Record<string, string | null>): SkillMention[] {
    const first = new Map<string, SkillMention>();
    // The mentions are this call's own, so the first of each skill can be summed up in place.
    for (const mention of this.mentions(fields)) {
      const seen = first.get(mention.skill);
      if (!seen) first.set(mention.skill, mention);
      else {
        if (mention.required === true || (mention.required === false && seen.required === null)) seen.required = mention.required;
        seen.years ??= mention.years;
      }
    }
    return [...first.values()];
  }
}
