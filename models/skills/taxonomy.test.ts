import { describe, expect, it } from 'vitest';
import { aliasKey, loadTaxonomy, SKILL_CATEGORIES } from '../../activities/normalize/skill-taxonomy.js';

// Loading parses the file with the taxonomy's zod schema: shape, id format and categories.
const taxonomy = loadTaxonomy();
const byId = new Map(taxonomy.skills.map((s) => [s.id, s]));
const aliasesOf = (id: string) => {
  const skill = byId.get(id);
  return skill ? [...skill.aliases.en, ...skill.aliases.pt, ...skill.aliases.es] : [];
};

/** Ids of taxonomy 0.1.0: profiles and stored postings refer to them. */
const IDS_0_1_0 =
  'python sql r-language scala java javascript typescript golang cpp bash dax pytorch tensorflow keras jax scikit-learn xgboost lightgbm ' +
  'catboost pandas numpy polars hugging-face-transformers langchain llamaindex spacy opencv fastapi nodejs spark pyspark r-shiny aws gcp ' +
  'azure sagemaker vertex-ai azure-machine-learning azure-openai aws-bedrock aws-s3 aws-glue aws-lambda azure-data-factory azure-synapse ' +
  'databricks databases postgresql mysql sql-server mongodb snowflake bigquery redshift vector-databases pgvector delta-lake apache-iceberg ' +
  'machine-learning deep-learning neural-networks nlp computer-vision object-detection llms generative-ai rag llm-fine-tuning embeddings ' +
  'prompt-engineering llm-agents conversational-ai reinforcement-learning recommender-systems time-series anomaly-detection clustering ' +
  'gradient-boosting regression-models statistics bayesian-statistics causal-inference feature-engineering model-evaluation ' +
  'model-quantization docker kubernetes terraform git github-actions airflow dbt mlflow kubeflow fivetran kafka great-expectations trino ' +
  'power-bi tableau looker looker-studio mixpanel excel jupyter linux onnx tensorrt openai-api prometheus grafana mlops data-engineering ' +
  'analytics-engineering etl data-pipelines data-modeling data-warehousing data-lake stream-processing data-quality data-governance ' +
  'data-visualization data-labeling ab-testing ci-cd infrastructure-as-code model-monitoring feature-store rest-apis automated-testing ' +
  'edge-ai code-review data-science artificial-intelligence data-analysis business-intelligence product-analytics credit-risk ' +
  'fraud-detection pricing healthcare data-privacy communication english spanish portuguese stakeholder-management mentoring';

