// How text becomes search words, for the index build (search-index.ts) and for a query alike: one
// function for both, so a word is never indexed one way and looked up another.
import { foldForMatching } from '../activities/normalize/text-fold.js';

/** Characters that make up a word: "c++", "c#" and "node" (of node.js) are words; everything else separates. */
const SEPARATORS = /[^a-z0-9+#]+/;
const HAS_ALNUM = /[a-z0-9]/;
export const MAX_WORD_LENGTH = 40;

/** Words of `text` in order, folded like the index's: "Ciência de Dados (São Paulo)" → ciencia, de, dados, sao, paulo. */
export function searchWords(text: string): string[] {
  return foldForMatching(text.normalize('NFC'))
    .split(SEPARATORS)
    .filter((w) => w.length >= 1 && w.length <= MAX_WORD_LENGTH && HAS_ALNUM.test(w));
}

/** A job's words as the index stores them: each once, stop words left out, joined by spaces (words never hold one). */
export function indexedWords(text: string): string {
  return [...new Set(searchWords(text))].filter((w) => !STOP_WORDS.has(w)).join(' ');
}

// Function words of Portuguese, Spanish and English, folded: in nearly every posting, so indexing
// them would cost a row per job each and narrow nothing down.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a o e as os um uma uns umas de do da dos das em no na nos nas por pelo pela pelos pelas para pra com sem sob
   sobre entre ate ao aos que se ou mas como mais menos muito muita ja nao sim seu sua seus suas nosso nossa
   nossos nossas voce voces ele ela eles elas isso isto este esta estes estas esse essa esses essas aquele
   aquela ser estar ter ha sao foi era sera tem temos onde quando qual quais quem cada todo toda todos todas
   tambem so ainda bem
   el la los las un una unos unas del al en y u por para con sin sobre entre hasta desde que se o pero como
   mas menos muy ya no si su sus nuestro nuestra nuestros nuestras usted ustedes ellos ellas es son fue
   ser estar tener hay este esta estos estas ese esa esos esas lo le les cada todo toda todos todas tambien
   donde cuando cual cuales quien
   the an and or of to in on at by for with without from into over under about as is are was were be been
   being it its this that these those we our you your they their he she his her not no yes but if then
   than so such can will would should may might must do does did have has had which who whom what when
   where how all any each both also very just only our us`
    .split(/\s+/)
    .filter(Boolean),
);

/** The shortest last word that is matched as a prefix (while the user is still typing it). */
export const MIN_PREFIX_LENGTH = 3;

export interface QueryTerms {
  /** Words every job must contain. */
  exact: string[];
  /** The last word, still being typed: every job must contain a word starting with it. */
  prefix: string | null;
}

/**
 * A free-text query as index lookups: every word must appear (stop words dropped), and the last
 * word, unless the query ends with a separator, counts as a prefix when it is long enough
 * ("engenheiro de dad" finds "Engenheiro de Dados").
 */
export function queryTerms(q: string): QueryTerms {
  const words = searchWords(q);
  const typing = words.length > 0 && !SEPARATORS.test(foldForMatching(q.normalize('NFC')).slice(-1));
  const last = typing ? words.pop() : undefined;
  const exact = [...new Set(words.filter((w) => !STOP_WORDS.has(w)))];
  let prefix: string | null = null;
  // A stop word is not indexed, so as a prefix it would miss the jobs that only contain the word itself.
  if (last !== undefined && !STOP_WORDS.has(last)) {
    if (last.length >= MIN_PREFIX_LENGTH) prefix = last;
    else if (!exact.includes(last)) exact.push(last);
  }
  return { exact, prefix };
}
