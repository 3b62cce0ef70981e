import { eachLetterRun } from './letter-count.js';

export type Language = 'pt' | 'es' | 'en';

// Only words that belong to one of the three languages count: "de", "que", "para", "a", "no", "se"
// are shared by Portuguese and Spanish, "do" and "as" by Portuguese and English, so they say nothing.
// Job-ad vocabulary is included because ads are often lists of nouns with few function words.
const WORDS: Record<Language, string[]> = {
  pt: [
    'um', 'uma', 'uns', 'umas', 'em', 'com', 'da', 'dos', 'das', 'os', 'ao', 'aos', 'à', 'às', 'pelo', 'pela', 'pelos', 'pelas',
    'não', 'são', 'tem', 'você', 'vocês', 'também', 'mais', 'muito', 'nosso', 'nossa', 'nossos', 'nossas', 'seu', 'sua', 'seus',
    'suas', 'ou', 'é', 'e', 'isso', 'essa', 'esse', 'já', 'até', 'então', 'onde', 'quando', 'qualquer', 'cidade', 'pessoa',
    'pessoas', 'vaga', 'vagas', 'experiência', 'conhecimento', 'conhecimentos', 'trabalho', 'trabalhar', 'trabalhe', 'equipe',
    'desenvolvimento', 'desenvolver', 'benefícios', 'dados', 'anos', 'salário', 'inglês', 'análise', 'ferramentas', 'nível',
    'saúde', 'modalidade', 'escritório', 'escritórios', 'oferecemos', 'procuramos', 'precisamos', 'atuar', 'atuação', 'desenvolve',
    'vai', 'ter', 'fazer', 'nós',
  ],
  es: [
    'el', 'la', 'los', 'las', 'del', 'al', 'y', 'en', 'con', 'un', 'una', 'unos', 'unas', 'es', 'son', 'tiene', 'lo', 'le', 'les',
    'su', 'sus', 'más', 'pero', 'muy', 'también', 'nuestro', 'nuestra', 'nuestros', 'nuestras', 'tu', 'tus', 'usted', 'hay', 'sí',
    'ya', 'eso', 'esa', 'ese', 'cuando', 'donde', 'cualquier', 'ciudad', 'experiencia', 'conocimiento', 'conocimientos', 'trabajo',
    'trabajar', 'equipo', 'desarrollo', 'desarrollar', 'beneficios', 'datos', 'años', 'salario', 'inglés', 'análisis',
    'herramientas', 'nivel', 'salud', 'modalidad', 'según', 'ofrecemos', 'necesitamos', 'puesto', 'harás', 'serás', 'serán', 'tener', 'hacer', 'nosotros',
  ],
  en: [
    'the', 'and', 'of', 'to', 'in', 'for', 'with', 'is', 'are', 'you', 'we', 'our', 'your', 'on', 'at', 'be', 'will', 'this',
    'that', 'an', 'or', 'by', 'from', 'have', 'has', 'it', 'experience', 'team', 'work', 'years', 'skills', 'strong', 'knowledge',
    'who', 'what', 'about', 'help', 'build', 'looking', 'benefits', 'requirements', 'responsibilities', 'models',
  ],
};

const LANGUAGE_OF = new Map<string, Language>();
for (const [language, words] of Object.entries(WORDS) as [Language, string[]][]) for (const word of words) LANGUAGE_OF.set(word, language);
const LONGEST_WORD = Math.max(...[...LANGUAGE_OF.keys()].map((word) => word.length));
// The length, first and last letter of each listed word, hashed into a table: a word of the ad whose
// shape no listed word has is neither copied out of the text nor looked up (most words of an ad).
const SHAPES = new Uint8Array(1 << 14);
const shapeOf = (length: number, first: number, last: number) => ((length & 15) << 10) | ((first & 31) << 5) | (last & 31);
for (const word of LANGUAGE_OF.keys()) SHAPES[shapeOf(word.length, word.charCodeAt(0), word.charCodeAt(word.length - 1))] = 1;
// Letters only Portuguese or Spanish writes, counted with indexOf: a regular expression of a class
// is tried at every position of the ad, several times slower.
const LETTER_HINTS: [Language, string[]][] = [
  ['pt', ['ã', 'õ', 'ç']],
  ['es', ['ñ', '¿', '¡']],
];
// Spanish "-ción" at the end of a word (a \b after it: no ASCII letter, digit or "_" follows).
const CION = 'ción';
const ASCII_WORD = /[A-Za-z0-9_]/;

const LINK = /\b(?:https?:\/\/|www\.)\S+/gu;
const LINK_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+/gu;

function occurrences(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count++;
  return count;
}

const MIN_WORDS = 4;
const MIN_SCORE = 2;

/**
 * The language of a job ad by counting words that only one of Portuguese, Spanish and English uses,
 * plus letters only Portuguese or Spanish have; null for too little text or no clear winner.
 */
export function detectLanguage(text: string): Language | null {
  const lowered = text.normalize('NFC').toLowerCase();
  // Without an "@" only links can match; the e-mail half backtracks through every word, so it runs only when needed.
  const clean = lowered.replace(lowered.includes('@') ? LINK_OR_EMAIL : LINK, ' ');
  const score: Record<Language, number> = { pt: 0, es: 0, en: 0 };
  let words = 0;
  eachLetterRun(clean, (start, end) => {
    words++;
    const length = end - start;
    const listed = length <= LONGEST_WORD && SHAPES[shapeOf(length, clean.charCodeAt(start), clean.charCodeAt(end - 1))] === 1;
    const language = listed ? LANGUAGE_OF.get(clean.slice(start, end)) : undefined;
    if (language) score[language] += 1;
  });
  if (words < MIN_WORDS) return null;
  for (const [language, letters] of LETTER_HINTS) for (const letter of letters) score[language] += occurrences(clean, letter);
  for (let at = clean.indexOf(CION); at >= 0; at = clean.indexOf(CION, at + CION.length)) {
    if (!ASCII_WORD.test(clean.charAt(at + CION.length))) score.es += 1;
  }
  const [best, second] = (Object.entries(score) as [Language, number][]).sort((a, b) => b[1] - a[1]);
  if (!best || !second || best[1] < MIN_SCORE || best[1] < second[1] * 1.5) return null;
  return best[0];
}
