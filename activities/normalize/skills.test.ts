import { describe, expect, it } from 'vitest';
import { htmlToPlainText } from './html-text.js';
import { loadTaxonomy, SkillMatcher } from './skills.js';

const matcher = new SkillMatcher(loadTaxonomy());
const skillsIn = (text: string) => matcher.find({ description: text }).map((m) => m.skill);
const mentionOf = (text: string, skill: string) => matcher.find({ description: text }).find((m) => m.skill === skill);

describe('SkillMatcher: aliases in English, Portuguese and Spanish', () => {
  it.each([
    ['en', 'Strong background in machine learning and data science.', ['machine-learning', 'data-science']],
    ['pt', 'Vivência com aprendizado de máquina, ciência de dados e banco de dados.', ['machine-learning', 'data-science', 'databases']],
    ['es', 'Experiencia en aprendizaje automático, ciencia de datos y bases de datos.', ['machine-learning', 'data-science', 'databases']],
    ['pt, no accents', 'Aprendizado de Maquina e Ciencia de Dados', ['machine-learning', 'data-science']],
    ['es, capitals', 'INTELIGENCIA ARTIFICIAL y PROCESAMIENTO DE LENGUAJE NATURAL', ['artificial-intelligence', 'nlp']],
    ['en, hyphen or space', 'LLM fine tuning and fine-tuning pipelines', ['llm-fine-tuning']],
    ['pt', 'Engenharia de dados com pipelines de dados e visão computacional', ['data-engineering', 'data-pipelines', 'computer-vision']],
    ['es', 'Modelos de lenguaje grandes, IA generativa y agentes de IA', ['llms', 'generative-ai', 'llm-agents']],
    ['en, no space after a full stop', 'We work with Scrum.Python is a must', ['scrum', 'python']],
  ])('%s: %s', (_lang, text, expected) => {
    expect(skillsIn(text)).toEqual(expect.arrayContaining(expected));
  });

  it('prefers the longest alias and keeps whole words only', () => {
    expect(skillsIn('Node.js, React Native and Spring Boot')).toEqual(['nodejs', 'react-native', 'spring-boot']);
    expect(skillsIn('Experiência no SQL Server')).toEqual(['sql-server']);
    expect(skillsIn('pythonic code, javas, sqlite3x')).toEqual([]);
  });

  it('gives evidence that is the exact span of the original text', () => {
    const text = 'Vivência com Aprendizado de Máquina e Ciência de Dados.';
    for (const mention of matcher.find({ description: text })) {
      expect(text.slice(mention.start, mention.start + mention.text.length)).toBe(mention.text);
    }
    expect(mentionOf(text, 'machine-learning')).toMatchObject({ text: 'Aprendizado de Máquina', start: 13, field: 'description' });
  });

  it('reports the first mention of each skill in field order', () => {
    const found = matcher.find({ title: 'Data Engineer (Spark)', tags: 'python, sql', description: 'Python and Spark every day' });
    expect(found.map((m) => [m.skill, m.field])).toEqual([['spark', 'title'], ['python', 'tags'], ['sql', 'tags']]);
    expect(matcher.mentions({ description: 'Python first, python again' })).toHaveLength(2);
  });
});

