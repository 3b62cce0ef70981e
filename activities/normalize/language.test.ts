import { describe, expect, it } from 'vitest';
import { detectLanguage, type Language } from './language.js';

describe('detectLanguage', () => {
  it.each<[string, Language]>([
    // Portuguese
    ['A Lumen Jurídico desenvolve assistentes para escritórios de advocacia e departamentos jurídicos.', 'pt'],
    ['Buscamos uma pessoa Engenheira de Dados para evoluir a plataforma analítica.', 'pt'],
    ['Você vai construir pipelines de dados batch e streaming com Spark e Kafka.', 'pt'],
    ['Requisitos: experiência sólida com SQL e Python; conhecimento de modelagem de dados.', 'pt'],
    ['Contratação PJ, 100% remoto para residentes no Brasil.', 'pt'],
    ['Vaga remota para pessoas residentes no Brasil. CLT, vale-refeição e plano de saúde.', 'pt'],
    ['Construir pipelines de dados com Spark', 'pt'],
    ['Trabalhe de qualquer lugar do Brasil.', 'pt'],
    ['Desenvolver modelos de previsão de demanda.', 'pt'],
    ['Inglês avançado é um diferencial.', 'pt'],
    // Spanish
    ['Andes Retail es una cadena chilena de tiendas de deporte y outdoor con presencia en Chile, Perú y Colombia.', 'es'],
    ['Buscamos Analista de Datos para el área de Inteligencia Comercial.', 'es'],
    ['¿Qué harás? Desarrollar procesos ETL/ELT en Databricks con PySpark y Delta Lake.', 'es'],
    ['Requisitos: experiencia con Spark y Azure Data Factory; conocimiento de Git.', 'es'],
    ['Contratación como contractor en USD, 100% remoto para residentes en Latinoamérica.', 'es'],
    ['Trabajo remoto desde cualquier ciudad de México.', 'es'],
    ['Construir pipelines de datos con Spark', 'es'],
    ['Ofrecemos un salario competitivo y beneficios.', 'es'],
    ['Inglés técnico; portugués es un plus.', 'es'],
    ['Modalidad 100% remota desde Chile. Renta líquida según experiencia.', 'es'],
    // English
    ['Quillstack makes writing and research tools used by 3 million people.', 'en'],
    ['You will design evaluation suites for large language models.', 'en'],
    ['3+ years of experience with Python and SQL; knowledge of AWS.', 'en'],
    ['Must be authorized to work in the United States.', 'en'],
    ['We are looking for a senior data engineer to join our team.', 'en'],
    ['Remote, but we prefer candidates in the US.', 'en'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('separates Portuguese from Spanish in near-identical sentences', () => {
    const pairs: [string, string][] = [
      ['Experiência com Python e SQL; conhecimento em AWS.', 'Experiencia con Python y SQL; conocimiento en AWS.'],
      ['Nosso time de dados está crescendo e buscamos uma pessoa.', 'Nuestro equipo de datos está creciendo y buscamos una persona.'],
      ['Oferecemos plano de saúde e auxílio home office.', 'Ofrecemos seguro de salud y bono de home office.'],
      ['Os modelos são treinados com dados de produção.', 'Los modelos son entrenados con datos de producción.'],
    ];
    for (const [pt, es] of pairs) {
      expect(detectLanguage(pt)).toBe('pt');
      expect(detectLanguage(es)).toBe('es');
    }
  });

  it('finds the language of a whole ad despite English tech words and links', () => {
    const ad =
      'Sobre a vaga: você vai trabalhar com LLMs, RAG, LangChain, PyTorch, Docker e Kubernetes na GCP. ' +
      'Candidate-se em https://jobs.example.com/the-best-job-for-you-and-your-team ou envie um e-mail para vagas@example.com.';
    expect(detectLanguage(ad)).toBe('pt');
  });

  it.each([
    [''],
    ['ok'],
    ['100% remoto'],
    ['Cientista de Dados Pleno'],
    ['Python SQL Spark Kafka Airflow dbt Snowflake BigQuery'],
    ['Requisitos: Python, SQL, Spark, Airflow, dbt, AWS.'],
    ['https://example.com/vaga/123'],
  ])('%j → null (too little to tell)', (text) => {
    expect(detectLanguage(text)).toBeNull();
  });
});
