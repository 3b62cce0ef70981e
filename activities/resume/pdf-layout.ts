// Rebuilds page text from positioned pdf.js text items so that two-column résumés read one column
// at a time. pdf-parse's getText() emits items in content-stream order; tools that paint a grid row
// by row therefore interleave the sidebar with the main column, line by line.

/** The few pdf.js members we read; pdf-parse loads the document but does not type it publicly. */
export interface PdfJsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfJsPage>;
}
interface PdfJsPage {
  getViewport(opts: { scale: number }): { width: number; convertToViewportPoint(x: number, y: number): number[] };
  getTextContent(): Promise<{ items: unknown[] }>;
  cleanup(): void;
}

interface Item {
  str: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

function toItems(raw: unknown[], viewport: ReturnType<PdfJsPage['getViewport']>): Item[] {
  const items: Item[] = [];
  for (const r of raw) {
    const it = r as { str?: unknown; transform?: number[]; width?: number; height?: number };
    if (typeof it.str !== 'string' || it.str.trim() === '' || !it.transform) continue;
    const [x = 0, y = 0] = viewport.convertToViewportPoint(it.transform[4] ?? 0, it.transform[5] ?? 0);
    const size = Math.abs(it.height ?? 0) || Math.hypot(it.transform[2] ?? 0, it.transform[3] ?? 0) || 10;
    items.push({ str: it.str, x, right: x + (it.width ?? 0), y, size });
  }
  return items;
}

/** Items whose baselines are within a fraction of a line of each other form one line, left to right. */
function toLines(items: readonly Item[]): Item[][] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const head = line?.[0];
    if (line && head && Math.abs(head.y - item.y) < Math.min(head.size, item.size) * 0.5) line.push(item);
    else lines.push([item]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x));
}

function lineText(line: readonly Item[]): string {
  let out = '';
  let prev: Item | undefined;
  for (const item of line) {
    const gap = prev ? item.x - prev.right : 0;
    if (prev && gap > prev.size * 0.15 && !out.endsWith(' ') && !item.str.startsWith(' ')) out += ' ';
    out += item.str;
    prev = item;
  }
  return out.trim();
}

const distinctYs = (items: readonly Item[]): number[] => toLines(items).map((l) => l[0]?.y ?? 0);

/**
 * Looks for a vertical gutter in the middle of the page that (almost) no text crosses, with real
 * text on both sides. Right-aligned dates in a one-column résumé also leave such a gap, so we also
 * require lines on each side with no counterpart at the same height on the other side.
 */
export function findGutter(items: readonly Item[], pageWidth: number): number | null {
  if (items.length < 6) return null;
  const maxCrossing = Math.max(2, Math.floor(items.length * 0.1));
  let best: { start: number; width: number } | null = null;
  let runStart = -1;
  const from = Math.floor(pageWidth * 0.2);
  const crossings: number[] = [];
  for (let g = from; g <= Math.ceil(pageWidth * 0.8) + 1; g++) {
    const crossing = g > pageWidth * 0.8 ? Infinity : items.filter((i) => i.x < g && i.right > g).length;
    crossings.push(crossing);
    if (crossing <= maxCrossing) {
      if (runStart < 0) runStart = g;
    } else if (runStart >= 0) {
      if (!best || g - runStart > best.width) best = { start: runStart, width: g - runStart };
      runStart = -1;
    }
  }
  if (!best || best.width < 8) return null;
  // The gutter is where the fewest lines cross: a sidebar's few long lines (an e-mail address) may
  // reach well into the run, and cutting through them would tear them out of their column.
  const fewest = Math.min(...crossings.slice(best.start - from, best.start - from + best.width));
  let clear: { start: number; width: number } = { start: best.start, width: 0 };
  let clearStart = -1;
  for (let g = best.start; g <= best.start + best.width; g++) {
    const isClear = g < best.start + best.width && crossings[g - from] === fewest;
    if (isClear && clearStart < 0) clearStart = g;
    if (!isClear && clearStart >= 0) {
      if (g - clearStart > clear.width) clear = { start: clearStart, width: g - clearStart };
      clearStart = -1;
    }
  }
  const gutter = clear.start + clear.width / 2;
  const left = distinctYs(items.filter((i) => i.right <= gutter));
  const right = distinctYs(items.filter((i) => i.x >= gutter));
  if (left.length < 3 || right.length < 3) return null;
  const solo = (ys: number[], other: number[]): number => ys.filter((y) => !other.some((o) => Math.abs(o - y) < 3)).length;
  const soloLeft = solo(left, right);
  const soloRight = solo(right, left);
  if (soloLeft < 2 || soloRight < 2 || soloLeft + soloRight < 0.3 * (left.length + right.length)) return null;
  return gutter;
}

/** Page text in reading order: full-width lines in place, and between them left column then right. */
export function layoutPage(items: readonly Item[], pageWidth: number): string {
  const gutter = findGutter(items, pageWidth);
  if (gutter === null) return toLines(items).map(lineText).join('\n');
  const spanning = toLines(items.filter((i) => i.x < gutter && i.right > gutter));
  const out: string[] = [];
  let top = -Infinity;
  const flushBand = (bottom: number): void => {
    const inBand = (i: Item): boolean => i.y >= top && i.y < bottom;
    const left = toLines(items.filter((i) => i.right <= gutter && inBand(i))).map(lineText);
    const right = toLines(items.filter((i) => i.x >= gutter && inBand(i))).map(lineText);
    // A blank line between the columns keeps the last sidebar line from running into the next section.
    if (left.length && right.length) out.push(...left, '', ...right);
    else out.push(...left, ...right);
  };
  for (const line of spanning) {
    const y = line[0]?.y ?? 0;
    flushBand(y - 0.01);
    out.push(lineText(line));
    top = y + 0.01;
  }
  flushBand(Infinity);
  return out.join('\n');
}

/**
 * The text set in the largest type: on a résumé's first page, almost always the person's name. A
 * long name may wrap, so the lines right under it in the same size belong to it.
 */
export function largestLine(items: readonly Item[]): string | null {
  const size = Math.max(...items.map((i) => i.size));
  const lines = toLines(items.filter((i) => Math.abs(i.size - size) < 0.01));
  if (!lines.length) return null;
  let last = 0;
  while (lines[last + 1] && lines[last + 1]![0]!.y - lines[last]![0]!.y < size * 1.6) last += 1;
  return lines.slice(0, last + 1).map(lineText).join(' ');
}

export async function readPagesInOrder(doc: PdfJsDocument, checkpoint: () => Promise<void>): Promise<{ pages: string[]; prominentLine: string | null }> {
  const pages: string[] = [];
  let prominentLine: string | null = null;
  for (let n = 1; n <= doc.numPages; n++) {
    await checkpoint();
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = toItems(content.items, viewport);
    pages.push(layoutPage(items, viewport.width));
    if (n === 1) prominentLine = largestLine(items);
    page.cleanup();
  }
  return { pages, prominentLine };
}

/** Typographic clean-up shared by every page: NFC, soft hyphens, words split at line ends. */
export function cleanPdfText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\u00ad\n?/g, '')
    .replace(/^-- \d+ of \d+ --$/gm, '')
    // Page footers, as LinkedIn's export prints them in its three languages.
    .replace(/^(?:Page|Página) \d+ (?:of|de) \d+$/gm, '')
    // "experi-\nência" → "experiência": only lower-case on both sides, so "2019 -\nPresent" survives.
    .replace(/(\p{Ll})[-\u2010]\n(\p{Ll})/gu, '$1$2')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
