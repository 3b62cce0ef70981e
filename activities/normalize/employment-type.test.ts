import { describe, expect, it } from 'vitest';
import { findContracts, parseEmploymentType, type EmploymentType } from './employment-type.js';
import type { ContractType } from './salary.js';
import { foldForMatching } from './text-fold.js';

type Expected = [EmploymentType | null, ContractType | null];

describe("parseEmploymentType: a board's structured value", () => {
  it.each<[string, Expected, string]>([
    ['full_time', ['full_time', null], 'full_time'],
    ['Full-Time', ['full_time', null], 'Full-Time'],
    ['FULL_TIME', ['full_time', null], 'FULL_TIME'],
    ['fulltime', ['full_time', null], 'fulltime'],
    ['Permanent', ['full_time', null], 'Permanent'],
    ['part_time', ['part_time', null], 'part_time'],
    ['Part-time', ['part_time', null], 'Part-time'],
    ['contract', ['contract', 'contractor'], 'contract'],
    ['Contract', ['contract', 'contractor'], 'Contract'],
    ['CONTRACTOR', ['contract', 'contractor'], 'CONTRACTOR'],
    ['freelance', ['contract', 'freelance'], 'freelance'],
    ['PJ', ['contract', 'pj'], 'PJ'],
    ['CLT', ['full_time', 'clt'], 'CLT'],
    ['internship', ['internship', 'internship'], 'internship'],
    ['INTERN', ['internship', 'internship'], 'INTERN'],
    ['Estágio', ['internship', 'internship'], 'Estágio'],
    ['temporary', ['temporary', null], 'temporary'],
    ['TEMP', ['temporary', null], 'TEMP'],
    ['Tempo integral', ['full_time', null], 'Tempo integral'],
    ['Medio tiempo', ['part_time', null], 'Medio tiempo'],
  ])('%s → %o', (employmentType, [type, contract], text) => {
    expect(parseEmploymentType({ employmentType, title: 'Data Engineer', description: '' })).toEqual({
      type,
      contract,
      evidence: { field: 'employmentType', text },
    });
  });

  it('wins over the text, which still says which contract', () => {
    expect(parseEmploymentType({ employmentType: 'full_time', title: 'Engenheiro de Dados (PJ)', description: 'Meio período.' })).toEqual({
      type: 'full_time',
      contract: 'pj',
      evidence: { field: 'employmentType', text: 'full_time' },
    });
  });

  it('takes the kind of contract from the text when the board only says "contract"', () => {
    const result = parseEmploymentType({ employmentType: 'contract', title: 'Cientista de Dados', description: 'Contratação PJ, de R$ 20 mil a R$ 26 mil por mês.' });
    expect(result).toEqual({ type: 'contract', contract: 'pj', evidence: { field: 'employmentType', text: 'contract' } });
  });

  it('falls through to the text when the value means nothing', () => {
    for (const employmentType of ['', 'OTHER', 'Not specified', null, undefined]) {
      expect(parseEmploymentType({ employmentType, title: 'ML Engineer (Contract)', description: '' }).type).toBe('contract');
    }
  });
});

describe('parseEmploymentType: the title', () => {
  it.each<[string, Expected, string]>([
    ['Data Scientist (PJ)', ['contract', 'pj'], 'PJ'],
    ['Engenheiro(a) de Dados Sênior - CLT', ['full_time', 'clt'], 'CLT'],
    ['Estágio em Ciência de Dados', ['internship', 'internship'], 'Estágio'],
    ['Estagiária de Analytics', ['internship', 'internship'], 'Estagiária'],
    ['Pasantía - Analista de Datos', ['internship', 'internship'], 'Pasantía'],
    ['Machine Learning Intern', ['internship', 'internship'], 'Intern'],
    ['Data Engineering Internship (Summer 2027)', ['internship', 'internship'], 'Internship'],
    ['Freelance Data Annotator', ['contract', 'freelance'], 'Freelance'],
    ['ML Engineer (Contract)', ['contract', 'contractor'], '(Contract)'],
    ['Part-Time Data Analyst', ['part_time', null], 'Part-Time'],
    ['Analista de Dados - Meio Período', ['part_time', null], 'Meio Período'],
    ['Científico de Datos (Medio Tiempo)', ['part_time', null], 'Medio Tiempo'],
    ['Estágio em Dados - meio período', ['internship', 'internship'], 'Estágio'],
    ['Cientista de Dados Temporário', ['temporary', null], 'Temporário'],
  ])('%s → %o', (title, [type, contract], text) => {
    expect(parseEmploymentType({ title, description: '' })).toEqual({ type, contract, evidence: { field: 'title', text } });
  });
});

