import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/config.js';
import { STOP_WORDS, queryTerms, searchWords } from './search-words.js';

// Texts that stress folding and cutting: accents of Portuguese and Spanish, decomposed accents,
// symbols inside words, upper-case letters whose lower case differs in length, and separators of
// every kind, plus every description of the demo feeds.
const TRICKY = [
  'Ciência de Dados — São Paulo / Bogotá (híbrido)',
  'INGENIERO/A DE DATOS SEMI-SENIOR, Señor Ñandú',
  'Cie\u0301ncia de dados (decomposed accent)',
  'C++, C#, .NET, Node.js, scikit-learn & PyTorch 2.1; R; Go',
  'İstanbul straße Ærø łódź Œuvre ﬁnance ½',
  "'; DROP TABLE postings; -- OR 1=1 %_\\ \u0000 nul \t tab\nnew line",
  `${'x'.repeat(45)} short ${'y'.repeat(40)}`,
  'emoji 🚀 rocket, full-width ＡＢＣ, ümlaut, ç, à, ê, õ',
];

function demoTexts(): string[] {
  const remotive = JSON.parse(readFileSync(join(PROJECT_ROOT, 'fixtures/demo-sources/remotive.json'), 'utf8')) as { jobs: { title: string; description: string }[] };
  return remotive.jobs.map((j) => `${j.title} ${j.description}`);
}

describe('search words', () => {
  it('are 1–40 characters of a-z, 0-9, + and # with a letter or digit, so the index can join a job\'s words with spaces', () => {
    const texts = [...TRICKY, ...demoTexts()];
    const words = texts.flatMap((text) => searchWords(text));
    expect(words.length).toBeGreaterThan(1000);
    for (const word of words) expect(word).toMatch(/^(?=.*[a-z0-9])[a-z0-9+#]{1,40}$/);
    // A decomposed accent folds like a composed one.
    expect(searchWords(TRICKY[2] as string)).toEqual(['ciencia', 'de', 'dados', 'decomposed', 'accent']);
  });

  it('keeps programming words whole and drops accents', () => {
    expect(searchWords('Ciência de Dados em São Paulo')).toEqual(['ciencia', 'de', 'dados', 'em', 'sao', 'paulo']);
    expect(searchWords('C++ / C# / Node.js')).toEqual(['c++', 'c#', 'node', 'js']);
    expect(searchWords(`${'a'.repeat(41)} ok`)).toEqual(['ok']);
  });

  it('reads a query as words every job must contain, the unfinished last one as a prefix', () => {
    expect(queryTerms('engenheiro de dad')).toEqual({ exact: ['engenheiro'], prefix: 'dad' });
    expect(queryTerms('engenheiro de dados ')).toEqual({ exact: ['engenheiro', 'dados'], prefix: null });
    expect(queryTerms('Ciência de DADOS')).toEqual({ exact: ['ciencia'], prefix: 'dados' });
    // Too short to be a useful prefix: an exact word (R, ML, Go are skills).
    expect(queryTerms('python ml')).toEqual({ exact: ['python', 'ml'], prefix: null });
    // A stop word is never indexed, so it is never looked up either.
    expect(queryTerms('dados para')).toEqual({ exact: ['dados'], prefix: null });
    expect(queryTerms('the and de la')).toEqual({ exact: [], prefix: null });
    expect(queryTerms("' OR 1=1 --")).toEqual({ exact: ['1'], prefix: null });
  });

  it('lists stop words already folded, as the index compares them', () => {
    for (const word of STOP_WORDS) expect(searchWords(word)).toEqual([word]);
  });
});
