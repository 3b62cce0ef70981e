import { foldForMatching } from '../normalize/text-fold.js';
import type { SpokenLanguage } from './draft.js';

/** A language found, with the offsets of its name and level in the text given. */
export interface FoundLanguage extends SpokenLanguage {
  start: number;
  end: number;
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
  // LinkedIn's scale: "Native or Bilingual", "Full Professional", "Professional Working", "Limited Working", "Elementary".
  ['fluent', /fluente|fluent|fluid[oa]|fluency|fluencia|bilingue|bilingual|full professional|profissional complet[oa]|profesional complet[oa]/u],
  ['B2', /upper[- ]intermediate|intermediario avancado|intermedio avanzado|intermedio alto/u],
  ['advanced', /avancad[oa]|avanzad[oa]|advanced|proficient|proficiente|professional working|profissional|profesional/u],
  ['intermediate', /intermediari[oa]|intermedi[oa]|intermediate|conversacional|conversational|limited working|limitad[oa]/u],
  ['basic', /basic[oa]|basic|elementary|elemental|beginner|iniciante|principiante|nocoes|nociones/u],
];

function levelIn(folded: string): { level: string; end: number } | null {
  for (const [level, pattern] of LEVELS) {
    const m = pattern.exec(folded);
    if (m) return { level: level === 'CEFR' ? m[1]!.toUpperCase() : level, end: m.index + m[0].length };
  }
  return null;
}

/**
 * Languages and their levels: "Inglês — avançado", "Español: nativo", "English (C1)", "Inglés
 * intermedio". In a languages section every language named counts; elsewhere (`strict`) only one with
 * a level next to it, since "worked with Spanish-speaking teams" says nothing about the candidate.
 */
export function findLanguages(text: string, strict = false): FoundLanguage[] {
  const found = new Map<string, FoundLanguage>();
  let offset = 0;
  // A level wrapped onto the next line inside its parentheses ("Inglês (Proficiência profissional\n
  // completa)") is read as one line; the newline becomes a space, so offsets do not move.
  const joined = text.normalize('NFC').replace(/\([^()\n]*\n[^()\n]*\)/gu, (m) => m.replace('\n', ' '));
  for (const line of joined.split('\n')) {
    const folded = foldForMatching(line);
    const mentions = [...folded.matchAll(NAME_PATTERN)];
    mentions.forEach((m, i) => {
      const end = m.index + m[0].length;
      // The level is what follows the name up to the next language on the line.
      const level = levelIn(folded.slice(end, mentions[i + 1]?.index ?? folded.length));
      if (strict && (level === null || !/^[\s:(–—-]*\S/u.test(folded.slice(end, end + 3)))) return;
      const code = NAMES[m[1]!]!;
      const seen = found.get(code);
      const span = { start: offset + m.index, end: offset + end + (level?.end ?? 0) };
      if (!seen) found.set(code, { language: code, level: level?.level ?? null, ...span });
      else if (seen.level === null && level) Object.assign(seen, { level: level.level }, span);
    });
    offset += line.length + 1;
  }
  return [...found.values()];
}
