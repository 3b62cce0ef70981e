import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { foldForMatching } from './text-fold.js';

export const SKILL_CATEGORIES = ['language', 'framework', 'cloud', 'database', 'ml_method', 'tool', 'practice', 'domain', 'soft_skill'] as const;

export const skillSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9+#.-]*$/),
  name: z.string().min(1),
  category: z.enum(SKILL_CATEGORIES),
  aliases: z.object({ en: z.array(z.string()), pt: z.array(z.string()), es: z.array(z.string()) }),
  /**
   * Aliases (listed under aliases too) that are also ordinary words or single letters, such as "go",
   * "r", "spark" or "excel": the matcher counts them only where the context shows technology.
   */
  ambiguous: z.array(z.string()).optional(),
  parents: z.array(z.string()),
  related: z.array(z.string()),
  prerequisites: z.array(z.string()),
  /** Where the skill also comes from: ESCO concept URIs, or "onet" for the O*NET technology skills. */
  sources: z.array(z.string()).optional(),
});
export type Skill = z.infer<typeof skillSchema>;

export const taxonomySchema = z.object({
  version: z.string(),
  description: z.string().optional(),
  attribution: z.string().optional(),
  skills: z.array(skillSchema),
});
export type Taxonomy = z.infer<typeof taxonomySchema>;

export const DEFAULT_TAXONOMY_PATH = new URL('../../models/skills/taxonomy.json', import.meta.url);

export function loadTaxonomy(path: URL | string = DEFAULT_TAXONOMY_PATH): Taxonomy {
  return taxonomySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * The form under which the matcher looks an alias up: no accents, lower case, hyphens read as spaces
 * ("fine-tuning" = "fine tuning"), single spaces. Two aliases with the same key are the same alias.
 */
export function aliasKey(alias: string): string {
  return foldForMatching(alias.normalize('NFC')).replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
}
