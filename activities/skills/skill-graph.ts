import { loadTaxonomy, type Skill, type Taxonomy } from '../normalize/skill-taxonomy.js';
import { loadLearningCatalogue, type CatalogueEntry, type LearningCatalogue } from '../../models/skills/learning-catalogue.js';

/** How a skill the user has relates to one they miss: the basis of partial credit. */
export type Relation = 'related' | 'broader' | 'narrower';

export interface RelatedHeld {
  skill: string;
  relation: Relation;
}

/**
 * The taxonomy's skills with the learning catalogue on top: names, relations, and prerequisites
 * from both. Refuses a catalogue that names unknown skills, repeats a taxonomy prerequisite, or
 * closes a prerequisite cycle, since a learning path could not be ordered then.
 */
export class SkillGraph {
  private readonly skills: Map<string, Skill>;
  private readonly entries: Map<string, CatalogueEntry>;
  /** Skills whose parents include the key: the narrower skills of each skill. */
  private readonly children = new Map<string, string[]>();

  constructor(taxonomy: Taxonomy, readonly catalogue: LearningCatalogue) {
    this.skills = new Map(taxonomy.skills.map((s) => [s.id, s]));
    this.entries = new Map(catalogue.skills.map((e) => [e.skill, e]));
    for (const skill of taxonomy.skills) {
      for (const parent of skill.parents) this.children.set(parent, [...(this.children.get(parent) ?? []), skill.id]);
    }
    const problems = this.catalogueProblems();
    if (problems.length > 0) throw new Error(`learning catalogue ${catalogue.version} is inconsistent with the taxonomy: ${problems.join('; ')}`);
  }

  has(id: string): boolean {
    return this.skills.has(id);
  }

  name(id: string): string {
    return this.skills.get(id)?.name ?? id;
  }

  entry(id: string): CatalogueEntry | undefined {
    return this.entries.get(id);
  }

  /** Direct prerequisites: the taxonomy's, then the catalogue's. */
  prerequisites(id: string): string[] {
    return [...(this.skills.get(id)?.prerequisites ?? []), ...(this.entries.get(id)?.prerequisites ?? [])];
  }

  /** Skills in `have` related to `id`: related either way, broader (a parent of it) or narrower (a child of it). */
  relatedHeld(id: string, have: ReadonlySet<string>): RelatedHeld[] {
    const skill = this.skills.get(id);
    if (!skill) return [];
    const found = new Map<string, Relation>();
    const add = (other: string, relation: Relation) => {
      if (other !== id && have.has(other) && !found.has(other)) found.set(other, relation);
    };
    for (const parent of skill.parents) add(parent, 'broader');
    for (const child of this.children.get(id) ?? []) add(child, 'narrower');
    for (const related of skill.related) add(related, 'related');
    for (const other of have) if (this.skills.get(other)?.related.includes(id)) add(other, 'related');
    return [...found].map(([s, relation]) => ({ skill: s, relation })).sort((a, b) => a.skill.localeCompare(b.skill));
  }

  private catalogueProblems(): string[] {
    const problems: string[] = [];
    for (const entry of this.entries.values()) {
      const skill = this.skills.get(entry.skill);
      if (!skill) {
        problems.push(`${entry.skill} is no taxonomy skill`);
        continue;
      }
      for (const prerequisite of entry.prerequisites) {
        if (!this.skills.has(prerequisite)) problems.push(`${entry.skill}: prerequisite ${prerequisite} is no taxonomy skill`);
        if (skill.prerequisites.includes(prerequisite)) problems.push(`${entry.skill}: prerequisite ${prerequisite} is already in the taxonomy`);
        if (prerequisite === entry.skill) problems.push(`${entry.skill} is its own prerequisite`);
      }
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, path: string[]) => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        problems.push(`prerequisite cycle ${[...path, id].join(' → ')}`);
        return;
      }
      state.set(id, 'visiting');
      for (const prerequisite of this.prerequisites(id)) visit(prerequisite, [...path, id]);
      state.set(id, 'done');
    };
    for (const id of this.skills.keys()) visit(id, []);
    return problems;
  }
}

let shipped: SkillGraph | null = null;

/** The shipped taxonomy and catalogue, read and checked once per process. */
export function shippedSkillGraph(): SkillGraph {
  shipped ??= new SkillGraph(loadTaxonomy(), loadLearningCatalogue());
  return shipped;
}
