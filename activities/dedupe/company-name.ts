/**
 * One key per employer however a board spells it: "Nuvem Dados Ltda.", "NUVEM DADOS" and
 * "Nuvem-Dados S/A" all become "nuvemdados". Legal forms of Brazil, Spanish-speaking Latin America,
 * the US and Europe are removed from the end, then a country or "tech" tail, then the rest is joined
 * without spaces so "Data Bricks" and "Databricks" meet.
 */

// Written as the words left after dots and slashes are dropped ("S. de R.L. de C.V." → "s de rl de cv").
const LEGAL_FORMS = [
  // Brazil
  'ltda', 'limitada', 'sa', 's a', 'me', 'epp', 'eireli', 'mei', 'slu', 'ss', 'cia', 'e cia', '& cia',
  // Spanish-speaking Latin America and Spain
  'sas', 's a s', 'sa de cv', 's a de c v', 'sab de cv', 'sapi de cv', 's de rl', 's de rl de cv', 's de r l de c v', 'srl', 's r l',
  'spa', 's p a', 'sl', 's l', 'sociedad anonima', 'sociedad anonima cerrada', 'sac', 'saa', 'eirl', 'ltd', 'ltda epp', 'ltda me',
  // English-speaking and Europe
  'inc', 'incorporated', 'llc', 'l l c', 'llp', 'lp', 'co', 'corp', 'corporation', 'company', 'limited', 'plc', 'pty', 'pty ltd',
  'gmbh', 'ag', 'kg', 'gmbh co kg', 'bv', 'nv', 'oy', 'ab', 'as', 'aps', 'sarl', 'sasu', 'se', 'kk',
].map((form) => form.split(' '));

// Tails that name a branch or a sector, not another employer ("Stone Tecnologia", "Globant Brasil").
const DESCRIPTORS = [
  'do brasil', 'brasil', 'brazil', 'mexico', 'de mexico', 'colombia', 'argentina', 'chile', 'peru', 'uruguay', 'latam', 'latin america',
  'tecnologia', 'tecnologia da informacao', 'technologies', 'technology', 'tech', 'labs', 'group', 'grupo', 'holding', 'holdings',
].map((tail) => tail.split(' '));

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Removes the longest matching tail (from `tails`) once; returns whether it removed one. */
function stripTail(words: string[], tails: string[][]): boolean {
  let best = 0;
  for (const tail of tails) {
    if (tail.length >= words.length || tail.length <= best) continue;
    if (tail.every((word, i) => words[words.length - tail.length + i] === word)) best = tail.length;
  }
  words.splice(words.length - best, best);
  return best > 0;
}

/** Comparison key of a company name; '' when there is no name. */
export function companyKey(name: string | null | undefined): string {
  return companyWords(name).join('');
}

/**
 * Keys of the name's leading words, shortest first, the last being `companyKey`. Boards shorten
 * long legal names ("Loja Rápida Comércio Eletrônico S/A" as "Loja Rápida"): two names are one
 * employer when one's key is among the other's prefix keys (see `sameEmployer`).
 */
export function companyPrefixKeys(name: string | null | undefined): string[] {
  const words = companyWords(name);
  return words.map((_, i) => words.slice(0, i + 1).join(''));
}

/** Whether two `companyPrefixKeys` lists name the same employer; null when either name is missing. */
export function sameEmployer(a: readonly string[], b: readonly string[]): boolean | null {
  const keyA = a[a.length - 1];
  const keyB = b[b.length - 1];
  if (!keyA || !keyB) return null;
  return keyA === keyB || a.includes(keyB) || b.includes(keyA);
}

const TAG_CHARS = 4;

/**
 * A number two names share whenever sameEmployer says they are one employer: one key is then the
 * start of the other, so both keys begin with the same characters. 0 (which goes with anything)
 * when the name has no key or a key too short to tell. Lets a search skip other employers cheaply.
 */
export function employerTag(keys: readonly string[]): number {
  const key = keys[keys.length - 1];
  if (!key || key.length < TAG_CHARS) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < TAG_CHARS; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h & 0x7fffffff) || 1;
}

function companyWords(name: string | null | undefined): string[] {
  if (!name) return [];
  const words = fold(name)
    .replace(/[./']/g, '')
    .replace(/&/g, ' & ')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words[0] === 'the' && words.length > 1) words.shift();
  // Tails stack ("Nuvem Dados do Brasil Ltda.", "Acme Technologies, Inc."), so strip until none is left.
  while (stripTail(words, LEGAL_FORMS) || stripTail(words, DESCRIPTORS) || stripTail(words, [['&'], ['e']]));
  return words.filter((word) => word !== '&');
}
