import { compile } from 'html-to-text';
import { simpleHtmlToText } from './simple-html.js';

/**
 * html-to-text with the stage's options; simple-html.ts must write what this writes. Compiled once:
 * convert() would rebuild its selector matcher on every call.
 */
export const convertHtml = compile({
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
  ],
});

/** Plain text of a posting's HTML: entities decoded, scripts dropped, paragraphs and list items kept as lines. */
export function htmlToPlainText(html: string): string {
  // Most postings are simple HTML, which simple-html.ts writes the same way at a fraction of the cost.
  return (simpleHtmlToText(html) ?? convertHtml(html))
    .normalize('NFC')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One line, single spaces: for titles, company names and locations. */
export function cleanLine(text: string | null | undefined): string | null {
  if (text == null) return null;
  // Most titles and names hold no markup or entities; those skip the HTML parser.
  const plain = /[<&]/.test(text) ? htmlToPlainText(text) : text.normalize('NFC');
  const cleaned = plain.replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}
