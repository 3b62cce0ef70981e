import { foldForMatching } from './text-fold.js';

export type Seniority = 'junior' | 'mid' | 'senior' | 'lead';

// Checked in order; mid comes before senior because "Semi Senior" contains "Senior".
const RULES: [Seniority, RegExp][] = [
  ['lead', /\b(lead|staff|principal|head|lider|tech lead|gerente|manager)\b/],
  ['mid', /\b(pleno|mid|mid-level|semi[ -]?senior|ssr|intermediate|intermedio)\b/],
  ['senior', /\b(senior|sr\.?|especialista)(?![\p{L}])/u],
  ['junior', /\b(junior|jr\.?|trainee|estagiario|estagio|entry level|graduate)(?![\p{L}])/u],
];

/** Seniority from the title, with the words that decided it; null when the title says nothing. */
export function classifySeniority(title: string): { level: Seniority; text: string } | null {
  const folded = foldForMatching(title.normalize('NFC'));
  for (const [level, pattern] of RULES) {
    const match = pattern.exec(folded);
    if (match) return { level, text: title.normalize('NFC').slice(match.index, match.index + match[0].length) };
  }
  return null;
}
