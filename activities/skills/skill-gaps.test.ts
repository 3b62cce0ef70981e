import { describe, expect, it } from 'vitest';
import type { LearningCatalogue, LearningResource } from '../../models/skills/learning-catalogue.js';
import type { Taxonomy } from '../normalize/skill-taxonomy.js';
import { analyzeGaps, effectiveSkills, type MarketDemand, type TargetJob } from './gap-analysis.js';
import { importance, partialCredit, trendOf } from './importance.js';
import { languagePreference, learningPath, orderResources } from './learning-path.js';
import { SkillGraph } from './skill-graph.js';

const skill = (id: string, rel: { parents?: string[]; related?: string[]; prerequisites?: string[] } = {}) => ({
  id,
  name: id.toUpperCase(),
  category: 'tool' as const,
  aliases: { en: [id], pt: [], es: [] },
  parents: rel.parents ?? [],
  related: rel.related ?? [],
  prerequisites: rel.prerequisites ?? [],
});

// python ← pandas ← (catalogue) feature-store; ml ← python, stats; spark related to sql; pyspark narrower than spark.
const TAXONOMY: Taxonomy = {
  version: 'test',
  skills: [
    skill('python'),
    skill('stats'),
    skill('sql'),
    skill('pandas', { prerequisites: ['python'] }),
    skill('ml', { prerequisites: ['python', 'stats'] }),
    skill('spark', { related: ['sql'] }),
    skill('pyspark', { parents: ['spark'], prerequisites: ['python'] }),
    skill('feature-store'),
    skill('docker'),
  ],
};

const res = (title: string, language: 'pt' | 'es' | 'en', free = true): LearningResource => ({ title, url: `https://example.org/${title}`, language, free, kind: 'docs' });
const entry = (id: string, hours: number, prerequisites: string[] = []) => ({
  skill: id,
  hours,
  difficulty: 'beginner' as const,
  prerequisites,
  resources: [res(`${id}-paid`, 'en', false), res(`${id}-en`, 'en'), res(`${id}-es`, 'es'), res(`${id}-pt`, 'pt')],
});
const CATALOGUE: LearningCatalogue = {
  version: '0.0.1',
  updated: '2026-11-26',
  description: 'test',
  skills: [entry('python', 40), entry('stats', 30), entry('pandas', 20), entry('ml', 60), entry('spark', 40), entry('pyspark', 10), entry('feature-store', 8, ['pandas'])],
};
const graph = new SkillGraph(TAXONOMY, CATALOGUE);

const job = (id: string, required: string[], nice: string[] = [], other: string[] = []): TargetJob => ({
  clusterId: id,
  title: id,
  company: null,
  skills: [...required, ...nice, ...other],
  skillsRequired: required,
  skillsNice: nice,
});

const demand = (bySkill: Record<string, [number, number]>, totals = { last30: 10, last90: 40 }): MarketDemand => {
  const map = new Map(Object.entries(bySkill).map(([s, [last30, last90]]) => [s, { last30, last90 }]));
  return { asOf: '2026-11-26T00:00:00.000Z', totals, bySkill: map, maxShare90: Math.max(...[...map.values()].map((v) => v.last90)) / totals.last90 };
};

describe('the importance formula', () => {
  it('weighs target jobs, market share and trend, less partial credit', () => {
    // 2 of 4 targets require it, 1 names it without saying how: (2 + 0.75) / 4 = 0.6875.
    const i = importance({ requirements: { required: 2, nice: 0, unspecified: 1 }, targets: 4, share90: 0.2, maxShare90: 0.8, trendScore: 0.75, partialCredit: 0.25 });
    expect(i.components).toEqual({ target: 0.6875, market: 0.25, trend: 0.75 });
    expect(i.importance).toBeCloseTo(100 * (0.6 * 0.6875 + 0.25 * 0.25 + 0.15 * 0.75) * 0.75, 1);
  });

  it('reads a trend only from enough jobs, and caps it', () => {
    expect(trendOf({ jobs: 3, total: 4 }, { jobs: 1, total: 40 })).toEqual({ direction: 'unknown', changePp: null, score: 0.5 });
    expect(trendOf({ jobs: 5, total: 10 }, { jobs: 6, total: 30 })).toEqual({ direction: 'rising', changePp: 30, score: 1 });
    expect(trendOf({ jobs: 1, total: 10 }, { jobs: 6, total: 30 })).toEqual({ direction: 'falling', changePp: -10, score: 0.25 });
    expect(trendOf({ jobs: 2, total: 10 }, { jobs: 5, total: 30 }).direction).toBe('stable');
    expect([0, 1, 2, 3].map(partialCredit)).toEqual([0, 0.25, 0.5, 0.5]);
  });
});

