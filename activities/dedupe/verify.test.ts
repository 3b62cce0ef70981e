import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LabelledPair } from '../../fixtures/dedupe/make-pairs.js';
import { DEFAULT_THRESHOLDS, verifyPair } from './verify.js';
import type { DedupePosting } from './verify.js';

const TEXT =
  'A Nuvem Dados é uma fintech brasileira que ajuda pequenas empresas a organizar recebíveis e crédito. O que você vai fazer: construir modelos de propensão e risco de crédito com dados transacionais, desenhar testes A/B com produto e monitorar modelos em produção. O que buscamos: Python avançado, SQL, estatística e XGBoost. Benefícios: plano de saúde, vale-refeição e auxílio home office.';

const posting = (overrides: Partial<DedupePosting>): DedupePosting => ({
  id: 'a',
  title: 'Cientista de Dados Sênior',
  company: 'Nuvem Dados Tecnologia Ltda.',
  location: 'São Paulo, SP',
  postedAt: '2025-03-01',
  text: TEXT,
  ...overrides,
});

describe('verifyPair', () => {
  it('merges a repost with another company spelling, seniority abbreviation and location format', () => {
    const result = verifyPair(posting({}), posting({ id: 'b', title: 'Cientista de Dados Sr.', company: 'Nuvem Dados', location: 'São Paulo - Brasil', postedAt: '2025-03-09' }));
    expect(result.duplicate).toBe(true);
    expect(result.reasons).toMatchObject({ jaccard: expect.any(Number), titleSimilarity: 1, sameCompany: true, locationCompatible: true, daysApart: 8, vetoes: [] });
  });

  it('keeps the same title at another company apart', () => {
    const result = verifyPair(posting({}), posting({ id: 'b', company: 'Pagos Andinos S.A.S.' }));
    expect(result.duplicate).toBe(false);
    expect(result.reasons.vetoes).toEqual(['company']);
  });

  it('keeps openings of one title in different cities apart, but a city is compatible with its country and with "Remote"', () => {
    expect(verifyPair(posting({}), posting({ id: 'b', location: 'Rio de Janeiro, RJ' })).reasons.vetoes).toEqual(['location']);
    expect(verifyPair(posting({}), posting({ id: 'b', location: 'Remoto - Brasil' })).duplicate).toBe(true);
    expect(verifyPair(posting({}), posting({ id: 'b', location: 'Remote' })).duplicate).toBe(true);
    expect(verifyPair(posting({ location: 'Remote - Brazil' }), posting({ id: 'b', location: 'Remote - Colombia' })).duplicate).toBe(false);
    expect(verifyPair(posting({ remoteScope: 'onsite' }), posting({ id: 'b', remoteScope: 'global', location: null })).reasons.vetoes).toEqual(['location']);
  });

  it('keeps different levels and postings months apart apart', () => {
    expect(verifyPair(posting({}), posting({ id: 'b', title: 'Cientista de Dados Júnior' })).reasons.vetoes).toEqual(['seniority']);
    expect(verifyPair(posting({}), posting({ id: 'b', postedAt: '2025-06-01' })).reasons.vetoes).toEqual(['date']);
    expect(verifyPair(posting({}), posting({ id: 'b', postedAt: '2025-06-01' }), { maxDaysApart: 120 }).duplicate).toBe(true);
  });

  it('does not merge different roles at the same company', () => {
    const result = verifyPair(posting({}), posting({ id: 'b', title: 'Engenheiro de Dados Sênior', text: 'Desenvolver pipelines batch e streaming com Spark e Kafka, orquestrar cargas com Airflow e garantir governança do data lake na AWS.' }));
    expect(result.duplicate).toBe(false);
    expect(result.reasons.vetoes).toContain('title');
  });

  it('reaches F1 ≥ 0.95 on the labelled pairs with DEFAULT_THRESHOLDS', () => {
    const pairs = readFileSync(new URL('../../fixtures/dedupe/pairs.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LabelledPair);
    expect(pairs.length).toBeGreaterThanOrEqual(120);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const pair of pairs) {
      const predicted = verifyPair(pair.a, pair.b, DEFAULT_THRESHOLDS).duplicate;
      if (predicted && pair.duplicate) tp++;
      else if (predicted) fp++;
      else if (pair.duplicate) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.95);
  });
});
