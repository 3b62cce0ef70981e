import type { Skill } from '../../../activities/normalize/skill-taxonomy.js';
import type { ImportedConcept } from './imported.js';
import { parseTsv } from './csv.js';
import { splitTrailingAcronym, stripVendor } from './labels.js';

/** Computer and mathematical occupations (15-), and computer and information systems managers. */
const RELEVANT_OCCUPATION = /^(15-|11-3021)/;
/** A tool used by this many of those occupations is relevant even if O*NET does not flag it as hot. */
const MIN_OCCUPATIONS = 3;

/** Commodity classes of office, media and industry software: not skills a data or software job asks for. */
const OFF_TOPIC_COMMODITIES = new Set([
  'Medical software', 'Human resources software', 'Accounting software', 'Tax preparation software',
  'Video creation and editing software', 'Desktop communications software', 'Instant messaging software',
  'Electronic mail software', 'Word processing software', 'Internet browser software', 'Video conferencing software',
  'Computer based training software', 'Multi-media educational software', 'Computer aided manufacturing CAM software',
  'Computer aided design CAD software', 'Industrial control software', 'Manufacturing execution system MES software',
  'Pattern design software', 'Map creation software', 'Helpdesk or call center software', 'Presentation software',
  'Desktop publishing software', 'Graphics or photo imaging software', 'Network conferencing software',
]);

const COMMODITY_CATEGORIES: [RegExp, Skill['category']][] = [
  [/^(Data base management system|Object oriented data base management)/, 'database'],
  [/^Cloud-based/, 'cloud'],
  [/^(Web platform development|Graphical user interface development)/, 'framework'],
];

interface Tool {
  occupations: Set<string>;
  commodities: Set<string>;
  hot: boolean;
  inDemand: boolean;
}

/**
 * "Alteryx software" → "Alteryx". A lower-case remainder ("Data mining software", "Unit testing software")
 * or an ordinary word ("Database software") names a class of tools: generic, good only to confirm a skill.
 */
function productName(example: string, isOrdinaryWord: (word: string) => boolean): { name: string; generic: boolean } {
  const name = example.replace(/\s+software( suite)?$/i, '').trim();
  const generic = /\s/.test(name) ? !/\p{Lu}/u.test(name.slice(1)) : isOrdinaryWord(name.toLowerCase());
  return { name, generic };
}

/**
 * O*NET technology skills used in computer and mathematical occupations that O*NET marks as hot or
 * in demand, or that several of those occupations use: the tool names postings ask for.
 */
export function readOnet(tsv: string, vendors: readonly string[], excluded: ReadonlySet<string>, isOrdinaryWord: (word: string) => boolean): ImportedConcept[] {
  const tools = new Map<string, Tool>();
  for (const row of parseTsv(tsv)) {
    const example = row.Example ?? '';
    const tool = tools.get(example) ?? { occupations: new Set(), commodities: new Set(), hot: false, inDemand: false };
    if (RELEVANT_OCCUPATION.test(row['O*NET-SOC Code'] ?? '')) tool.occupations.add(row['O*NET-SOC Code'] ?? '');
    tool.commodities.add(row['Commodity Title'] ?? '');
    tool.hot ||= row['Hot Technology'] === 'Y';
    tool.inDemand ||= row['In Demand'] === 'Y';
    tools.set(example, tool);
  }
  const concepts: ImportedConcept[] = [];
  for (const [example, tool] of [...tools].sort(([a], [b]) => a.localeCompare(b))) {
    if (tool.occupations.size === 0 || !(tool.hot || tool.inDemand || tool.occupations.size >= MIN_OCCUPATIONS)) continue;
    if ([...tool.commodities].every((c) => OFF_TOPIC_COMMODITIES.has(c)) || excluded.has(example)) continue;
    const { name, generic } = productName(example, isOrdinaryWord);
    const withoutVendor = stripVendor(name, vendors);
    const commodity = [...tool.commodities].sort()[0] ?? '';
    const [acronym, spelled] = splitTrailingAcronym(name);
    concepts.push({
      source: 'onet',
      // "Data definition language DDL" reads better as "Data definition language (DDL)".
      name: acronym && spelled ? `${name.slice(0, -acronym.length).trim()} (${acronym})` : name,
      category: /\blanguage\b/i.test(name) ? 'language' : (COMMODITY_CATEGORIES.find(([re]) => re.test(commodity))?.[1] ?? 'tool'),
      names: [name, ...splitTrailingAcronym(name), ...(withoutVendor ? [withoutVendor, ...splitTrailingAcronym(withoutVendor)] : [])],
      esNames: [],
      alternates: { en: [], es: [] },
      broader: [],
      mergeOnly: generic,
    });
  }
  return concepts;
}
