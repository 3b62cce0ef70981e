import { LEARNING_LANGUAGES, type Difficulty, type LearningLanguage, type LearningResource } from '../../models/skills/learning-catalogue.js';
import type { SkillGap } from './gap-analysis.js';
import { partialCredit } from './importance.js';
import type { SkillGraph } from './skill-graph.js';

/** Missing skills a learning path covers by default, most important first (plus their missing prerequisites). */
export const LEARNING_PATH_GAPS = 8;

export interface LearningStep {
  /** 1-based position: every missing prerequisite of a step comes before it. */
  order: number;
  skill: string;
  name: string;
  /** A gap of the target jobs, or a prerequisite the user lacks for one. */
  reason: 'gap' | 'prerequisite';
  /** For a prerequisite: the gaps it leads to. */
  neededFor: string[];
  /** The gap's importance; for a prerequisite, that of the most important gap it leads to. */
  importance: number;
  difficulty: Difficulty | null;
  catalogueHours: number | null;
  partialCredit: number;
  /** Catalogue hours × (1 − partial credit), rounded; null when the catalogue does not list the skill. */
  estimatedHours: number | null;
  /** Missing prerequisites of this step, all earlier in the path. */
  prerequisites: string[];
  learning: boolean;
  /** Free first, then in the user's languages, then catalogue order. */
  resources: LearningResource[];
}

export interface LearningPath {
  steps: LearningStep[];
  totalHours: number;
  /** Skills on the path the catalogue has no entry for (no hours, no resources). */
  uncatalogued: string[];
}

/** The user's languages first, in their order, then the others (Portuguese, Spanish, English). */
export function languagePreference(languages: readonly string[]): LearningLanguage[] {
  const known = languages.map((l) => l.slice(0, 2).toLowerCase()).filter((l): l is LearningLanguage => (LEARNING_LANGUAGES as readonly string[]).includes(l));
  return [...new Set([...known, ...LEARNING_LANGUAGES])];
}

export function orderResources(resources: readonly LearningResource[], languages: readonly LearningLanguage[]): LearningResource[] {
  const rank = (r: LearningResource) => (r.free ? 0 : 10) + languages.indexOf(r.language);
  return resources.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map(({ r }) => r);
}

interface Node {
  skill: string;
  gap: SkillGap | null;
  neededFor: Set<string>;
  missingPrerequisites: Set<string>;
}

/**
 * The top missing skills and every prerequisite the user lacks for them, in an order that respects
 * prerequisites (taxonomy and catalogue); among the steps whose prerequisites are all done, the most
 * important comes first, then the quicker one.
 */
export function learningPath(
  gaps: readonly SkillGap[],
  opts: { graph: SkillGraph; have: ReadonlySet<string>; learning: ReadonlySet<string>; languages: readonly LearningLanguage[]; maxGaps?: number },
): LearningPath {
  const { graph, have } = opts;
  const nodes = new Map<string, Node>();
  const top = gaps.slice(0, opts.maxGaps ?? LEARNING_PATH_GAPS);
  const gapBySkill = new Map(top.map((g) => [g.skill, g]));

  const add = (skill: string, forGap: string | null): Node => {
    let node = nodes.get(skill);
    if (!node) {
      node = { skill, gap: gapBySkill.get(skill) ?? null, neededFor: new Set(), missingPrerequisites: new Set() };
      nodes.set(skill, node);
      for (const prerequisite of graph.prerequisites(skill)) {
        if (have.has(prerequisite)) continue;
        node.missingPrerequisites.add(prerequisite);
      }
    }
    if (forGap && forGap !== skill) node.neededFor.add(forGap);
    for (const prerequisite of node.missingPrerequisites) add(prerequisite, forGap);
    return node;
  };
  for (const gap of top) add(gap.skill, gap.skill);

  const priority = (node: Node) => node.gap?.importance ?? Math.max(0, ...[...node.neededFor].map((g) => gapBySkill.get(g)?.importance ?? 0));
  const hours = (node: Node) => graph.entry(node.skill)?.hours ?? Number.POSITIVE_INFINITY;
  const placed = new Set<string>();
  const steps: LearningStep[] = [];
  while (placed.size < nodes.size) {
    const ready = [...nodes.values()].filter((n) => !placed.has(n.skill) && [...n.missingPrerequisites].every((p) => placed.has(p)));
    // The skill graph refuses prerequisite cycles, so some step is always ready.
    const next = ready.sort((a, b) => priority(b) - priority(a) || hours(a) - hours(b) || a.skill.localeCompare(b.skill))[0];
    if (!next) throw new Error(`no learning step is ready among ${[...nodes.keys()].filter((s) => !placed.has(s)).join(', ')}`);
    placed.add(next.skill);
    steps.push(step(next, steps.length + 1, priority(next), opts));
  }
  return {
    steps,
    totalHours: steps.reduce((sum, s) => sum + (s.estimatedHours ?? 0), 0),
    uncatalogued: steps.filter((s) => s.catalogueHours === null).map((s) => s.skill),
  };
}

function step(
  node: Node,
  order: number,
  importance: number,
  opts: { graph: SkillGraph; have: ReadonlySet<string>; learning: ReadonlySet<string>; languages: readonly LearningLanguage[] },
): LearningStep {
  const entry = opts.graph.entry(node.skill);
  const credit = node.gap?.partialCredit ?? partialCredit(opts.graph.relatedHeld(node.skill, opts.have).length);
  return {
    order,
    skill: node.skill,
    name: opts.graph.name(node.skill),
    reason: node.gap ? 'gap' : 'prerequisite',
    neededFor: node.gap ? [] : [...node.neededFor].sort(),
    importance,
    difficulty: entry?.difficulty ?? null,
    catalogueHours: entry?.hours ?? null,
    partialCredit: credit,
    estimatedHours: entry ? Math.round(entry.hours * (1 - credit)) : null,
    prerequisites: [...node.missingPrerequisites].sort(),
    learning: opts.learning.has(node.skill),
    resources: entry ? orderResources(entry.resources, opts.languages) : [],
  };
}
