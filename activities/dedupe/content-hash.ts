import { createHash } from 'node:crypto';
import { wordsOnly } from '../normalize/letter-count.js';
import { foldForMatching } from '../normalize/text-fold.js';

const fold = (text: string | null) => wordsOnly(foldForMatching((text ?? '').normalize('NFC')));

/**
 * Identical jobs posted on two boards differ in markup, spacing, accents and case, not in words:
 * the hash is taken over title, company and description reduced to lower-case words.
 */
export function postingContentHash(title: string, company: string | null, description: string): string {
  return createHash('sha256').update(`${fold(title)}\u0000${fold(company)}\u0000${fold(description)}`).digest('hex');
}
