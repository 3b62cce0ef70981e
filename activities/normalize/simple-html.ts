/**
 * The text html-to-text writes for the HTML most postings are made of (paragraphs, headings h1–h3,
 * lists, line breaks, divs and inline emphasis, the only entities being the common ones), without
 * its DOM, selector matching and word arrays: several times faster, and the same text to the
 * character. Anything else (links, images, tables, comments, other entities, markup whose parse
 * htmlparser2 would repair) gives null, and the caller converts with html-to-text.
 *
 * The builder below follows html-to-text's BlockTextBuilder step for step, with the options
 * html-text.ts compiles (no word wrap, h1–h3 not upper-cased); a line is kept as its words joined
 * rather than as an array of them.
 */

interface Element {
  name: string;
  parent: string;
  children: Node[];
}
type Node = string | Element;

/** Line breaks before and after each kind of block. */
const BLOCKS = new Map<string, [leading: number, trailing: number]>([['p', [2, 2]], ['div', [1, 1]], ['h1', [3, 2]], ['h2', [3, 2]], ['h3', [3, 2]]]);
const INLINE = new Set(['b', 'strong', 'em', 'i', 'u', 'span', 'li']);
const LISTS = new Set(['ul', 'ol']);
// Opening one of these closes an open <p> in htmlparser2 (its openImpliesClose); the fast path gives up instead.
const CLOSES_P = new Set(['p', 'div', 'h1', 'h2', 'h3', 'ul', 'ol']);

// HTML whitespace for htmlparser2's tokenizer; html-to-text also counts the zero-width space.
const ATTRIBUTES = `(?:[ \\t\\n\\f\\r]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:[ \\t\\n\\f\\r]*=[ \\t\\n\\f\\r]*(?:"[^"]*"|'[^']*'|[^ \\t\\n\\f\\r"'=<>\`]+))?)*`;
const TAG = new RegExp(`<(?:([a-zA-Z][a-zA-Z0-9]*)(${ATTRIBUTES})[ \\t\\n\\f\\r]*(/?)|/([a-zA-Z][a-zA-Z0-9]*)[ \\t\\n\\f\\r]*)>`, 'y');
const ENTITY = /&(?:(amp|lt|gt|quot|apos|nbsp);|#([0-9]{1,7});|#[xX]([0-9a-fA-F]{1,6});)/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY_START = /[a-zA-Z0-9#]/;

const MAX_INPUT = 1 << 24;

const WHITESPACE_RUN = /[ \t\r\n\f\u200b]+/g;
/** Whitespace other than single spaces between words: only text with some needs collapsing. */
const SPACING = /[\t\r\n\f\u200b]| {2}|^ | $/;
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 12 || code === 13 || code === 0x200b;
const ONLY_WHITESPACE = /^[ \t\r\n\f\u200b]*$/;

/** Text with its entities decoded, or null for an entity the fast path leaves to htmlparser2. */
function decodeText(raw: string): string | null {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    out += raw.slice(from, amp);
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(raw);
    if (m) {
      const code = m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? Number.parseInt(m[3], 16) : -1;
      if (code < 0) out += NAMED[m[1] as string];
      // 0, the C1 range and surrogates are replaced by the decoder: left to it.
      else if ((code >= 1 && code <= 0x7f) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0x10ffff)) out += String.fromCodePoint(code);
      else return null;
      from = ENTITY.lastIndex;
    } else {
      if (ENTITY_START.test(raw.charAt(amp + 1))) return null;
      out += '&';
      from = amp + 1;
    }
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/** The document's nodes, or null for markup outside the fast path's subset. */
function parse(html: string): Node[] | null {
  const root: Element = { name: '', parent: '', children: [] };
  const open: Element[] = [root];
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    const end = lt < 0 ? html.length : lt;
    if (end > at) {
      const text = decodeText(html.slice(at, end));
      if (text === null) return null;
      const siblings = (open[open.length - 1] as Element).children;
      // htmlparser2's DOM joins adjacent text; here text only follows a tag, so it never needs to.
      siblings.push(text);
    }
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) return null;
    at = TAG.lastIndex;
    const top = open[open.length - 1] as Element;
    if (m[1] !== undefined) {
      const name = m[1].toLowerCase();
      if (name === 'br') {
        if (m[2] !== '') return null;
        top.children.push({ name, parent: top.name, children: [] });
        continue;
      }
      if (m[3] !== '' || !(BLOCKS.has(name) || INLINE.has(name) || LISTS.has(name))) return null;
      if ((top.name === 'p' && CLOSES_P.has(name)) || (top.name === 'li' && name === 'li') || (name === 'ol' && m[2] !== '')) return null;
      const element: Element = { name, parent: top.name, children: [] };
      top.children.push(element);
      open.push(element);
    } else {
      if ((m[4] as string).toLowerCase() !== top.name || open.length === 1) return null;
      open.pop();
    }
  }
  return open.length === 1 ? root.children : null;
}

