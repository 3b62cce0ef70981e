import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { foldForMatching } from './text-fold.js';

const taxonomySchema = z.object({
  version: z.string(),
  skills: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9][a-z0-9+#.-]*$/),
      name: z.string(),
      category: z.enum(['language', 'framework', 'cloud', 'database', 'ml_method', 'tool', 'practice', 'domain', 'soft_skill']),
      aliases: z.object({ en: z.array(z.string()), pt: z.array(z.string()), es: z.array(z.string()) }),
      parents: z.array(z.string()),
      related: z.array(z.string()),
      prerequisites: z.array(z.string()),
    }),
  ),
});
export type Taxonomy = z.infer<typeof taxonomySchema>;

export const DEFAULT_TAXONOMY_PATH = new URL('../../models/skills/taxonomy.json', import.meta.url);

export function loadTaxonomy(path: URL | string = DEFAULT_TAXONOMY_PATH): Taxonomy {
  return taxonomySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export interface SkillMention {
  skill: string;
  /** The span of the original text that matched, as evidence for the web app. */
  text: string;
  field: string;
  start: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds taxonomy skills in free text, in any of the three languages, whole words only. */
export class SkillMatcher {
  private readonly pattern: RegExp;
  private readonly skillByAlias = new Map<string, string>();

  constructor(readonly taxonomy: Taxonomy) {
    for (const skill of taxonomy.skills) {
      const { en, pt, es } = skill.aliases;
      for (const alias of [skill.name, skill.id.replace(/-/g, ' '), ...en, ...pt, ...es]) {
        const key = foldForMatching(alias.normalize('NFC').trim());
        if (key.length >= 2 && !this.skillByAlias.has(key)) this.skillByAlias.set(key, skill.id);
      }
    }
    // Longest alias first, so "machine learning engineer" is not cut short by a shorter alias.
    const alternatives = [...this.skillByAlias.keys()].sort((a, b) => b.length - a.length).map(escape);
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_]|[+#])`, 'gu');
  }

  /** The first mention of each skill found in the fields, in field order. */
  find(fields: Record<string, string | null>): SkillMention[] {
    const found = new Map<string, SkillMention>();
    for (const [field, value] of Object.entries(fields)) {
      if (!value) continue;
      const text = value.normalize('NFC');
      const folded = foldForMatching(text);
      for (const match of folded.matchAll(this.pattern)) {
        const skill = this.skillByAlias.get(match[0]);
        if (!skill || found.has(skill)) continue;
        found.set(skill, { skill, field, start: match.index, text: text.slice(match.index, match.index + match[0].length) });
      }
    }
    return [...found.values()];
  }
}