describe('the shipped skill taxonomy', () => {
  it('is version 1.0.0 with at least 800 skills and attribution to ESCO and O*NET', () => {
    expect(taxonomy.version).toBe('1.0.0');
    expect(taxonomy.skills.length).toBeGreaterThanOrEqual(800);
    expect(taxonomy.attribution).toContain('This service uses the ESCO classification of the European Commission');
    expect(taxonomy.attribution).toMatch(/O\*NET 29\.2.*CC BY 4\.0/);
  });

  it('has unique ids, sorted, and keeps every id of version 0.1.0', () => {
    const ids = taxonomy.skills.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect(IDS_0_1_0.split(' ').filter((id) => !byId.has(id))).toEqual([]);
  });

  it('resolves every parent, related skill and prerequisite, and no skill points at itself', () => {
    const broken = taxonomy.skills.flatMap((s) =>
      [...s.parents, ...s.related, ...s.prerequisites].filter((ref) => !byId.has(ref) || ref === s.id).map((ref) => `${s.id} → ${ref}`),
    );
    expect(broken).toEqual([]);
  });

  it('has no cycle of parents', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (id: string, path: string[]) => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        cycles.push([...path, id].join(' → '));
        return;
      }
      state.set(id, 'visiting');
      for (const parent of byId.get(id)?.parents ?? []) visit(parent, [...path, id]);
      state.set(id, 'done');
    };
    for (const skill of taxonomy.skills) visit(skill.id, []);
    expect(cycles).toEqual([]);
  });

  it('uses every category of the schema', () => {
    expect(new Set(taxonomy.skills.map((s) => s.category))).toEqual(new Set(SKILL_CATEGORIES));
  });

  it('has lower-case, trimmed aliases, and no alias that two skills share', () => {
    const owner = new Map<string, string>();
    const problems: string[] = [];
    for (const skill of taxonomy.skills) {
      const aliases = aliasesOf(skill.id);
      expect(aliases.length, skill.id).toBeGreaterThan(0);
      for (const alias of aliases) {
        if (alias !== alias.toLowerCase().trim() || alias !== alias.normalize('NFC')) problems.push(`${skill.id}: "${alias}" is not a lower-case NFC form`);
        // The matcher looks aliases up without accents, case or hyphens: those forms must not collide either.
        const other = owner.get(aliasKey(alias));
        if (other && other !== skill.id) problems.push(`"${alias}" belongs to ${other} and ${skill.id}`);
        owner.set(aliasKey(alias), skill.id);
      }
      for (const alias of skill.ambiguous ?? []) if (!aliases.includes(alias)) problems.push(`${skill.id}: ambiguous "${alias}" is no alias`);
    }
    expect(problems).toEqual([]);
  });

  it('marks the letters and ordinary words that need context as ambiguous', () => {
    const ambiguous = (id: string) => byId.get(id)?.ambiguous ?? [];
    expect(ambiguous('r-language')).toContain('r');
    expect(ambiguous('golang')).toContain('go');
    expect(ambiguous('c-language')).toContain('c');
    expect(ambiguous('spark')).toContain('spark');
    expect(ambiguous('rust')).toContain('rust');
    expect(ambiguous('excel')).toContain('excel');
  });

  it.each([
    ['machine-learning', 'aprendizado de máquina', 'aprendizaje automático'],
    ['deep-learning', 'aprendizado profundo', 'aprendizaje profundo'],
    ['data-science', 'ciência de dados', 'ciencia de datos'],
    ['databases', 'banco de dados', 'base de datos'],
    ['artificial-intelligence', 'inteligência artificial', 'inteligencia artificial'],
    ['nlp', 'processamento de linguagem natural', 'procesamiento de lenguaje natural'],
    ['computer-vision', 'visão computacional', 'visión por computadora'],
    ['generative-ai', 'ia generativa', 'ia generativa'],
    ['llms', 'modelos de linguagem', 'modelos de lenguaje'],
    ['statistics', 'estatística', 'estadística'],
    ['data-engineering', 'engenharia de dados', 'ingeniería de datos'],
    ['data-analysis', 'análise de dados', 'análisis de datos'],
    ['data-visualization', 'visualização de dados', 'visualización de datos'],
    ['data-pipelines', 'pipelines de dados', 'pipelines de datos'],
    ['data-modeling', 'modelagem de dados', 'modelado de datos'],
    ['time-series', 'séries temporais', 'series de tiempo'],
  ])('knows %s in Portuguese ("%s") and Spanish ("%s")', (id, pt, es) => {
    expect(byId.get(id)?.aliases.pt).toContain(pt);
    expect(byId.get(id)?.aliases.es).toContain(es);
  });

  it('links the AI/ML/data core with parents and prerequisites', () => {
    expect(byId.get('deep-learning')?.parents).toContain('machine-learning');
    expect(byId.get('machine-learning')?.prerequisites).toEqual(expect.arrayContaining(['statistics', 'python']));
    expect(byId.get('rag')?.parents).toContain('llms');
    expect(byId.get('pyspark')?.parents).toContain('spark');
  });

  it('names its sources as ESCO concept URIs or "onet", with both sources represented', () => {
    const sources = taxonomy.skills.flatMap((s) => s.sources ?? []);
    expect(sources.filter((s) => s !== 'onet' && !s.startsWith('http://data.europa.eu/esco/skill/'))).toEqual([]);
    expect(sources.filter((s) => s === 'onet').length).toBeGreaterThan(100);
    expect(sources.filter((s) => s !== 'onet').length).toBeGreaterThan(100);
    // ESCO's Spanish labels arrive as Spanish aliases of the skills imported from it.
    expect(byId.get('operating-systems')?.aliases.es).toContain('sistemas operativos');
  });
});
