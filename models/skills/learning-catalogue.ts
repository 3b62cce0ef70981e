import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const LEARNING_LANGUAGES = ['pt', 'es', 'en'] as const;
export type LearningLanguage = (typeof LEARNING_LANGUAGES)[number];
export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const RESOURCE_KINDS = ['docs', 'course', 'book', 'tutorial', 'video', 'practice'] as const;

const skillId = z.string().regex(/^[a-z0-9][a-z0-9+#.-]*$/);

export const learningResourceSchema = z.object({
  title: z.string().min(1).max(200),
  url: z.url({ protocol: /^https$/ }),
  language: z.enum(LEARNING_LANGUAGES),
  free: z.boolean(),
  kind: z.enum(RESOURCE_KINDS),
});
export type LearningResource = z.infer<typeof learningResourceSchema>;

export const catalogueEntrySchema = z.object({
  skill: skillId,
  /** Hours a working data professional typically needs to become productive with the skill. */
  hours: z.number().int().min(1).max(1000),
  difficulty: z.enum(DIFFICULTIES),
  /** Only those the taxonomy does not already state: the learning path uses both. */
  prerequisites: z.array(skillId),
  resources: z
    .array(learningResourceSchema)
    .min(1)
    .refine((resources) => resources.some((r) => r.free), 'every skill needs at least one free resource'),
});
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

export const learningCatalogueSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    updated: z.iso.date(),
    description: z.string(),
    skills: z.array(catalogueEntrySchema),
  })
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    for (const entry of catalogue.skills) {
      if (seen.has(entry.skill)) ctx.addIssue({ code: 'custom', message: `skill ${entry.skill} is listed twice` });
      seen.add(entry.skill);
    }
  });
export type LearningCatalogue = z.infer<typeof learningCatalogueSchema>;

export const DEFAULT_CATALOGUE_PATH = new URL('./learning-catalogue.json', import.meta.url);

/** Parses the curated catalogue; a malformed file fails loudly instead of yielding a partial learning path. */
export function loadLearningCatalogue(path: URL | string = DEFAULT_CATALOGUE_PATH): LearningCatalogue {
  return learningCatalogueSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
