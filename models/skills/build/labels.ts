import { aliasKey } from '../../../activities/normalize/skill-taxonomy.js';

/** Words that say what kind of thing a label names, not which one: a label made only of these is no skill. */
const GENERIC_TOKENS = new Set([
  'software', 'systems', 'system', 'tools', 'tool', 'data', 'platform', 'platforms', 'framework', 'frameworks',
  'management', 'development', 'technology', 'technologies', 'programming', 'language', 'languages', 'services',
  'service', 'solutions', 'solution', 'applications', 'application', 'ict', 'it', 'computer', 'digital', 'online',
  'and', 'of', 'for', 'the', 'in', 'on', 'with', 'suite', 'server', 'engine', 'studio', 'web', 'edition',
  'de', 'la', 'el', 'los', 'las', 'del', 'y', 'para', 'en', 'programas', 'sistemas', 'herramientas', 'datos',
]);

/** "Chef (tools for software configuration management)" → "Chef": ESCO disambiguates names in parentheses. */
export function stripQualifier(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
}

const FUNCTION_WORDS = new Set(['a', 'an', 'and', 'of', 'for', 'the', 'in', 'on', 'with', 'de', 'la', 'el', 'los', 'las', 'del', 'y', 'para', 'en']);
const tokens = (key: string) => key.split(/[\s/.]+/).filter((t) => t !== '');
const initials = (key: string) => tokens(key).filter((t) => !FUNCTION_WORDS.has(t)).map((t) => t[0]).join('');
const compact = (key: string) => key.replace(/[\s.]/g, '');

/**
 * Whether an alternative label is a spelling of the preferred one rather than a neighbouring concept:
 * ESCO lists "Maven" for "Apache Maven" (a variant) but also "tensorflow" for "computer vision" (not one).
 */
export function isVariantOf(alternative: string, preferred: string): boolean {
  const alt = aliasKey(alternative);
  const name = aliasKey(preferred);
  if (compact(alt) === compact(name) || compact(alt) === initials(name) || compact(name) === initials(alt)) return true;
  const nameTokens = new Set(tokens(name).filter((t) => !GENERIC_TOKENS.has(t) && t.length > 1));
  return tokens(alt).some((t) => nameTokens.has(t));
}

/**
 * Whether a label taken from ESCO or O*NET can serve as an alias without matching ordinary prose:
 * short or long phrases, bare generic words and three lower-case letters (a word, not an acronym) are out.
 */
export function isImportableAlias(surface: string, commonWords: ReadonlySet<string>): boolean {
  const key = aliasKey(surface);
  const words = key.split(' ');
  if (key.length < 3 || key.length > 40 || words.length > 4) return false;
  if (!/^[\p{L}\p{N}]/u.test(key) || !/\p{L}/u.test(key) || /[(),;:!?"|]/.test(key)) return false;
  if (commonWords.has(key) || FUNCTION_WORDS.has(words[0] as string) || FUNCTION_WORDS.has(words.at(-1) as string)) return false;
  if (key.length === 3 && !/[A-Z0-9+#]/.test(surface)) return false;
  return !words.every((w) => GENERIC_TOKENS.has(w));
}

/**
 * "Structured query language SQL" → ["SQL", "Structured query language"]: O*NET appends the acronym.
 * The words before it are a name of their own only when the acronym spells them ("IBM Rational Rose XDE").
 */
export function splitTrailingAcronym(name: string): string[] {
  const parts = name.split(' ');
  const last = parts.at(-1) ?? '';
  const letters = last.replace(/[^A-Z]/g, '').toLowerCase();
  if (parts.length < 3 || letters.length < 2 || !/^[A-Z][A-Z0-9.+#/-]{1,7}$/.test(last)) return [];
  const spelled = parts.slice(0, -1).filter((w) => !FUNCTION_WORDS.has(w.toLowerCase())).slice(-letters.length).join(' ');
  return initials(spelled.toLowerCase()) === letters ? [last, spelled] : [last];
}

/** Alternative labels that describe a concept instead of naming it ("Ajax framework features", "Wireshark tool"). */
export function isDescriptiveLabel(label: string): boolean {
  return /\b(techniques?|paradigms?|features?|principles|fundamentals|theory|knowledge|types?|typology|methods?|approach(es)?|mechanisms?|arrangements?|methodology|software|programm?e|tools?|platform|system|edition|coding|testing|algorithms?|components?|characteristics|requirements|process(es)?)\b/i.test(label);
}

/** "Atlassian JIRA" → "JIRA": the product as postings name it, without its vendor. */
export function stripVendor(name: string, vendors: readonly string[]): string | null {
  const vendor = vendors.find((v) => name.startsWith(`${v} `));
  return vendor ? name.slice(vendor.length + 1).trim() : null;
}

/** A kebab-case id from a display name, keeping the characters ids allow ("c++", "asp.net"). */
export function slug(name: string): string {
  return aliasKey(name)
    .replace(/[^a-z0-9+#.]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .replace(/-{2,}/g, '-');
}

/** Lower-case words used as ordinary words in running text (ESCO's own descriptions are the sample). */
export function ordinaryWords(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const [word] of text.matchAll(/(?<![\p{L}\p{N}])\p{Ll}+(?![\p{L}\p{N}])/gu)) words.add(aliasKey(word));
  return words;
}
