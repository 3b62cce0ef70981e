import { foldForMatching } from '../normalize/text-fold.js';

export interface SpokenLanguage {
  /** ISO 639-1. */
  language: string;
  /** native | fluent | advanced | intermediate | basic, or a CEFR level A1–C2; null when not stated. */
  level: string | null;
}

// Folded names of languages in Portuguese, Spanish and English.
const NAMES: Record<string, string> = {
  portugues: 'pt', portuguese: 'pt', 'portugues brasileiro': 'pt',
  ingles: 'en', english: 'en',
  espanhol: 'es', espanol: 'es', spanish: 'es', castellano: 'es',
  frances: 'fr', french: 'fr',
  alemao: 'de', aleman: 'de', german: 'de',
  italiano: 'it', italian: 'it',
  japones: 'ja', japanese: 'ja',
  mandarim: 'zh', mandarin: 'zh', chines: 'zh', chinese: 'zh', chino: 'zh',
  russo: 'ru', russian: 'ru', ruso: 'ru',
  coreano: 'ko', korean: 'ko',
  hebraico: 'he', hebreo: 'he', hebrew: 'he',
  arabe: 'ar', arabic: 'ar',
  guarani: 'gn', quechua: 'qu',
  holandes: 'nl', dutch: 'nl', neerlandes: 'nl',
};
const NAME_PATTERN = new RegExp(`(?<![\\p{L}])(${Object.keys(NAMES).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`, 'gu');

// Checked in order: the more specific phrase first ("upper intermediate" before "intermediate").
const LEVELS: [string, RegExp][] = [
  ['CEFR', /(?<![\p{L}\p{N}])([abc][12])(?![\p{L}\p{N}])/u],
  ['native', /nativ[oa]|native|materna|materno|mother tongue|first language|lingua mae/u],
  ['fluent', /fluente|fluent|fluid[oa]|fluency|fluencia|bilingue|bilingual/u],
  ['B2', /upper[- ]intermediate|intermediario avancado|intermedio avanzado|intermedio alto/u],
  ['advanced', /avancad[oa]|avanzad[oa]|advanced|proficient|proficiente|profissional|professional working/u],
  ['intermediate', /intermediari[oa]|intermedi[oa]|intermediate|conversacional|conversational/u],
  ['basic', /basic[oa]|basic|elementary|beginner|iniciante|principiante|nocoes|nociones/u],
];

function levelIn(folded: string): string | null {
  for (const [level, pattern] of LEVELS) {
    const m = pattern.exec(folded);
    if (m) return level === 'CEFR' ? m[1]!.toUpperCase() : level;
  }
  return null;
}

/**
 * Languages and their levels: "Inglês — avançado", "Español: nativo", "English (C1)", "Inglés
 * intermedio". In a languages section every language named counts; elsewhere (`strict`) only one with
 * a level next to it, since "worked with Spanish-speaking teams" says nothing about the candidate.
 */
export function findLanguages(text: string, strict = false): SpokenLanguage[] {
  const found = new Map<string, SpokenLanguage>();
  for (const line of text.normalize('NFC').split('\n')) {
    const folded = foldForMatching(line);
    const mentions = [...folded.matchAll(NAME_PATTERN)];
    mentions.forEach((m, i) => {
      const end = m.index + m[0].length;
      // The level is what follows the name up to the next language on the line.
      const level = levelIn(folded.slice(end, mentions[i + 1]?.index ?? folded.length));
      if (strict && (level === null || !/^[\s:(–—-]*\S/u.test(folded.slice(end, end + 3)))) return;
      const code = NAMES[m[1]!]!;
      const seen = found.get(code);
      if (!seen) found.set(code, { language: code, level });
      else seen.level ??= level;
    });
  }
  return [...found.values()];
}
