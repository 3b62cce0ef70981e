import type { Skill } from '../../../activities/normalize/skill-taxonomy.js';
import type { ImportedConcept } from './imported.js';
import { parseCsv } from './csv.js';
import { stripQualifier } from './labels.js';

/** ESCO groups of software, data and ICT knowledge, and the category their members get. */
const GROUP_CATEGORIES: [string, Skill['category']][] = [
  ['computer programming', 'language'],
  ['query languages', 'language'],
  ['style sheet languages', 'language'],
  ['resource description framework query language', 'language'],
  ['database management systems', 'database'],
  ['cloud technologies', 'cloud'],
  ['software frameworks', 'framework'],
  ['web programming', 'framework'],
  ['principles of artificial intelligence', 'ml_method'],
  ['data mining', 'ml_method'],
  ['statistics', 'ml_method'],
  ['mathematics and statistics', 'ml_method'],
  ['ICT project management methodologies', 'practice'],
  ['software design methodologies', 'practice'],
  ['software architecture models', 'practice'],
  ['service-oriented modelling', 'practice'],
  ['tools for software configuration management', 'tool'],
  ['integrated development environment software', 'tool'],
  ['data extraction, transformation and loading tools', 'tool'],
  ['penetration testing tool', 'tool'],
  ['statistical analysis system software', 'tool'],
  ['mobile operating systems', 'tool'],
  ['operating systems', 'tool'],
  ['WebCMS', 'tool'],
  ['software and applications development and analysis', 'domain'],
  ['database and network design and administration', 'domain'],
  ['ICT infrastructure', 'domain'],
  ['information and communication technologies not elsewhere classified', 'domain'],
  ['inter-disciplinary programmes and qualifications involving information and communication technologies (icts)', 'domain'],
];

/** Groups outside software and data work: a concept in any of them is left out even if it is also in an ICT group. */
const OFF_TOPIC_GROUPS = [
  'learning management systems', 'digital game creation systems', 'audio-visual techniques and media production',
  'transport services', 'medical diagnostic and treatment technology', 'textiles (clothes, footwear and leather)',
  'building and civil engineering', 'electricity and energy', 'crop and livestock production', 'fisheries',
  'care of the elderly and of disabled adults', 'library, information and archival studies', 'wholesale and retail sales',
  'education science', 'teacher training without subject specialisation', 'marketing and advertising', 'law',
];

/** Heads of ESCO labels that describe facts about a field rather than a skill ("blockchain history"). */
const NON_SKILL_WORDS = /\b(history|terminology|limitations?|regulations?|legislation|market|trends|suppliers|industry|polic(y|ies)|types?|typology|consumption|parameters|features|materials|components|areas|fields|concepts?|standards|principles|requirements|specifications|threats|risks)\b/i;

const splitLabels = (cell: string) => cell.split(/\n| \| /).map((l) => l.trim()).filter((l) => l !== '');

export interface EscoData {
  concepts: ImportedConcept[];
  /** English and Spanish description text: a sample of ordinary running prose. */
  descriptions: string[];
}

/**
 * Knowledge concepts of the ESCO digital skills collection that are software, data or ICT skills,
 * with their Spanish labels joined by concept URI.
 */
export function readEsco(englishCsv: string, spanishCsv: string, excluded: ReadonlySet<string>): EscoData {
  const english = parseCsv(englishCsv);
  const spanish = new Map(parseCsv(spanishCsv).map((row) => [row.conceptUri ?? '', row]));
  const concepts: ImportedConcept[] = [];
  for (const row of english) {
    const uri = row.conceptUri ?? '';
    const label = row.preferredLabel ?? '';
    const groups = splitLabels(row.broaderConceptPT ?? '');
    const category = GROUP_CATEGORIES.find(([group]) => groups.includes(group))?.[1];
    if (row.skillType !== 'knowledge' || !category || groups.some((g) => OFF_TOPIC_GROUPS.includes(g))) continue;
    const name = stripQualifier(label);
    if (excluded.has(label) || excluded.has(name) || NON_SKILL_WORDS.test(name) || name.split(' ').length > 4) continue;
    const es = spanish.get(uri);
    const esName = es ? stripQualifier(es.preferredLabel ?? '') : '';
    concepts.push({
      source: uri,
      name: name.charAt(0).toUpperCase() + name.slice(1),
      // A lower-case label names a field of knowledge; a capitalised one, a product or a language.
      category: category === 'domain' && /\p{Lu}/u.test(name) ? 'tool' : category,
      names: [name],
      esNames: esName ? [esName] : [],
      alternates: {
        en: splitLabels(row.altLabels ?? '').map(stripQualifier),
        es: splitLabels(es?.altLabels ?? '').map(stripQualifier),
      },
      broader: splitLabels(row.broaderConceptUri ?? ''),
      mergeOnly: false,
    });
  }
  const descriptions = [...english, ...spanish.values()].map((row) => row.description ?? '');
  return { concepts: concepts.sort((a, b) => a.source.localeCompare(b.source)), descriptions };
}
