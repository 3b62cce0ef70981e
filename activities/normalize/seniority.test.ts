import { describe, expect, it } from 'vitest';
import { classifySeniority, yearsRequired, type Seniority } from './seniority.js';

describe('classifySeniority: title', () => {
  it.each<[string, Seniority, string]>([
    ['Estagiário(a) de Dados', 'intern', 'Estagiário'],
    ['Estágio em Ciência de Dados', 'intern', 'Estágio'],
    ['Programa de Trainee 2026 - Dados', 'intern', 'Trainee'],
    ['Pasante de Analítica', 'intern', 'Pasante'],
    ['Becario/a de Inteligencia Artificial', 'intern', 'Becario'],
    ['Machine Learning Intern', 'intern', 'Intern'],
    ['Data Science Internship (Summer)', 'intern', 'Internship'],
    ['Analista de Dados Júnior', 'junior', 'Júnior'],
    ['Analista de Datos Jr.', 'junior', 'Jr.'],
    ['Junior Data Analyst', 'junior', 'Junior'],
    ['Entry-Level Data Engineer', 'junior', 'Entry-Level'],
    ['Data Engineer I', 'junior', 'I'],
    ['Cientista de Dados Pleno', 'mid', 'Pleno'],
    ['Ingeniero/a de Datos Semi Senior', 'mid', 'Semi Senior'],
    ['Data Analyst Semi-Senior (SSr)', 'mid', 'Semi-Senior'],
    ['Desarrollador Python SSr', 'mid', 'SSr'],
    ['Mid-Level Machine Learning Engineer', 'mid', 'Mid-Level'],
    ['Mid-Senior Data Scientist', 'mid', 'Mid-Senior'],
    ['Data Engineer II', 'mid', 'II'],
    ['Analista de Datos Intermedio', 'mid', 'Intermedio'],
    ['Engenheiro(a) de Machine Learning Sênior', 'senior', 'Sênior'],
    ['Sr. Data Engineer', 'senior', 'Sr.'],
    ['Senior Machine Learning Engineer', 'senior', 'Senior'],
    ['Científico/a de Datos Senior', 'senior', 'Senior'],
    ['Especialista em IA Generativa (LLMs)', 'senior', 'Especialista'],
    ['Analista de Dados III', 'senior', 'III'],
    ['Staff ML Engineer', 'staff', 'Staff'],
    ['Senior Staff Engineer, Ranking', 'staff', 'Staff'],
    ['Principal Applied Scientist', 'staff', 'Principal'],
    ['Lead Data Scientist', 'lead', 'Lead'],
    ['Tech Lead de Dados', 'lead', 'Tech Lead'],
    ['Senior Data Engineer (Team Lead)', 'lead', 'Team Lead'],
    ['Líder Técnico de IA', 'lead', 'Líder'],
    ['Engineering Manager, ML Platform', 'lead', 'Manager'],
    ['Gerente de Ciência de Dados', 'lead', 'Gerente'],
    ['Head de Dados', 'lead', 'Head'],
    ['Head of Machine Learning', 'lead', 'Head'],
    ['Director of Data Science', 'lead', 'Director'],
    ['Coordenador(a) de BI', 'lead', 'Coordenador'],
    ['Jefe de Analítica', 'lead', 'Jefe'],
    ['Desenvolvedor Júnior/Pleno', 'mid', 'Pleno'],
    ['ANALISTA DE DADOS SÊNIOR', 'senior', 'SÊNIOR'],
  ])('%s → %s', (title, level, text) => {
    expect(classifySeniority(title)).toEqual({ level, text, field: 'title' });
  });

  it.each([
    ['Data Engineer'],
    ['Engenheiro de IA'],
    ['Analista de BI'],
    ['Srinivasan Analytics Engineer'],
    ['Leadership Coach'],
    ['Internal Tools Engineer'],
    ['International Data Analyst'],
    ['Product Manager, AI'],
    ['Gerente de Projetos de TI'],
    ['Lead Generation Specialist'],
    ['Staffing Data Analyst'],
  ])('%s → null', (title) => {
    expect(classifySeniority(title)).toBeNull();
  });
});

