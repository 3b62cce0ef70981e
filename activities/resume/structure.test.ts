import { describe, expect, it } from 'vitest';
import { loadTaxonomy, SkillMatcher } from '../normalize/skills.js';
import { findEmail, findGithub, findLinkedin, findPhone } from './structure-contact.js';
import { findLanguages } from './structure-languages.js';
import { headingKind } from './structure-sections.js';
import { parseResumeDate, structureResume } from './structure.js';

const matcher = new SkillMatcher(loadTaxonomy());
const NOW = new Date('2026-11-26T12:00:00Z');

describe('parseResumeDate', () => {
  it.each([
    ['jan/2020 – atual', '2020-01', null, true],
    ['Jan 2020 - Present', '2020-01', null, true],
    ['03/2019 – presente', '2019-03', null, true],
    ['2018 – 2021', '2018-01', '2021-12', false],
    ['março de 2019 a agosto de 2021', '2019-03', '2021-08', false],
    ['Março de 2019 até Agosto de 2021', '2019-03', '2021-08', false],
    ['mar. 2019 – ago. 2021', '2019-03', '2021-08', false],
    ['enero 2020 - actualidad', '2020-01', null, true],
    ['Enero de 2020 – la actualidad', '2020-01', null, true],
    ['2020-01 to 2022-06', '2020-01', '2022-06', false],
    ['Since 2021', '2021-01', null, true],
    ['desde 2021', '2021-01', null, true],
    ['Desde marzo 2022', '2022-03', null, true],
    ['a partir de setembro de 2023', '2023-09', null, true],
    ['12/2017 - 02/2019', '2017-12', '2019-02', false],
    ['fev/2016 — dez/2017', '2016-02', '2017-12', false],
    ['FEV 2016 - DEZ 2017', '2016-02', '2017-12', false],
    ['out. 2015 – set. 2016', '2015-10', '2016-09', false],
    ['September 2019 – October 2021', '2019-09', '2021-10', false],
    ['Sept 2019 to Oct 2021', '2019-09', '2021-10', false],
    ['dic. 2018 - abr. 2020', '2018-12', '2020-04', false],
    ['septiembre de 2017 a diciembre de 2019', '2017-09', '2019-12', false],
    ['setiembre 2017 – ene 2019', '2017-09', '2019-01', false],
    ['Jun 2021 – Current', '2021-06', null, true],
    ['May 2022 - now', '2022-05', null, true],
    ['jul/2023 - o momento', '2023-07', null, true],
    ['abr 2020 – hoy', '2020-04', null, true],
    ['2019 to 2020', '2019-01', '2020-12', false],
    ['2015 a 2017', '2015-01', '2017-12', false],
    ['15/03/2019 – 30/06/2021', '2019-03', '2021-06', false],
    ['2021.02 – 2023.11', '2021-02', '2023-11', false],
    ['Data Scientist at Rappi (Mar 2019 - Dec 2021)', '2019-03', '2021-12', false],
    ['Engenheira de Dados | jan/2022 – atual | São Paulo', '2022-01', null, true],
    ['2024', null, '2024-12', false],
  ])('%s', (text, start, end, current) => {
    expect(parseResumeDate(text)).toEqual({ start, end, current });
  });

  it.each([
    ['a Brazilian mobile', '(11) 98765-4321'], ['an international phone', '+55 11 98765 4321'], ['a landline with a year-like block', '(11) 2019-2020'],
    ['a duration', '2 anos'], ['a duration in Spanish', '3 años de experiencia'], ['a version number', 'Python 3.10'],
    ['a salary', 'R$ 12.000,00'], ['a month with no year', 'março'], ['a sea, not March', 'Mar del Plata'],
    ['a postcode', 'CEP 01310-100'], ['an implausible year', '3021 – 3025'], ['a year inside a longer sentence', 'Ganhei o prêmio em 2019 pela melhor solução'],
    ['empty text', ''],
  ])('no date in %s', (_label, text) => {
    expect(parseResumeDate(text)).toBeNull();
  });

  it('rejects a range that ends before it starts', () => {
    expect(parseResumeDate('2021 – 2019')).toBeNull();
  });
});

