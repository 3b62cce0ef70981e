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

/**
 * Whether a line ends in spaces or tabs: as /[ \t]+\n/ finds, but looking at the few line breaks
 * rather than trying that expression at every space. Most postings have none to drop.
 */
function hasTrailingBlanks(text: string): boolean {
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    const before = text.charCodeAt(nl - 1);
    if (before === 32 || before === 9) return true;
  }
  return false;
}

/** Plain text of a posting's HTML: entities decoded, scripts dropped, paragraphs and list items kept as lines. */
export function htmlToPlainText(html: string): string {
  // Most postings are simple HTML, which simple-html.ts writes the same way at a fraction of the cost.
  const text = (simpleHtmlToText(html) ?? convertHtml(html)).normalize('NFC').replace(/\u00a0/g, ' ');
  return (hasTrailingBlanks(text) ? text.replace(/[ \t]+\n/g, '\n') : text).replace(/\n{3,}/g, '\n\n').trim();
}

/** One line, single spaces: for titles, company names and locations. */
export function cleanLine(text: string | null | undefined): string | null {
  if (text == null) return null;
  // Most titles and names hold no markup or entities; those skip the HTML parser.
  const plain = /[<&]/.test(text) ? htmlToPlainText(text) : text.normalize('NFC');
  const cleaned = plain.replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}