describe('SkillMatcher: aliases that are also ordinary words', () => {
  it.each([
    ['R in a list of languages (en)', 'We use Python, R and SQL daily.', 'r-language'],
    ['R in a list (pt)', 'Experiência com Python, R e SQL.', 'r-language'],
    ['R in a list (es)', 'Manejo de Python, R y SQL.', 'r-language'],
    ['R followed by a comma', 'R, Python or Julia for statistics', 'r-language'],
    ['R language', 'Experience with the R language', 'r-language'],
    ['linguagem R', 'Domínio da linguagem R', 'r-language'],
    ['lenguaje R', 'Conocimientos del lenguaje R', 'r-language'],
    ['r in a lower-case tag list', 'python, r, sql', 'r-language'],
    ['Go in a tech list', 'Go, Python, Kubernetes', 'golang'],
    ['Go after a stack label', 'Stack: Go, PostgreSQL', 'golang'],
    ['Go or Java (pt)', 'Backend em Java ou Go', 'golang'],
    ['Golang', 'Experience with Golang microservices', 'golang'],
    ['linguagem Go', 'Experiência com a linguagem Go', 'golang'],
    ['C in a language list', 'C, C++ and Rust', 'c-language'],
    ['C/C++', 'Embedded development in C/C++', 'c-language'],
    ['C in a Spanish list', 'Programación en Python y C', 'c-language'],
    ['Spark in running text', 'Experience with Spark and Kafka', 'spark'],
    ['Spark at the start of a title', 'Spark Engineer', 'spark'],
    ['spark in a tag list', 'data engineering, spark, airflow', 'spark'],
    ['Rust in a list', 'Rust, Go and C++', 'rust'],
    ['Rust in running text (pt)', 'Experiência com Rust em produção', 'rust'],
    ['Excel with a qualifier (es)', 'Excel avanzado', 'excel'],
    ['Excel in running text (pt)', 'Conhecimento em Excel e Power BI', 'excel'],
    ['Java next to JavaScript', 'Java and JavaScript', 'java'],
    ['JavaScript next to Java', 'Java and JavaScript', 'javascript'],
    ['AI as an acronym', 'Experience shipping AI products', 'artificial-intelligence'],
    ['SOLID in capitals', 'Apply SOLID and clean code', 'solid'],
  ])('finds %s', (_case, text, skill) => {
    expect(skillsIn(text)).toContain(skill);
  });

  it.each([
    ['R$ (pt)', 'Salário de R$ 12.000 por mês', 'r-language'],
    ['R$ (es)', 'Sueldo: R$ 5.000', 'r-language'],
    ['R&D', 'Join our R&D team', 'r-language'],
    ['a letter in prose', 'Option R is the cheapest plan.', 'r-language'],
    ['a label letter', 'Plano R com benefícios', 'r-language'],
    ['go as a verb', "Let's go! We go beyond the usual.", 'golang'],
    ['Go at the start of a sentence', 'Go to the office twice a month.', 'golang'],
    ['go-to-market', 'Own the go-to-market and Go-to-market plans', 'golang'],
    ['GO in a heading in capitals', "READY, SET, GO", 'golang'],
    ['C-level', 'Report to C-level executives', 'c-language'],
    ['C-suite', 'Present to the C-suite', 'c-language'],
    ['Series C', 'We closed our Series C, and we are hiring', 'c-language'],
    ['Vitamin C', 'Free fruit and Vitamin C, snacks', 'c-language'],
    ['C#', 'Backend in C# and .NET', 'c-language'],
    ['spark joy', 'Things that spark joy', 'spark'],
    ['Spark joy at the start of a sentence', 'Spark joy in every team.', 'spark'],
    ['sparkling', 'A sparkling culture', 'spark'],
    ['rusty', 'Rusty skills are fine, we train you', 'rust'],
    ['rust as a noun', 'Remove the rust from old pipelines', 'rust'],
    ['excellent', 'Excellent communication skills', 'excel'],
    ['excel as a verb', 'You will excel in a fast-paced team', 'excel'],
    ['Excel as a verb at a sentence start', 'Excel at teamwork.', 'excel'],
    ['Java inside JavaScript', 'Modern JavaScript and TypeScript', 'java'],
    ['Solid as an adjective', 'Solid knowledge of backend development', 'solid'],
    ['rest as a word', 'The rest of the team is remote', 'rest-apis'],
    ['aí in Portuguese', 'E aí, bora trabalhar?', 'artificial-intelligence'],
    ['js inside node.js', 'Node.js services', 'javascript'],
    ['no SQL in Portuguese', 'Consultas no SQL Server', 'nosql'],
  ])('ignores %s', (_case, text, skill) => {
    expect(skillsIn(text)).not.toContain(skill);
  });
});