describe('parseEmploymentType: the description, in three languages', () => {
  it.each<[string, Expected, string]>([
    ['Regime CLT, 100% remoto.', ['full_time', 'clt'], 'CLT'],
    ['Contratação com carteira assinada e benefícios.', ['full_time', 'clt'], 'carteira assinada'],
    ['Modelo de contratação: PJ, R$ 22.000 a R$ 28.000/mês.', ['contract', 'pj'], 'PJ'],
    ['Vaga em tempo integral, 40h semanais.', ['full_time', null], 'tempo integral'],
    ['Jornada de meio período (20h semanais).', ['part_time', null], 'meio período'],
    ['Contrato temporário de 6 meses.', ['temporary', null], 'temporário'],
    ['Bolsa-auxílio de R$ 1.800 e vale-transporte.', ['internship', 'internship'], 'Bolsa-auxílio'],
    ['Relación de dependencia, 100% remoto desde Argentina.', ['full_time', null], 'Relación de dependencia'],
    ['Contrato a término indefinido, 100% remoto.', ['full_time', null], 'Contrato a término indefinido'],
    ['Puesto de jornada completa.', ['full_time', null], 'jornada completa'],
    ['Trabajo de medio tiempo, 4 horas diarias.', ['part_time', null], 'medio tiempo'],
    ['Contratación como contractor en USD.', ['contract', 'contractor'], 'contractor'],
    ['Debes facturar como monotributista.', ['contract', 'contractor'], 'monotributista'],
    ['Buscamos pasante para el área de datos.', ['internship', 'internship'], 'pasante'],
    ['This is a full-time position.', ['full_time', null], 'full-time'],
    ['Long-term contract paid in USD, $5,000–$6,500/month.', ['contract', 'contractor'], 'Long-term contract'],
    ['We hire full-time employees in the US and contractors in Latin America.', ['contract', 'contractor'], 'contractors'],
    ['Open to freelancers anywhere in LATAM.', ['contract', 'freelance'], 'freelancers'],
    ['Part-time, about 20 hours per week.', ['part_time', null], 'Part-time'],
    ['Fixed-term role for 9 months.', ['temporary', null], 'Fixed-term'],
  ])('%s → %o', (description, [type, contract], text) => {
    expect(parseEmploymentType({ title: 'Data Engineer', description })).toEqual({ type, contract, evidence: { field: 'description', text } });
  });

  it('prefers the title to the description', () => {
    expect(parseEmploymentType({ title: 'Data Analyst (Part-time)', description: 'This is a full-time position.' }).type).toBe('part_time');
    expect(parseEmploymentType({ title: 'Engenheira de Dados PJ', description: 'Também aceitamos CLT.' }).contract).toBe('pj');
  });

  it('takes the type from the title and the contract from the description when each says one', () => {
    expect(parseEmploymentType({ title: 'Data Analyst - Part-time', description: 'Contratação PJ.' })).toEqual({
      type: 'part_time',
      contract: 'pj',
      evidence: { field: 'title', text: 'Part-time' },
    });
  });
});

describe('parseEmploymentType: words that are not about this job', () => {
  it.each([
    'Experience with smart contracts on Ethereum.',
    'You will build internal tools for an international team.',
    'This is not a contract role.',
    'Não é PJ.',
    'No es freelance.',
    'Freelance experience is a plus.',
    'Experiência como freelancer é um diferencial.',
    'Trabalhamos com dados da Bolsa de Valores (B3).',
    'Séries temporais e forecasting com Prophet.',
    'Contract negotiation skills.',
    'CLT ou PJ, faixa de R$ 18.000 a R$ 24.000 por mês.',
    'Experience with temporal data and event streams.',
    'Know the CNN and RNN architectures.',
    '',
  ])('%s → nothing', (description) => {
    expect(parseEmploymentType({ title: 'Data Engineer', description })).toEqual({ type: null, contract: null, evidence: null });
  });
});

describe('findContracts', () => {
  it('finds each term with its offsets in folded text', () => {
    const text = foldForMatching('Contratação CLT ou PJ; estágio também');
    expect(findContracts(text).map((c) => [c.contract, text.slice(c.start, c.end)])).toEqual([
      ['clt', 'clt'],
      ['pj', 'pj'],
      ['internship', 'estagio'],
    ]);
  });
});