/** A block being written: html-to-text's BlockStackItem with its InlineTextBuilder. */
class Block {
  lines: string[] = [];
  line = '';
  stashedSpace = false;
  rawText = '';
  stashedLineBreaks = 0;

  constructor(public leadingLineBreaks: number) {}

  text(): string {
    if (this.lines.length === 0 && this.line === '') return this.rawText;
    return this.lines.length === 0 ? this.rawText + this.line : `${this.rawText}${this.lines.join('\n')}\n${this.line}`;
  }

  startNewLine(count: number): void {
    this.lines.push(this.line);
    for (let i = 1; i < count; i++) this.lines.push('');
    this.line = '';
  }

  addText(text: string, leadingLineBreaks: number, trailingLineBreaks: number): void {
    const parentText = this.text();
    const lineBreaks = Math.max(this.stashedLineBreaks, leadingLineBreaks);
    this.lines = [];
    this.line = '';
    if (parentText) this.rawText = parentText + '\n'.repeat(lineBreaks) + text;
    else {
      this.rawText = text;
      this.leadingLineBreaks = lineBreaks;
    }
    this.stashedLineBreaks = trailingLineBreaks;
  }

  addInline(text: string): void {
    if (text.length === 0 || (this.stashedLineBreaks && ONLY_WHITESPACE.test(text))) return;
    if (this.stashedLineBreaks) this.startNewLine(this.stashedLineBreaks);
    // The words joined by single spaces: what pushing them one by one would leave.
    const words = SPACING.test(text) ? text.replace(WHITESPACE_RUN, ' ') : text;
    const leading = isSpace(text.charCodeAt(0));
    const trailing = isSpace(text.charCodeAt(text.length - 1));
    const joined = words.slice(leading ? 1 : 0, trailing ? words.length - 1 : words.length);
    const previouslyStashedSpace = this.stashedSpace;
    if (joined !== '') {
      // A word right after another, with no whitespace between, is glued to it.
      this.line = this.line === '' ? joined : this.line + (previouslyStashedSpace || leading ? ' ' : '') + joined;
    }
    this.stashedSpace = (previouslyStashedSpace && joined === '') || trailing;
    this.stashedLineBreaks = 0;
  }
}

class Writer {
  private readonly stack: Block[] = [new Block(1)];

  private get top(): Block {
    return this.stack[this.stack.length - 1] as Block;
  }

  walk(nodes: readonly Node[]): void {
    for (const node of nodes) {
      if (typeof node === 'string') this.top.addInline(node);
      else if (node.name === 'br') this.top.startNewLine(1);
      else if (LISTS.has(node.name)) this.list(node);
      else if (BLOCKS.has(node.name)) {
        const [leading, trailing] = BLOCKS.get(node.name) as [number, number];
        this.stack.push(new Block(leading));
        this.walk(node.children);
        const block = this.stack.pop() as Block;
        this.top.addText(block.text(), block.leadingLineBreaks, Math.max(block.stashedLineBreaks, trailing));
      } else this.walk(node.children);
    }
  }

  /** html-to-text's formatList, with its " * " and " 1. " prefixes. */
  private list(list: Element): void {
    const nested = list.parent === 'li';
    let index = 1;
    let maxPrefixLength = 0;
    const items: { node: Node; prefix: string }[] = [];
    for (const child of list.children) {
      if (typeof child === 'string' && /^\s*$/.test(child)) continue;
      let prefix = '';
      if (typeof child !== 'string' && child.name === 'li') {
        prefix = list.name === 'ul' ? ' * ' : ` ${index++}. `;
        if (nested) prefix = prefix.trimStart();
        maxPrefixLength = Math.max(maxPrefixLength, prefix.length);
      }
      items.push({ node: child, prefix });
    }
    if (items.length === 0) return;
    const block = new Block(nested ? 1 : 2);
    this.stack.push(block);
    for (const { node, prefix } of items) {
      const item = new Block(1);
      this.stack.push(item);
      this.walk([node]);
      this.stack.pop();
      const prefixLength = Math.max(prefix.length, maxPrefixLength);
      const text = prefix.padEnd(prefixLength) + item.text().replace(/\n/g, `\n${' '.repeat(prefixLength)}`);
      block.addText(text, item.leadingLineBreaks, Math.max(item.stashedLineBreaks, 1));
    }
    this.stack.pop();
    const text = block.text();
    if (text) this.top.addText(text, block.leadingLineBreaks, nested ? 1 : 2);
  }

  text(): string {
    return this.top.text();
  }
}

/** html-to-text's output for simple HTML; null when the HTML needs html-to-text itself. */
export function simpleHtmlToText(html: string): string | null {
  // Past html-to-text's input limit it truncates; NUL is left to htmlparser2 as well.
  if (html.length > MAX_INPUT || html.includes('\u0000')) return null;
  const nodes = parse(html);
  if (nodes === null) return null;
  const writer = new Writer();
  writer.walk(nodes);
  return writer.text();
}
