import { describe, expect, it } from 'vitest';
import { assemble } from './assemble.js';
import { parseCsv } from './csv.js';
import type { ImportedConcept } from './imported.js';
import { isImportableAlias, isVariantOf, slug, splitTrailingAcronym, stripQualifier, stripVendor } from './labels.js';

const concept = (over: Partial<ImportedConcept> & { name: string }): ImportedConcept => ({
  source: 'onet',
  category: 'tool',
  names: [over.name],
  esNames: [],
  alternates: { en: [], es: [] },
  broader: [],
  mergeOnly: false,
  ...over,
});

describe('taxonomy build helpers', () => {
  it('parses quoted CSV cells with commas, quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\n')).toEqual([{ a: 'x, y', b: 'say "hi"\nthere' }]);
  });

  it('reshapes ESCO and O*NET labels into surface forms', () => {
    expect(stripQualifier('Chef (tools for software configuration management)')).toBe('Chef');
    expect(splitTrailingAcronym('Structured query language SQL')).toEqual(['SQL', 'Structured query language']);
    expect(splitTrailingAcronym('IBM Rational Rose XDE')).toEqual(['XDE']);
    expect(splitTrailingAcronym('Amazon Simple Storage Service S3')).toEqual([]);
    expect(stripVendor('Atlassian JIRA', ['Atlassian'])).toBe('JIRA');
    expect(slug('ASP.NET Core')).toBe('asp.net-core');
  });

  it.each([
    ['Maven', 'Apache Maven', true],
    ['ANN', 'artificial neural networks', true],
    ['cybersecurity', 'cyber security', true],
    ['tensorflow', 'computer vision', false],
    ['global positioning systems', 'geographic information systems', false],
  ])('reads "%s" as a variant of "%s": %s', (alt, name, expected) => {
    expect(isVariantOf(alt, name)).toBe(expected);
  });

  it.each([
    ['Haskell', true],
    ['UML', true],
    ['com', false],
    ['software', false],
    ['a programming language', false],
    ['access', false],
    ['a very long label with far too many words', false],
  ])('takes "%s" as an imported alias: %s', (label, expected) => {
    expect(isImportableAlias(label, new Set(['access']))).toBe(expected);
  });
});

describe('assemble', () => {
  const vocabulary = { commonWords: new Set<string>(), ordinaryWords: new Set(['canvas']) };
  const curated = [
    { id: 'jira', name: 'Jira', category: 'tool' as const, aliases: { en: ['jira'] } },
    { id: 'machine-learning', name: 'Machine learning', category: 'ml_method' as const, aliases: { en: ['machine learning'], es: ['aprendizaje automático'] } },
  ];

  it('merges imported concepts into curated skills without touching their aliases', () => {
    const skills = assemble(
      curated,
      [[concept({ name: 'Machine learning', source: 'http://data.europa.eu/esco/skill/ml', esNames: ['aprendizaje de máquinas'], alternates: { en: ['ML'], es: [] } })], [concept({ name: 'Atlassian JIRA', names: ['Atlassian JIRA', 'JIRA'] })]],
      vocabulary,
    );
    const ml = skills.find((s) => s.id === 'machine-learning');
    expect(ml?.aliases).toEqual({ en: ['machine learning'], pt: [], es: ['aprendizaje automático', 'aprendizaje de máquinas'] });
    expect(ml?.sources).toEqual(['http://data.europa.eu/esco/skill/ml']);
    expect(skills.find((s) => s.id === 'jira')).toMatchObject({ aliases: { en: ['jira'] }, sources: ['onet'] });
    expect(skills).toHaveLength(2);
  });

  it('adds new concepts, marks product names spelt like ordinary words, and lets names win over alternative labels', () => {
    const skills = assemble(
      [],
      [[concept({ name: 'Canvas', source: 'esco:1', alternates: { en: ['Canvas LMS'], es: [] } }), concept({ name: 'Canvas LMS', source: 'esco:2' })]],
      vocabulary,
    );
    expect(skills.map((s) => [s.id, s.aliases.en, s.ambiguous])).toEqual([
      ['canvas', ['canvas'], ['canvas']],
      ['canvas-lms', ['canvas lms'], undefined],
    ]);
  });

  it('never creates a skill from a generic class of tools', () => {
    expect(assemble([], [[concept({ name: 'Unit testing', mergeOnly: true })]], vocabulary)).toEqual([]);
  });
});
