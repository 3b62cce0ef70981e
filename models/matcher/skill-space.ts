import type { Taxonomy } from '../../activities/normalize/skills.js';

/**
 * Corpus statistics a trained model version is bound to: how rare each skill is among jobs (IDF)
 * and which skills are close to which. Frozen with the model, so training and serving compute the
 * same features however the corpus moves on.
 */
export interface SkillSpace {
  /** Jobs the statistics were learned from. */
  documents: number;
  /** Smoothed inverse document frequency, ln((1 + N) / (1 + df)) + 1, per skill seen. */
  idf: Record<string, number>;
  /** The IDF of a skill no job of the corpus had. */
  defaultIdf: number;
  /** Each skill's closest other skills, best first, with a similarity in (0, 1). */
  neighbors: Record<string, [string, number][]>;
}

const TOP_NEIGHBORS = 20;
const MIN_SIMILARITY = 0.05;
// Pairs seen together fewer times than this are noise, not a relation.
const MIN_COOCCURRENCE = 2;
// Having a related skill is never as good as having the skill.
const COOCCURRENCE_CAP = 0.8;
// What the taxonomy's curated relations are worth, as floors under the learned similarity.
const RELATION_SIMILARITY = { parents: 0.6, related: 0.5, prerequisites: 0.3 } as const;

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Skill vectors from co-occurrence: each skill is its row of positive pointwise mutual information
 * with every other skill, and two skills are as similar as the cosine of their rows (skills used in
 * the same company are close even when one job rarely names both, like PyTorch and TensorFlow).
 */
function cooccurrenceSimilarity(documents: string[][]): Map<string, Map<string, number>> {
  const pairs = new Map<string, Map<string, number>>();
  const bump = (a: string, b: string) => {
    let row = pairs.get(a);
    if (!row) pairs.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + 1);
  };
  for (const skills of documents) {
    const unique = [...new Set(skills)];
    for (let i = 0; i < unique.length; i += 1) {
      for (let k = i + 1; k < unique.length; k += 1) {
        bump(unique[i] as string, unique[k] as string);
        bump(unique[k] as string, unique[i] as string);
      }
    }
  }
  const marginal = new Map<string, number>();
  let total = 0;
  for (const [skill, row] of pairs) {
    const sum = [...row.values()].reduce((a, b) => a + b, 0);
    marginal.set(skill, sum);
    total += sum;
  }
  // PPMI rows, normalized to unit length so a dot product is the cosine.
  const vectors = new Map<string, Map<string, number>>();
  for (const [a, row] of pairs) {
    const vector = new Map<string, number>();
    for (const [b, count] of row) {
      if (count < MIN_COOCCURRENCE) continue;
      const pmi = Math.log((count * total) / ((marginal.get(a) ?? 1) * (marginal.get(b) ?? 1)));
      if (pmi > 0) vector.set(b, pmi);
    }
    const norm = Math.sqrt([...vector.values()].reduce((s, v) => s + v * v, 0));
    if (norm > 0) vectors.set(a, new Map([...vector].map(([b, v]) => [b, v / norm])));
  }
  // Cosine through shared contexts only: for each context c, every pair of skills that has c.
  const byContext = new Map<string, [string, number][]>();
  for (const [skill, vector] of vectors) {
    for (const [context, value] of vector) {
      let list = byContext.get(context);
      if (!list) byContext.set(context, (list = []));
      list.push([skill, value]);
    }
  }
  const similarity = new Map<string, Map<string, number>>();
  for (const list of byContext.values()) {
    for (const [a, va] of list) {
      let row = similarity.get(a);
      if (!row) similarity.set(a, (row = new Map()));
      for (const [b, vb] of list) if (a !== b) row.set(b, (row.get(b) ?? 0) + va * vb);
    }
  }
  return similarity;
}

export function learnSkillSpace(documents: string[][], taxonomy: Taxonomy): SkillSpace {
  const df = new Map<string, number>();
  for (const skills of documents) for (const skill of new Set(skills)) df.set(skill, (df.get(skill) ?? 0) + 1);
  const n = documents.length;
  const idf = Object.fromEntries([...df].sort(([a], [b]) => (a < b ? -1 : 1)).map(([skill, count]) => [skill, Math.log((1 + n) / (1 + count)) + 1]));

  const similarity = new Map<string, Map<string, number>>();
  const raise = (a: string, b: string, value: number) => {
    if (a === b) return;
    let row = similarity.get(a);
    if (!row) similarity.set(a, (row = new Map()));
    row.set(b, Math.max(row.get(b) ?? 0, value));
  };
  for (const [a, row] of cooccurrenceSimilarity(documents)) for (const [b, cosine] of row) raise(a, b, COOCCURRENCE_CAP * Math.min(1, cosine));
  for (const skill of taxonomy.skills) {
    for (const relation of ['parents', 'related', 'prerequisites'] as const) {
      for (const other of skill[relation]) {
        raise(skill.id, other, RELATION_SIMILARITY[relation]);
        raise(other, skill.id, RELATION_SIMILARITY[relation]);
      }
    }
  }
  const neighbors: SkillSpace['neighbors'] = {};
  for (const skill of [...similarity.keys()].sort()) {
    const best = [...(similarity.get(skill) ?? [])]
      .map(([other, value]): [string, number] => [other, round4(value)])
      .filter(([, value]) => value >= MIN_SIMILARITY)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, TOP_NEIGHBORS);
    if (best.length) neighbors[skill] = best;
  }
  return { documents: n, idf, defaultIdf: Math.log(1 + n) + 1, neighbors };
}