describe('section headings', () => {
  it.each([
    ['Experiência Profissional', 'experience'], ['EXPERIÊNCIA', 'experience'], ['Histórico Profissional:', 'experience'],
    ['Experiencia laboral', 'experience'], ['experiencia', 'experience'], ['Work Experience', 'experience'], ['## Experience', 'experience'],
    ['Formação Acadêmica', 'education'], ['FORMAÇÃO', 'education'], ['Educação', 'education'], ['Formación', 'education'],
    ['Educación:', 'education'], ['Education', 'education'],
    ['Skills', 'skills'], ['Competências', 'skills'], ['HABILIDADES', 'skills'], ['Conhecimentos:', 'skills'],
    ['Idiomas', 'languages'], ['Languages:', 'languages'],
    ['Resumo', 'summary'], ['Sobre mim', 'summary'], ['PERFIL', 'summary'], ['Summary', 'summary'],
    ['Projetos', 'projects'], ['Proyectos', 'projects'], ['Projects', 'projects'],
    ['Certificações', 'certifications'], ['Certificaciones', 'certifications'], ['CERTIFICATIONS', 'certifications'],
    ['— Prêmios —', 'other'],
  ])('%s → %s', (line, kind) => {
    expect(headingKind(line)?.kind).toBe(kind);
  });

  it.each(['Experiência: 5 anos construindo pipelines de dados', 'Data Engineer', 'Minha experiência com Python', 'Perfil analítico e proativo'])('not a heading: %s', (line) =>
    expect(headingKind(line)).toBeNull(),
  );

  it('takes inline content after a list heading', () => {
    expect(headingKind('Idiomas: Inglês (C1), Espanhol básico')).toEqual({ kind: 'languages', contentAt: 8 });
  });
});

