import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/config.js';
import { Warehouse } from './db.js';
import { STOP_WORDS, isWordSql, queryTerms, searchWords, splitWordsSql } from './search-words.js';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await Warehouse.open(':memory:');
});

afterAll(() => warehouse?.close());

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
  it('cuts and folds text in SQL exactly as in TypeScript, so indexed and queried words meet', async () => {
    const texts = [...TRICKY, ...demoTexts()];
    const rows = await warehouse.query<{ words: string[] }>(`SELECT list_filter(${splitWordsSql('t')}, w -> ${isWordSql('w')}) AS words FROM unnest($1::VARCHAR[]) WITH ORDINALITY AS u(t, i) ORDER BY i`, [
      listValue(texts),
    ]);
    expect(rows).toHaveLength(texts.length);
    rows.forEach((row, i) => expect(row.words, texts[i]).toEqual(searchWords(texts[i] as string)));
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