describe('gap analysis', () => {
  it('counts how each target job asks for each missing skill, with market demand and partial credit', () => {
    const targets = [job('a', ['python', 'spark'], ['ml']), job('b', ['python'], [], ['pyspark']), job('c', ['sql'], ['spark'])];
    const result = analyzeGaps({
      have: new Set(['sql']),
      learning: new Set(['spark']),
      targets,
      demand: demand({ python: [8, 30], spark: [2, 10], ml: [1, 4] }),
      graph,
    });
    expect(result.matched).toEqual([{ skill: 'sql', name: 'SQL', targetJobs: 1 }]);
    // ML is only nice-to-have in one job of three; PySpark is named (unlabelled) in one: it ranks above.
    expect(result.missing.map((g) => g.skill)).toEqual(['python', 'spark', 'pyspark', 'ml']);
    const [python, spark, pyspark] = result.missing;
    expect(python).toMatchObject({ targetJobs: 2, required: 2, nice: 0, unspecified: 0, jobs: [{ clusterId: 'a', requirement: 'required' }, { clusterId: 'b', requirement: 'required' }] });
    expect(python?.market).toMatchObject({ last30: { jobs: 8, share: 0.8 }, last90: { jobs: 30, share: 0.75 } });
    // Spark: required by a, nice in c; SQL is related to it: a quarter off; the user is learning it.
    expect(spark).toMatchObject({ required: 1, nice: 1, relatedHeld: [{ skill: 'sql', relation: 'related' }], partialCredit: 0.25, learning: true });
    expect(spark?.components.target).toBeCloseTo((1 + 0.4) / 3, 4);
    expect(pyspark).toMatchObject({ unspecified: 1, market: { last90: { jobs: 0, share: 0 }, trend: { direction: 'stable' } } });
    expect(effectiveSkills(['sql'], [{ skill: 'spark', status: 'learning' }, { skill: 'ml', status: 'learned' }])).toEqual(new Set(['sql', 'ml']));
  });

  it('gives partial credit for a broader or narrower skill held', () => {
    const targets = [job('a', ['spark', 'pyspark'])];
    const broader = analyzeGaps({ have: new Set(['spark']), learning: new Set(), targets, demand: demand({}), graph }).missing;
    expect(broader.find((g) => g.skill === 'pyspark')?.relatedHeld).toEqual([{ skill: 'spark', relation: 'broader' }]);
    const narrower = analyzeGaps({ have: new Set(['pyspark']), learning: new Set(), targets, demand: demand({}), graph }).missing;
    expect(narrower.find((g) => g.skill === 'spark')?.relatedHeld).toEqual([{ skill: 'pyspark', relation: 'narrower' }]);
  });
});

describe('learning path', () => {
  const targets = [job('a', ['ml', 'feature-store']), job('b', ['ml', 'spark']), job('c', ['feature-store'])];
  // ML is in demand on the market, so it outranks feature-store, which the targets ask for as often.
  const gaps = analyzeGaps({ have: new Set(['sql']), learning: new Set(), targets, demand: demand({ ml: [5, 20] }), graph }).missing;

  it('puts every missing prerequisite before what needs it, the most important first among the ready, then the quicker', () => {
    expect(gaps.map((g) => g.skill)).toEqual(['ml', 'feature-store', 'spark']);
    const path = learningPath(gaps, { graph, have: new Set(['sql']), learning: new Set(), languages: ['pt', 'en'] });
    expect(path.steps.map((s) => s.skill)).toEqual(['stats', 'python', 'ml', 'pandas', 'feature-store', 'spark']);
    expect(path.steps.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(path.steps.find((s) => s.skill === 'python')).toMatchObject({ reason: 'prerequisite', neededFor: ['feature-store', 'ml'] });
    expect(path.steps.find((s) => s.skill === 'feature-store')).toMatchObject({ reason: 'gap', prerequisites: ['pandas'] });
    // Spark: SQL is related, so a quarter of its 40 hours is already done.
    expect(path.steps.find((s) => s.skill === 'spark')).toMatchObject({ catalogueHours: 40, partialCredit: 0.25, estimatedHours: 30 });
    expect(path.totalHours).toBe(40 + 30 + 60 + 20 + 8 + 30);
    expect(path.uncatalogued).toEqual([]);
  });

  it('covers only the top gaps, and skips prerequisites already held', () => {
    const path = learningPath(gaps, { graph, have: new Set(['sql', 'python']), learning: new Set(), languages: ['en'], maxGaps: 1 });
    expect(path.steps.map((s) => s.skill)).toEqual(['stats', 'ml']);
  });

  it('lists free resources first, in the user’s languages first', () => {
    expect(languagePreference(['es', 'de', 'EN'])).toEqual(['es', 'en', 'pt']);
    const ordered = orderResources(CATALOGUE.skills[0]?.resources ?? [], languagePreference(['es']));
    expect(ordered.map((r) => r.title)).toEqual(['python-es', 'python-pt', 'python-en', 'python-paid']);
  });
});
