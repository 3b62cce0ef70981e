import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../activities/normalize/skill-taxonomy.js';
import { SkillGraph } from '../../activities/skills/skill-graph.js';
import { useFixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import { loadLearningCatalogue, type LearningCatalogue } from './learning-catalogue.js';

const catalogue = loadLearningCatalogue();
const taxonomy = loadTaxonomy();
const listed = new Set(catalogue.skills.map((e) => e.skill));
const first = catalogue.skills[0] as LearningCatalogue['skills'][number];
const fixture = useFixtureWarehouse();

/** The skills data / ML / AI job seekers meet most, whatever the fixtures hold. */
const CORE_SKILLS =
  'python sql r-language scala java javascript typescript golang bash spark pyspark airflow dbt kafka snowflake databricks bigquery redshift ' +
  'pandas numpy polars scikit-learn xgboost pytorch tensorflow keras jax hugging-face-transformers machine-learning deep-learning statistics ' +
  'probability linear-algebra nlp computer-vision llms rag prompt-engineering langchain llm-agents llm-fine-tuning embeddings vector-databases ' +
  'generative-ai mlops mlflow kubeflow sagemaker vertex-ai azure-machine-learning aws gcp azure docker kubernetes terraform git ci-cd linux ' +
  'data-engineering data-modeling data-warehousing etl power-bi tableau looker excel data-visualization ab-testing time-series feature-engineering ' +
  'english communication';

const tmp = mkdtempSync(join(tmpdir(), 'vagas-catalogue-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function variant(change: (c: LearningCatalogue) => void): string {
  const copy = structuredClone(catalogue);
  change(copy);
  const path = join(tmp, `variant-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(copy));
  return path;
}

describe('the learning catalogue', () => {
  it('is versioned, and agrees with the taxonomy: known skills, no repeated prerequisite, no cycle', () => {
    expect(catalogue.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(() => new SkillGraph(taxonomy, catalogue)).not.toThrow();
  });

  it('covers every skill in at least 1 % of the postings the pipeline makes of the fixtures', async () => {
    const rows = await fixture.warehouse.query<{ skill: string; share: number }>(
      `SELECT s AS skill, count(*) / (SELECT count(*) FROM postings) AS share FROM postings, unnest(list_distinct(skills)) t(s) GROUP BY s`,
    );
    const frequent = rows.filter((r) => r.share >= 0.01).map((r) => r.skill);
    expect(frequent.length).toBeGreaterThan(100);
    expect(frequent.filter((s) => !listed.has(s)).sort()).toEqual([]);
  });

  it('covers the common data, ML and AI skills, and every prerequisite of what it lists', () => {
    expect(CORE_SKILLS.split(' ').filter((s) => !listed.has(s))).toEqual([]);
    const graph = new SkillGraph(taxonomy, catalogue);
    const uncovered = catalogue.skills.flatMap((e) => graph.prerequisites(e.skill).filter((p) => !listed.has(p)).map((p) => `${e.skill} → ${p}`));
    expect(uncovered).toEqual([]);
  });

  it('offers Portuguese and Spanish resources where they exist, and a free one for every skill', () => {
    const withLanguage = (language: string) => catalogue.skills.filter((e) => e.resources.some((r) => r.language === language && r.free)).length;
    expect(withLanguage('pt')).toBeGreaterThanOrEqual(40);
    expect(withLanguage('es')).toBeGreaterThanOrEqual(35);
    expect(catalogue.skills.every((e) => e.resources.some((r) => r.free))).toBe(true);
    const urls = catalogue.skills.flatMap((e) => e.resources.map((r) => r.url));
    expect(urls.every((u) => u.startsWith('https://'))).toBe(true);
  });

  it('refuses a malformed catalogue instead of yielding a partial path', () => {
    expect(() => loadLearningCatalogue(variant((c) => c.skills.push(structuredClone(first))))).toThrow(/listed twice/);
    expect(() => loadLearningCatalogue(variant((c) => c.skills[0]?.resources.forEach((r) => (r.free = false))))).toThrow(/free resource/);
    expect(() =>
      loadLearningCatalogue(
        variant((c) => {
          for (const r of c.skills[0]?.resources ?? []) r.url = r.url.replace('https:', 'http:');
        }),
      ),
    ).toThrow(/url/i);
  });

  it('refuses unknown skills, prerequisites the taxonomy already has, and cycles', () => {
    const withEntry = (entry: LearningCatalogue['skills'][number]) => ({ ...catalogue, skills: [...catalogue.skills.filter((e) => e.skill !== entry.skill), entry] });
    const base = { hours: 1, difficulty: 'beginner' as const, resources: first.resources };
    expect(() => new SkillGraph(taxonomy, withEntry({ skill: 'no-such-skill', prerequisites: [], ...base }))).toThrow(/no-such-skill is no taxonomy skill/);
    expect(() => new SkillGraph(taxonomy, withEntry({ skill: 'pandas', prerequisites: ['python'], ...base }))).toThrow(/already in the taxonomy/);
    // python → pandas → python
    expect(() => new SkillGraph(taxonomy, withEntry({ skill: 'python', prerequisites: ['pandas'], ...base }))).toThrow(/prerequisite cycle/);
  });
});
