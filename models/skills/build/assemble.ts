import { aliasKey, type Skill } from '../../../activities/normalize/skill-taxonomy.js';
import type { ImportedConcept } from './imported.js';
import { isDescriptiveLabel, isImportableAlias, isVariantOf, slug } from './labels.js';

type Lang = 'en' | 'pt' | 'es';
type Relation = 'parents' | 'related' | 'prerequisites';

export interface CuratedSkill {
  id: string;
  name: string;
  category: Skill['category'];
  aliases: Partial<Record<Lang, string[]>>;
  ambiguous?: string[];
  parents?: string[];
  related?: string[];
  prerequisites?: string[];
}

export interface Vocabulary {
  /** Ordinary words in English, Portuguese or Spanish: never an imported alias. */
  commonWords: ReadonlySet<string>;
  /** Words seen in lower case in running prose: a capitalised product named like one needs context. */
  ordinaryWords: ReadonlySet<string>;
}

interface Draft {
  id: string;
  name: string;
  category: Skill['category'];
  curated: boolean;
  aliases: Record<Lang, Set<string>>;
  ambiguous: Set<string>;
  relations: Record<Relation, Set<string>>;
  sources: Set<string>;
}

const LANGS: Lang[] = ['en', 'pt', 'es'];

/**
 * The taxonomy: curated skills first, then ESCO and O*NET concepts merged into them or added. Curation
 * wins: an imported concept that names a curated skill only adds its source (and a Spanish label the
 * curation lacks), and an alias belongs to whoever claimed it first — curated aliases, then, source by
 * source (ESCO before O*NET), imported names and then imported alternative labels.
 */
export function assemble(curated: CuratedSkill[], sources: ImportedConcept[][], vocabulary: Vocabulary): Skill[] {
  const drafts = new Map<string, Draft>();
  const owner = new Map<string, string>();

  const claim = (draft: Draft, lang: Lang, surface: string, importedForm: boolean) => {
    const alias = surface.normalize('NFC').toLowerCase().trim();
    const key = aliasKey(alias);
    if (importedForm && !isImportableAlias(surface, vocabulary.commonWords)) return;
    const current = owner.get(key);
    if (current !== undefined && current !== draft.id) return;
    // The same alias may serve several languages ("ia generativa"), but an imported spelling that only
    // differs in accents or case from one the skill has adds nothing.
    if ([...draft.aliases[lang]].some((a) => aliasKey(a) === key) || (importedForm && current === draft.id)) return;
    owner.set(key, draft.id);
    draft.aliases[lang].add(alias);
    // A product capitalised like a name but spelt like a lower-case word ("Canvas", "Chef") needs context.
    if (importedForm && !key.includes(' ') && /\p{Lu}/u.test(surface) && vocabulary.ordinaryWords.has(key)) draft.ambiguous.add(alias);
  };

  for (const skill of curated) {
    const draft = newDraft(skill.id, skill.name, skill.category, true);
    for (const lang of LANGS) for (const alias of skill.aliases[lang] ?? []) claim(draft, lang, alias, false);
    for (const alias of skill.ambiguous ?? []) draft.ambiguous.add(alias);
    for (const relation of ['parents', 'related', 'prerequisites'] as const) for (const id of skill[relation] ?? []) draft.relations[relation].add(id);
    drafts.set(draft.id, draft);
  }

  const targets = new Map<ImportedConcept, Draft>();
  const lookup = (forms: string[]) => forms.map((f) => owner.get(aliasKey(f))).find((id) => id !== undefined);
  for (const imported of sources) {
    const batch = new Map<ImportedConcept, Draft>();
    for (const concept of imported) {
      const variants = concept.alternates.en.filter((alt) => isVariantOf(alt, concept.name));
      const known = lookup(concept.names) ?? drafts.get(slug(concept.name))?.id ?? lookup(variants);
      let draft = known ? drafts.get(known) : undefined;
      if (!draft) {
        if (concept.mergeOnly || !isImportableAlias(concept.names[0] ?? '', vocabulary.commonWords)) continue;
        draft = newDraft(slug(concept.name), concept.name, concept.category, false);
        drafts.set(draft.id, draft);
      }
      draft.sources.add(concept.source);
      batch.set(concept, draft);
      if (draft.curated) {
        // Curated aliases stay as written; only a multi-word Spanish label the curation lacks is added.
        for (const es of concept.esNames) if (es.includes(' ')) claim(draft, 'es', es, true);
      } else {
        for (const name of concept.names) claim(draft, 'en', name, true);
        for (const es of concept.esNames) claim(draft, 'es', es, true);
      }
    }
    for (const [concept, draft] of batch) {
      targets.set(concept, draft);
      if (draft.curated) continue;
      const usable = (alt: string) => !isDescriptiveLabel(alt);
      for (const alt of concept.alternates.en) if (usable(alt) && isVariantOf(alt, concept.name)) claim(draft, 'en', alt, true);
      for (const alt of concept.alternates.es) if (usable(alt) && concept.esNames.some((es) => isVariantOf(alt, es))) claim(draft, 'es', alt, true);
    }
  }

  for (const draft of drafts.values()) if (LANGS.every((l) => draft.aliases[l].size === 0)) drafts.delete(draft.id);
  addBroaderParents(targets, drafts);
  return [...drafts.values()].sort((a, b) => a.id.localeCompare(b.id)).map(toSkill);
}

function newDraft(id: string, name: string, category: Skill['category'], curated: boolean): Draft {
  const aliases = { en: new Set<string>(), pt: new Set<string>(), es: new Set<string>() };
  const relations = { parents: new Set<string>(), related: new Set<string>(), prerequisites: new Set<string>() };
  return { id, name, category, curated, aliases, ambiguous: new Set(), relations, sources: new Set() };
}

/** ESCO's broader concepts become parents of imported skills, skipping any edge that would close a cycle. */
function addBroaderParents(targets: Map<ImportedConcept, Draft>, drafts: Map<string, Draft>) {
  const bySource = new Map<string, Draft>();
  for (const [concept, draft] of targets) if (drafts.has(draft.id)) bySource.set(concept.source, draft);
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(drafts.get(id)?.relations.parents ?? []));
    }
    return false;
  };
  for (const [concept, draft] of targets) {
    if (draft.curated || !drafts.has(draft.id)) continue;
    for (const uri of concept.broader) {
      const parent = bySource.get(uri);
      if (parent && parent.id !== draft.id && !reaches(parent.id, draft.id)) draft.relations.parents.add(parent.id);
    }
  }
}

function toSkill(draft: Draft): Skill {
  const sorted = (values: Iterable<string>) => [...values].sort();
  const aliases = { en: sorted(draft.aliases.en), pt: sorted(draft.aliases.pt), es: sorted(draft.aliases.es) };
  const all = new Set([...aliases.en, ...aliases.pt, ...aliases.es]);
  const ambiguous = sorted([...draft.ambiguous].filter((a) => all.has(a)));
  return {
    id: draft.id,
    name: draft.name,
    category: draft.category,
    aliases,
    ...(ambiguous.length > 0 ? { ambiguous } : {}),
    parents: sorted(draft.relations.parents),
    related: sorted(draft.relations.related),
    prerequisites: sorted(draft.relations.prerequisites),
    ...(draft.sources.size > 0 ? { sources: sorted(draft.sources) } : {}),
  };
}
