import { describe, expect, it } from 'vitest';
import { assessQuality, type QualityCode, type QualityInput } from './quality.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const DESCRIPTION_PT =
  'A Trilha Crédito é uma fintech de crédito para pequenos negócios. Buscamos uma pessoa Cientista de Dados para desenvolver ' +
  'modelos de risco de crédito com Python, pandas e scikit-learn, construir variáveis a partir de dados transacionais com SQL ' +
  'e acompanhar a performance dos modelos em produção junto ao time de engenharia de ML. Vaga remota para residentes no Brasil.';
const DESCRIPTION_EN =
  'Quillstack makes writing and research tools used by 3 million people. You will design evaluation suites for large language ' +
  'models, run statistically sound experiments on model changes, fine-tune open-weight models and publish internal write-ups ' +
  'that engineers actually read. Fully remote, hiring worldwide through an employer of record.';

const good: QualityInput = {
  title: 'Cientista de Dados Pleno',
  company: 'Trilha Crédito',
  description: DESCRIPTION_PT,
  applyUrl: 'https://jobs.example.com/trilha/123',
  postedAt: '2026-11-20T10:00:00Z',
};

function codes(p: Partial<QualityInput>): QualityCode[] {
  return assessQuality({ ...good, ...p }, NOW).flags.map((f) => f.code);
}

describe('assessQuality', () => {
  it('passes a complete, recent, ordinary posting in any language', () => {
    expect(assessQuality(good, NOW)).toEqual({ ok: true, flags: [] });
    expect(assessQuality({ ...good, title: 'Applied Scientist', company: 'Quillstack', description: DESCRIPTION_EN }, NOW)).toEqual({ ok: true, flags: [] });
  });

  it.each<[string, Partial<QualityInput>, QualityCode[], boolean]>([
    ['empty description', { description: '' }, ['empty'], false],
    ['description of only markup leftovers', { description: ' \n — • 123 ' }, ['empty'], false],
    ['no title', { title: '  ' }, ['empty'], false],
    ['placeholder title from the normalizer', { title: '(untitled)' }, ['empty'], false],
    ['a teaser, not a description', { description: 'Senior Data Engineer. Apply now on our site.' }, ['too_short'], true],
    ['no company', { company: null }, ['missing_company'], true],
    ['blank company', { company: '  ' }, ['missing_company'], true],
    ['placeholder company', { company: 'N/A' }, ['missing_company'], true],
    ['Portuguese placeholder company', { company: 'Não informada' }, ['missing_company'], true],
    ['a confidential employer is still an employer', { company: 'Confidencial' }, [], true],
    ['no apply link', { applyUrl: null }, ['missing_apply_url'], true],
    ['apply link that is not a link', { applyUrl: 'see website' }, ['missing_apply_url'], true],
    ['relative link', { applyUrl: '/jobs/123' }, ['missing_apply_url'], true],
    ['e-mail application is fine', { applyUrl: 'mailto:vagas@example.com' }, [], true],
    ['posted 121 days ago', { postedAt: '2026-07-28T11:00:00Z' }, ['expired'], false],
    ['posted 119 days ago', { postedAt: '2026-07-30T13:00:00Z' }, [], true],
    ['no date is not expired', { postedAt: null }, [], true],
    ['unparseable date is not expired', { postedAt: 'ontem' }, [], true],
    ['a date in the future is not expired', { postedAt: '2026-12-01T00:00:00Z' }, [], true],
    ['several problems at once', { company: null, applyUrl: null, postedAt: '2025-01-01T00:00:00Z' }, ['missing_company', 'missing_apply_url', 'expired'], false],
  ])('%s', (_name, patch, expected, ok) => {
    const result = assessQuality({ ...good, ...patch }, NOW);
    expect(result.flags.map((f) => f.code)).toEqual(expected);
    expect(result.ok).toBe(ok);
    for (const flag of result.flags) expect(flag.reason.length).toBeGreaterThan(0);
  });

  it('says why a posting expired', () => {
    expect(assessQuality({ ...good, postedAt: '2026-06-01T00:00:00Z' }, NOW).flags).toEqual([
      { code: 'expired', reason: 'posted 178 days ago, more than 120' },
    ]);
  });
});

describe('assessQuality: spam', () => {
  const pad = ` ${DESCRIPTION_EN}`;
  it.each([
    ['Earn $$$ from home! No experience needed.' + pad],
    ['Make $500 per day working from your phone.' + pad],
    ['Invest in our crypto trading program with guaranteed returns of 20% a month.' + pad],
    ['Bitcoin opportunity: passive income from day one.' + pad],
    ['No experience needed, pay to start: a small registration fee of $49 covers your starter kit.' + pad],
    ['Ganhe dinheiro em casa! Renda extra garantida, basta pagar a taxa de inscrição.' + pad],
    ['Gana dinero desde tu casa, solo debes pagar una cuota de inscripción.' + pad],
    ['Join our network marketing team and build your own downline.' + pad],
    ['Chame no WhatsApp e ganhe R$ 300 por dia.' + pad],
    [DESCRIPTION_EN.toUpperCase()],
    [`${DESCRIPTION_EN} ${Array.from({ length: 16 }, (_, i) => `https://spam.example.com/${i}`).join(' ')}`],
    [`Apply: ${Array.from({ length: 6 }, (_, i) => `https://a.example.com/${i}`).join(' ')} now, great job, apply today please`],
  ])('%s', (description) => {
    const result = assessQuality({ ...good, description }, NOW);
    expect(result.flags.map((f) => f.code)).toContain('spam');
    expect(result.ok).toBe(false);
  });

  it.each([
    ['A crypto exchange hiring ML engineers for fraud detection on bitcoin transactions.' + pad],
    ['Compensation: $150k–$190k plus equity; we are a remote-first company.' + pad],
    ['Você terá autonomia, sem necessidade de experiência prévia com LLMs: ensinamos tudo.' + pad],
    ['Apply at https://jobs.example.com/123 or read about us at https://example.com/about.' + pad],
    ['We use AWS, GCP, SQL, ETL, dbt, LLMs, RAG, NLP, MLOps, CI/CD and ONNX.' + pad],
  ])('not spam: %s', (description) => {
    expect(codes({ description })).not.toContain('spam');
  });

  it('does not call an all-capital title spam', () => {
    expect(codes({ title: 'CIENTISTA DE DADOS PLENO - REMOTO' })).toEqual([]);
  });
});