describe('SkillMatcher: required and nice-to-have', () => {
  const plain = (html: string) => htmlToPlainText(html);
  const requiredOf = (text: string) => Object.fromEntries(matcher.find({ description: text }).map((m) => [m.skill, m.required]));

  it.each([
    [
      'pt',
      plain('<h2>Sobre a vaga</h2><p>Time de dados com Airflow.</p><h3>Requisitos</h3><ul><li>Python</li><li>SQL</li></ul><h3>Diferenciais</h3><ul><li>Kafka</li></ul><h3>Benefícios</h3><ul><li>Docker para todos</li></ul>'),
      { airflow: null, python: true, sql: true, kafka: false, docker: null },
    ],
    [
      'en',
      plain('<p>About the role</p><p>Build models.</p><h3>Requirements:</h3><ul><li>Kubernetes</li></ul><h3>Nice to have:</h3><ul><li>Terraform</li></ul>'),
      { kubernetes: true, terraform: false },
    ],
    [
      'es',
      plain('<h3>Requerimientos</h3><ul><li>Java</li></ul><h3>Deseable</h3><ul><li>Kotlin</li></ul><h3>Lo que ofrecemos</h3><ul><li>Clases de Scrum</li></ul>'),
      { java: true, kotlin: false, scrum: null },
    ],
    ['en, qualifications', 'Qualifications\n * PyTorch\nPreferred qualifications\n * JAX', { pytorch: true, jax: false }],
    ['en, must have / bonus points', 'Must have\n- Snowflake\nBonus points\n- dbt', { snowflake: true, dbt: false }],
    ['pt, o que buscamos / desejável', 'O que buscamos\n* Pandas\nDesejável\n* Polars', { pandas: true, polars: false }],
    ['es, lo que buscamos / plus', 'Lo que buscamos:\n- Tableau\nPlus:\n- Looker', { tableau: true, looker: false }],
    ['es, excluyentes / no excluyentes', 'Requisitos excluyentes\n- Angular\nRequisitos no excluyentes\n- Vue.js', { angular: true, vue: false }],
    ['inline heading', 'Requisitos: Python e SQL.\nDiferenciais: Spark, Kafka.', { python: true, sql: true, spark: false, kafka: false }],
    ['a sentence that says it is a plus', 'Experience with Kafka is a plus.', { kafka: false }],
    ['a sentence that says it is required (pt)', 'Python (obrigatório) e Docker.', { python: true }],
    ['es deseable, inside a requirements list', 'Requisitos\n- Python\n- Terraform es deseable', { python: true, terraform: false }],
    ['no sections at all', 'We use Python and Airflow.', { python: null, airflow: null }],
  ])('%s', (_case, text, expected) => {
    expect(requiredOf(text)).toMatchObject(expected);
  });

  it('says required when any mention of the skill is in a requirements section', () => {
    const text = 'Our stack is Python and AWS.\nRequirements\n * Python';
    expect(mentionOf(text, 'python')).toMatchObject({ required: true, start: 13 });
    expect(mentionOf(text, 'aws')?.required).toBeNull();
  });

  it('leaves title and tags without a requirement', () => {
    expect(matcher.find({ title: 'Python developer', tags: 'sql' }).map((m) => m.required)).toEqual([null, null]);
  });
});

describe('SkillMatcher: years of experience', () => {
  const yearsOf = (text: string) => Object.fromEntries(matcher.find({ description: text }).map((m) => [m.skill, m.years]));

  it.each([
    ['en, before', '3+ years of Python', { python: 3 }],
    ['en, of experience with', '4 years of experience with Java and Kotlin', { java: 4, kotlin: 4 }],
    ['en, at least', 'At least 2 years of hands-on experience in Spark', { spark: 2 }],
    ['en, a range gives its lower end', '3-5 years of experience in SQL', { sql: 3 }],
    ['en, after in parentheses', 'Python (5+ years), SQL (3 years)', { python: 5, sql: 3 }],
    ['en, in words', 'Five years of experience with Scala', { scala: 5 }],
    ['pt', '3 anos de experiência com Python', { python: 3 }],
    ['pt, mínimo', 'Mínimo de 2 anos de experiência em React', { react: 2 }],
    ['es', 'Experiencia de 2 años en SQL', { sql: 2 }],
    ['es, before', '5 años de experiencia con Django', { django: 5 }],
    ['es, after', 'Kubernetes: 3 años', { kubernetes: 3 }],
    ['the years lead into another skill', 'Python, 3 years of Java', { python: null, java: 3 }],
    ['another sentence', 'Python. 5 years in sales.', { python: null }],
    ['a new requirement in between', '5+ years in software engineering, and knowledge of Docker', { docker: null }],
    ['no figure', 'Experience with Airflow', { airflow: null }],
  ])('%s', (_case, text, expected) => {
    expect(yearsOf(text)).toMatchObject(expected);
  });
});