describe('classifySeniority: description, only where the ad says whom it seeks', () => {
  it.each<[string, Seniority, string]>([
    ['Buscamos uma pessoa Engenheira de Machine Learning Sênior para levar nossos modelos à produção.', 'senior', 'Sênior'],
    ['Nível: Pleno. Contratação CLT.', 'mid', 'Pleno'],
    ['Senioridade: Júnior', 'junior', 'Júnior'],
    ["We're looking for a senior data engineer to join the platform team.", 'senior', 'senior'],
    ['Seniority level: Mid-Senior level', 'mid', 'Mid-Senior'],
    ['Buscamos un/a Ingeniero/a de Datos Semi Senior para nuestro equipo.', 'mid', 'Semi Senior'],
    ['Estamos contratando estagiários para o time de dados.', 'intern', 'estagiários'],
    ['Vaga para Analista Júnior com vontade de aprender.', 'junior', 'Júnior'],
  ])('%s → %s', (description, level, text) => {
    expect(classifySeniority('Data Engineer', description)).toEqual({ level, text, field: 'description' });
  });

  it.each([
    ['You will mentor junior engineers and report to the Head of Data.'],
    ['Mentorar pessoas mais juniores do time e apoiar o líder técnico.'],
    ['Trabajarás junto a ingenieros senior y al gerente de producto.'],
    ['Presentar resultados a gerentes y directores de forma clara.'],
    [''],
  ])('%s → null', (description) => {
    expect(classifySeniority('Data Engineer', description)).toBeNull();
  });

  it('prefers the title over the description', () => {
    expect(classifySeniority('Analista de Dados Pleno', 'Buscamos pessoa Sênior')).toEqual({ level: 'mid', text: 'Pleno', field: 'title' });
  });
});

describe('yearsRequired', () => {
  it.each<[string, number, string]>([
    ['3+ years of experience with Python', 3, '3+ years'],
    ['5+ years building machine learning systems in production', 5, '5+ years'],
    ['At least 4 years of professional experience', 4, 'At least 4 years'],
    ['Minimum of 2 years in data engineering', 2, 'Minimum of 2 years'],
    ['3-5 years of experience', 3, '3-5 years'],
    ['between 3 and 5 years of experience', 3, 'between 3 and 5 years'],
    ['three years of experience with SQL', 3, 'three years'],
    ["3 years' experience in analytics", 3, '3 years'],
    ['mínimo de 3 anos de experiência', 3, 'mínimo de 3 anos'],
    ['Pelo menos 2 anos de experiência com dbt', 2, 'Pelo menos 2 anos'],
    ['5 a 7 anos', 5, '5 a 7 anos'],
    ['4+ anos em análise de dados ou business intelligence', 4, '4+ anos'],
    ['Experiência de 4 anos com Python', 4, 'de 4 anos'],
    ['Mais de 6 anos atuando com engenharia de dados', 6, 'Mais de 6 anos'],
    ['al menos 2 años de experiencia', 2, 'al menos 2 años'],
    ['De 2 a 4 años en ingeniería de datos', 2, 'De 2 a 4 años'],
    ['2+ años en análisis de datos o inteligencia de negocios', 2, '2+ años'],
    ['dos años de experiencia en NLP', 2, 'dos años'],
    ['Más de 5 años de experiencia en ciencia de datos', 5, 'Más de 5 años'],
    ['5+ anos com aprendizado de máquina, sendo 2+ com modelos em produção', 5, '5+ anos'],
    ['2+ years with Spark; 6+ years of software engineering experience', 6, '6+ years'],
  ])('%s → %d', (text, min, span) => {
    expect(yearsRequired(text)).toEqual({ min, text: span });
  });

  it.each([
    ['Founded 12 years ago, we serve 3 million people'],
    ['Há mais de 10 anos no mercado'],
    ['Hace 15 años que transformamos el retail'],
    ['ao longo dos anos de experiência da empresa'],
    ['25+ years in business'],
    ['Salário em R$ 10.000'],
    ['Python, SQL e Spark'],
    [''],
  ])('%s → null', (text) => {
    expect(yearsRequired(text)).toBeNull();
  });
});
