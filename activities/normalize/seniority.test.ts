import { describe, expect, it } from 'vitest';
import { classifySeniority } from './seniority.js';

describe('classifySeniority', () => {
  it.each([
    ['Cientista de Dados Pleno', 'mid', 'Pleno'],
    ['Engenheiro(a) de Machine Learning Sênior', 'senior', 'Sênior'],
    ['Sr. Data Engineer', 'senior', 'Sr.'],
    ['Analista de Dados Júnior', 'junior', 'Júnior'],
    ['Staff ML Engineer', 'lead', 'Staff'],
    ['Lead Data Scientist', 'lead', 'Lead'],
    ['Ingeniero/a de Datos Semi Senior', 'mid', 'Semi Senior'],
    ['Data Analyst Semi-Senior (SSr)', 'mid', 'Semi-Senior'],
  ] as const)('%s → %s', (title, level, text) => {
    expect(classifySeniority(title)).toEqual({ level, text });
  });

  it('returns null when the title says nothing, and needs whole words', () => {
    expect(classifySeniority('Data Engineer')).toBeNull();
    expect(classifySeniority('Srinivasan Analytics Engineer')).toBeNull();
    expect(classifySeniority('Leadership Coach')).toBeNull();
  });
});