describe('contacts', () => {
  it.each([
    ['(11) 98765-4321', null, '+5511987654321'],
    ['+55 11 98765 4321', null, '+5511987654321'],
    ['+55 (21) 3456-7890', null, '+552134567890'],
    ['(011) 98765-4321', 'BR', '+5511987654321'],
    ['Tel: 21 3456-7890', 'BR', '+552134567890'],
    ['+52 55 1234 5678', null, '+525512345678'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['+54 9 11 2345-6789', null, '+5491123456789'],
    ['011 2345-6789', 'AR', '+541123456789'],
    ['+57 300 123 4567', null, '+573001234567'],
    ['300 123 4567', 'CO', '+573001234567'],
    ['+56 9 8765 4321', null, '+56987654321'],
    ['9 8765 4321', 'CL', '+56987654321'],
    ['+51 987 654 321', null, '+51987654321'],
    ['+598 94 123 456', null, '+59894123456'],
  ])('phone %s (country %s) → %s', (text, country, phone) => {
    expect(findPhone(text, country)).toMatchObject({ value: phone, e164: true });
  });

  it('keeps a phone whose country is unknown as written', () => {
    expect(findPhone('Tel. 3456-7890', null)).toEqual({ value: '3456-7890', e164: false, start: 5, end: 14 });
    expect(findPhone('2019 – 2021', null)).toBeNull();
    expect(findPhone('2 anos de experiência', 'BR')).toBeNull();
  });

  it.each([
    ['E-mail: Joana.Silva@gmail.com', 'joana.silva@gmail.com'],
    ['contato: ana_lima+cv@empresa.com.br |', 'ana_lima+cv@empresa.com.br'],
    ['josé.núñez@correo.mx', 'josé.núñez@correo.mx'],
    ['sem email aqui @ nada', null],
  ])('email in %s', (text, email) => expect(findEmail(text)?.value ?? null).toBe(email));

  it.each([
    ['linkedin.com/in/joana-silva', 'https://www.linkedin.com/in/joana-silva'],
    ['https://www.linkedin.com/in/jose-nunez-123/', 'https://www.linkedin.com/in/jose-nunez-123'],
    ['LinkedIn: br.linkedin.com/in/ana-lima', 'https://www.linkedin.com/in/ana-lima'],
    ['linkedin.com/company/nubank', null],
  ])('LinkedIn in %s', (text, url) => expect(findLinkedin(text)?.value ?? null).toBe(url));

  it.each([
    ['github.com/joanasilva', 'https://github.com/joanasilva'],
    ['https://github.com/jnunez/mlops-demo', 'https://github.com/jnunez'],
    ['GitHub: http://www.github.com/ana-lima-dev', 'https://github.com/ana-lima-dev'],
    ['no profile', null],
  ])('GitHub in %s', (text, url) => expect(findGithub(text)?.value ?? null).toBe(url));
});

describe('languages with levels', () => {
  it.each([
    ['Inglês — avançado', [{ language: 'en', level: 'advanced' }]],
    ['Español: nativo', [{ language: 'es', level: 'native' }]],
    ['English (C1)', [{ language: 'en', level: 'C1' }]],
    ['Portuguese - native', [{ language: 'pt', level: 'native' }]],
    ['Inglés intermedio', [{ language: 'en', level: 'intermediate' }]],
    ['Português (nativo), Inglês (fluente), Espanhol (básico)', [{ language: 'pt', level: 'native' }, { language: 'en', level: 'fluent' }, { language: 'es', level: 'basic' }]],
    ['Francés', [{ language: 'fr', level: null }]],
    ['English – upper-intermediate', [{ language: 'en', level: 'B2' }]],
  ])('%s', (text, expected) => expect(findLanguages(text).map(({ language, level }) => ({ language, level }))).toEqual(expected));

  it('outside a languages section, only a language stated with a level counts', () => {
    expect(findLanguages('Trabalhei com equipes de língua inglesa e clientes em Spanish markets', true)).toEqual([]);
    expect(findLanguages('Inglês fluente, disponível para viagens', true)).toEqual([{ language: 'en', level: 'fluent', start: 0, end: 14 }]);
  });
});
// Invented people; any likeness to real candidates is accidental.
const PT = `Juliana Araújo Ramos
São Paulo, SP — Brasil
(11) 98765-4321 · juliana.ramos@email.com.br
linkedin.com/in/juliana-araujo-ramos | github.com/juararamos

Resumo
Engenheira de machine learning com foco em modelos de crédito e MLOps.

Experiência Profissional

Engenheira de Machine Learning Sênior — Nubank
jan/2022 – atual | São Paulo (remoto)
- Lidero a plataforma de features em Python, Spark e Airflow na AWS.
- Coloquei em produção modelos de risco de crédito com MLflow e Kubernetes.

Cientista de Dados | Itaú Unibanco | 03/2019 – 12/2021
- Modelos de churn com scikit-learn e XGBoost; consultas em SQL sobre o Redshift.

Professora de Ciência de Dados (meio período) — Let's Code
mar. 2020 – ago. 2021
- Aulas de estatística, pandas e aprendizado de máquina para turmas noturnas.

Estagiária em Análise de Dados
Ambev
fev/2018 – fev/2019
- Painéis em Power BI e rotinas em SQL.

Formação Acadêmica
Bacharelado em Ciência da Computação — Universidade de São Paulo (USP)
2014 – 2018

Competências
Python, SQL, PySpark, TensorFlow, Docker, Git

Idiomas
Português — nativo
Inglês — avançado (C1)
Espanhol — intermediário
`;

const ES = `Martín Fernández Gómez
Científico de datos · Bogotá, Colombia
+57 300 123 4567 | martin.fernandez@correo.co
https://www.linkedin.com/in/martin-fernandez-gomez/

Perfil
Más de diez años construyendo modelos de aprendizaje automático y equipos de datos en el sector financiero y de comercio electrónico.

Experiencia laboral

Líder de Ciencia de Datos, Rappi
enero 2023 - actualidad
Lidero un equipo de seis científicos de datos; sistemas de recomendación con Python y PyTorch.

Científico de Datos — Mercado Libre
mar. 2019 – dic. 2022
Modelos de detección de fraude con XGBoost, SQL y BigQuery; despliegue en Google Cloud.

Analista de Datos Junior | Bancolombia | septiembre de 2016 a febrero de 2019 | Medellín
Reportes en Tableau y consultas SQL; automatización con Python.

Educación
Ingeniería de Sistemas — Universidad Nacional de Colombia
2011 - 2016

Habilidades: Python, SQL, machine learning, PyTorch, Spark, Airflow

Idiomas
Español: nativo
Inglés: avanzado (C1)
Portugués intermedio
`;

const EN = `Diego Herrera Castillo
Guadalajara, Mexico
+52 33 1234 5678 — diego.herrera@mail.mx — github.com/dherrera

Summary
Data engineer building batch and streaming pipelines for fintech and mobility companies.

Work Experience

Jun 2021 – Present
Senior Data Engineer, Clip
- Designed the lakehouse on Databricks and Delta Lake; dbt models and Airflow DAGs.
- Streaming ingestion with Kafka and Spark Structured Streaming.

Data Engineer at Kavak (Jan 2019 - Jul 2021)
- ETL pipelines in Python and SQL on AWS (Glue, Redshift, S3).
- Machine learning feature pipelines for car pricing models.

BI Analyst — Softtek
2017 – 2018
- Dashboards in Power BI, SQL Server stored procedures.

Education
B.Sc. in Computer Engineering, Universidad de Guadalajara, 2012 – 2016

Certifications
Databricks Certified Data Engineer Professional, 2023

Languages
Spanish (native), English (C2), Portuguese - basic
`;

const kinds = (draft: ReturnType<typeof structureResume>) => draft.sections.map((s) => s.kind);
const skillIds = (draft: ReturnType<typeof structureResume>) => draft.skills.map((s) => s.skill);

describe('structureResume: full résumés', () => {
  it('reads a Portuguese résumé with overlapping jobs and a two-line header', () => {
    const draft = structureResume(PT, matcher, NOW);
    expect(draft.language).toBe('pt');
    expect(draft.name).toBe('Juliana Araújo Ramos');
    expect(draft.contact).toEqual({ email: 'juliana.ramos@email.com.br', phone: '+5511987654321', linkedin: 'https://www.linkedin.com/in/juliana-araujo-ramos', github: 'https://github.com/juararamos', city: 'São Paulo', country: 'BR' });
    expect(kinds(draft)).toEqual(['summary', 'experience', 'education', 'skills', 'languages']);
    const experience = draft.sections.find((s) => s.kind === 'experience')!;
    expect(PT.slice(experience.start, experience.end)).toMatch(/^Experiência Profissional\n[\s\S]*Painéis em Power BI e rotinas em SQL\.\n\n$/);
    expect(draft.experience).toEqual([
      {
        title: 'Engenheira de Machine Learning Sênior', company: 'Nubank', start: '2022-01', end: null, current: true,
        text: '- Lidero a plataforma de features em Python, Spark e Airflow na AWS.\n- Coloquei em produção modelos de risco de crédito com MLflow e Kubernetes.',
      },
      {
        title: 'Cientista de Dados', company: 'Itaú Unibanco', start: '2019-03', end: '2021-12', current: false,
        text: '- Modelos de churn com scikit-learn e XGBoost; consultas em SQL sobre o Redshift.',
      },
      {
        title: 'Professora de Ciência de Dados (meio período)', company: "Let's Code", start: '2020-03', end: '2021-08', current: false,
        text: '- Aulas de estatística, pandas e aprendizado de máquina para turmas noturnas.',
      },
      { title: 'Estagiária em Análise de Dados', company: 'Ambev', start: '2018-02', end: '2019-02', current: false, text: '- Painéis em Power BI e rotinas em SQL.' },
    ]);
    expect(draft.education).toEqual([
      { degree: 'Bacharelado em Ciência da Computação', institution: 'Universidade de São Paulo (USP)', start: '2014-01', end: '2018-12' },
    ]);
    // fev/2018 to nov/2026 with no gap: 106 months; the part-time job inside the Itaú years adds nothing.
    expect(draft.totalYearsExperience).toBe(8.8);
    expect(draft.seniority).toBe('senior');
    expect(draft.languages).toEqual([{ language: 'pt', level: 'native' }, { language: 'en', level: 'C1' }, { language: 'es', level: 'intermediate' }]);
    expect(skillIds(draft)).toEqual(expect.arrayContaining(['python', 'sql', 'machine-learning', 'spark', 'airflow', 'aws', 'mlflow', 'xgboost', 'pandas', 'power-bi', 'tensorflow']));
    const ml = draft.skills.findIndex((s) => s.skill === 'machine-learning');
    expect(draft.evidence[`skills.${ml}`]?.text).toBe('machine learning');
    expect(draft.warnings).toEqual([]);
  });

  it('reads a Spanish résumé with a lead title and an inline skills list', () => {
    const draft = structureResume(ES, matcher, NOW);
    expect(draft.language).toBe('es');
    expect(draft.name).toBe('Martín Fernández Gómez');
    expect(draft.contact).toEqual({ email: 'martin.fernandez@correo.co', phone: '+573001234567', linkedin: 'https://www.linkedin.com/in/martin-fernandez-gomez', github: null, city: 'Bogotá', country: 'CO' });
    expect(kinds(draft)).toEqual(['summary', 'experience', 'education', 'skills', 'languages']);
    expect(draft.experience).toEqual([
      {
        title: 'Líder de Ciencia de Datos', company: 'Rappi', start: '2023-01', end: null, current: true,
        text: 'Lidero un equipo de seis científicos de datos; sistemas de recomendación con Python y PyTorch.',
      },
      {
        title: 'Científico de Datos', company: 'Mercado Libre', start: '2019-03', end: '2022-12', current: false,
        text: 'Modelos de detección de fraude con XGBoost, SQL y BigQuery; despliegue en Google Cloud.',
      },
      {
        title: 'Analista de Datos Junior', company: 'Bancolombia', start: '2016-09', end: '2019-02', current: false,
        text: 'Reportes en Tableau y consultas SQL; automatización con Python.',
      },
    ]);
    expect(draft.education).toEqual([{ degree: 'Ingeniería de Sistemas', institution: 'Universidad Nacional de Colombia', start: '2011-01', end: '2016-12' }]);
    // sep/2016 to nov/2026: 123 months.
    expect(draft.totalYearsExperience).toBe(10.3);
    expect(draft.seniority).toBe('lead');
    expect(draft.languages).toEqual([{ language: 'es', level: 'native' }, { language: 'en', level: 'C1' }, { language: 'pt', level: 'intermediate' }]);
    expect(skillIds(draft)).toEqual(expect.arrayContaining(['python', 'sql', 'machine-learning', 'pytorch', 'xgboost', 'bigquery', 'tableau', 'fraud-detection']));
    expect(draft.warnings).toEqual([]);
  });

  it('reads an English résumé with dates above titles, overlapping jobs and year-only dates', () => {
    const draft = structureResume(EN, matcher, NOW);
    expect(draft.language).toBe('en');
    expect(draft.name).toBe('Diego Herrera Castillo');
    expect(draft.contact).toEqual({ email: 'diego.herrera@mail.mx', phone: '+523312345678', linkedin: null, github: 'https://github.com/dherrera', city: 'Guadalajara', country: 'MX' });
    expect(kinds(draft)).toEqual(['summary', 'experience', 'education', 'certifications', 'languages']);
    expect(draft.experience).toEqual([
      {
        title: 'Senior Data Engineer', company: 'Clip', start: '2021-06', end: null, current: true,
        text: '- Designed the lakehouse on Databricks and Delta Lake; dbt models and Airflow DAGs.\n- Streaming ingestion with Kafka and Spark Structured Streaming.',
      },
      {
        title: 'Data Engineer', company: 'Kavak', start: '2019-01', end: '2021-07', current: false,
        text: '- ETL pipelines in Python and SQL on AWS (Glue, Redshift, S3).\n- Machine learning feature pipelines for car pricing models.',
      },
      { title: 'BI Analyst', company: 'Softtek', start: '2017-01', end: '2018-12', current: false, text: '- Dashboards in Power BI, SQL Server stored procedures.' },
    ]);
    expect(draft.education).toEqual([{ degree: 'B.Sc. in Computer Engineering', institution: 'Universidad de Guadalajara', start: '2012-01', end: '2016-12' }]);
    // jan/2017 to nov/2026 (119 months): Kavak and Clip overlap in jun–jul 2021, counted once.
    expect(draft.totalYearsExperience).toBe(9.9);
    expect(draft.seniority).toBe('senior');
    expect(draft.languages).toEqual([{ language: 'es', level: 'native' }, { language: 'en', level: 'C2' }, { language: 'pt', level: 'basic' }]);
    expect(skillIds(draft)).toEqual(expect.arrayContaining(['python', 'sql', 'machine-learning', 'databricks', 'dbt', 'kafka', 'spark', 'etl']));
    expect(draft.warnings).toEqual(['dates given as years only in experience entry 3: months assumed']);
  });
});

describe('structureResume: evidence', () => {
  it('keeps, for every field it found, the span of the text it was read from', () => {
    const draft = structureResume(PT, matcher, NOW);
    for (const [path, span] of Object.entries(draft.evidence)) expect(PT.slice(span.start, span.end), path).toBe(span.text);
    const text = (path: string) => draft.evidence[path]?.text;
    expect(text('name')).toBe('Juliana Araújo Ramos');
    expect(text('contact.email')).toBe('juliana.ramos@email.com.br');
    expect(text('contact.phone')).toBe('(11) 98765-4321');
    expect(text('contact.linkedin')).toBe('linkedin.com/in/juliana-araujo-ramos');
    expect(text('contact.github')).toBe('github.com/juararamos');
    expect(text('contact.city')).toBe('São Paulo');
    expect(text('contact.country')).toBe('Brasil');
    expect(text('experience.0.title')).toBe('Engenheira de Machine Learning Sênior');
    expect(text('experience.0.company')).toBe('Nubank');
    expect(text('experience.0.dates')).toBe('jan/2022 – atual');
    expect(text('experience.1.company')).toBe('Itaú Unibanco');
    expect(text('experience.1.dates')).toBe('03/2019 – 12/2021');
    expect(text('experience.3')).toBe('Estagiária em Análise de Dados\nAmbev\nfev/2018 – fev/2019\n- Painéis em Power BI e rotinas em SQL.');
    expect(text('education.0.institution')).toBe('Universidade de São Paulo (USP)');
    expect(text('education.0.dates')).toBe('2014 – 2018');
    expect(text('languages.1')).toBe('Inglês — avançado (C1');
    // The latest title says "Sênior": that title is the seniority's evidence.
    expect(draft.evidence.seniority).toEqual(draft.evidence['experience.0.title']);
    // Derived from the dates, not read anywhere: no evidence rather than a made-up one.
    expect(draft.evidence.totalYearsExperience).toBeUndefined();
    expect(draft.skills.every((_, i) => draft.evidence[`skills.${i}`])).toBe(true);
  });

  it('gives no evidence to a value the text does not hold verbatim, and none to what was not found', () => {
    const draft = structureResume('Trabalho com dados há muitos anos, com Python e SQL.\nTel. 3456-7890', matcher, NOW);
    expect(Object.keys(draft.evidence).sort()).toEqual(['contact.phone', 'skills.0', 'skills.1']);
  });
});

describe('structureResume: what the text does not say', () => {
  it('leaves unknowns null and lists what is missing', () => {
    const draft = structureResume('Trabalho com dados há muitos anos, com Python e SQL.\nTel. 3456-7890', matcher, NOW);
    expect(draft.name).toBeNull();
    expect(draft.contact).toEqual({ email: null, phone: '3456-7890', linkedin: null, github: null, city: null, country: null });
    expect(draft.experience).toEqual([]);
    expect(draft.totalYearsExperience).toBeNull();
    expect(draft.seniority).toBeNull();
    expect(draft.skills.map((s) => s.skill)).toEqual(['python', 'sql']);
    expect(draft.warnings).toEqual([
      'no name found', 'no email found', 'phone country code unknown: kept as written', 'no country found',
      'no experience section found', 'no dated experience entries found', 'no education section found',
      'no languages section found', 'no languages found',
    ]);
  });

  it('finds dated jobs without an experience heading, outside education, and a seniority from years alone', () => {
    const text = [
      'Ana Paula Lima', 'Curitiba, Brasil', '', 'Analista de Dados — Boticário', '2023 – atual', 'Dashboards e SQL.',
      'Data Analyst at Ebanx (04/2021 – 12/2022)', '', 'Formação', 'Estatística — UFPR', '2016 – 2020',
    ].join('\n');
    const draft = structureResume(text, matcher, NOW);
    expect(draft.name).toBe('Ana Paula Lima');
    expect(draft.contact.city).toBe('Curitiba');
    expect(draft.experience.map((e) => [e.title, e.company, e.start, e.end, e.current])).toEqual([
      ['Analista de Dados', 'Boticário', '2023-01', null, true],
      ['Data Analyst', 'Ebanx', '2021-04', '2022-12', false],
    ]);
    expect(draft.education).toEqual([{ degree: 'Estatística', institution: 'UFPR', start: '2016-01', end: '2020-12' }]);
    // apr/2021 to nov/2026: 68 months, no level in the titles, so the years decide.
    expect(draft.totalYearsExperience).toBe(5.7);
    expect(draft.seniority).toBe('senior');
    expect(draft.warnings).toContain('no experience section found');
    expect(draft.warnings).toContain('dates given as years only in experience entry 1: months assumed');
  });

  it('keeps the years a résumé states for a skill, in any of the three languages', () => {
    const text = 'Competências\nPython (5 anos), SQL: 3 anos de experiência\n8 years of experience with Spark\nDocker 2 años';
    expect(structureResume(text, matcher, NOW).skills).toEqual([
      { skill: 'python', years: 5 },
      { skill: 'sql', years: 3 },
      { skill: 'spark', years: 8 },
      { skill: 'docker', years: 2 },
    ]);
  });

  it('takes an intern title on the latest job over the years', () => {
    const text = 'Experience\nData Science Intern, Stone\nJan 2026 - Present\n\nData Analyst, Itaú\n2018 – 2025';
    expect(structureResume(text, matcher, NOW).seniority).toBe('intern');
  });
});
