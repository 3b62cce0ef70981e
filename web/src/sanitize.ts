// Job text comes from the internet. It reaches the page only as text nodes or through
// `descriptionHtml`, which escapes it, adds paragraphs, lists and links, and then passes the result
// through DOMPurify with a small allowlist: a second wall, behind the escaping, in front of the CSP.
import DOMPurify from 'dompurify';

const purify = DOMPurify(window);
const ALLOWED_TAGS = ['p', 'ul', 'li', 'a', 'br'];
const ALLOWED_ATTR = ['href', 'rel', 'target'];

/** The URL when it is an absolute http(s) one; null for javascript:, data: and everything else. */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  const href = safeHttpUrl(node.getAttribute('href'));
  if (href) node.setAttribute('href', href);
  else node.removeAttribute('href');
  // Off-site links open apart from the app and tell the other site nothing about it.
  node.setAttribute('rel', 'noopener noreferrer nofollow ugc');
  node.setAttribute('target', '_blank');
});

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
const BULLET = /^(?:[*•·\-–]|\d{1,2}[.)])\s+/;

/** A line's text escaped, with its http(s) addresses (found in the raw text, so a quote ends one) as links. */
function inline(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const url = escape(match[0]);
    html += `${escape(line.slice(last, match.index))}<a href="${url}">${url}</a>`;
    last = match.index + match[0].length;
  }
  return html + escape(line.slice(last));
}

/** A block of lines: runs of bullet lines become a list, the other lines a paragraph with line breaks. */
function block(lines: string[]): string {
  let html = '';
  let paragraph: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (paragraph.length) html += `<p>${paragraph.join('<br>')}</p>`;
    if (items.length) html += `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
    paragraph = [];
    items = [];
  };
  for (const line of lines) {
    if (BULLET.test(line)) {
      if (paragraph.length) flush();
      items.push(inline(line.replace(BULLET, '')));
    } else {
      if (items.length) flush();
      paragraph.push(inline(line));
    }
  }
  flush();
  return html;
}

/** Safe HTML for a posting's plain-text description. */
export function descriptionHtml(text: string): string {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((b) => b.split('\n').map((line) => line.trim()).filter(Boolean))
    .filter((lines) => lines.length > 0);
  return purify.sanitize(blocks.map(block).join(''), { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false });
}
