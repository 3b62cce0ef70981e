import { foldForMatching } from '../normalize/text-fold.js';

export interface DateRange {
  start: string | null;
  end: string | null;
  current: boolean;
}

/** A date range found in a line, with the span it covers so callers can cut it out of the line. */
export interface FoundRange extends DateRange {
  index: number;
  length: number;
  /** A point was given as a bare year, so its month is assumed (January for a start, December for an end). */
  yearOnly: boolean;
  /** 'range' and 'since' mark a job; 'single' is one lone date (a graduation or certification). */
  kind: 'range' | 'since' | 'single';
}

// Folded (no accents, lower case) month names and abbreviations in Portuguese, Spanish and English.
const MONTHS: Record<string, number> = {
  jan: 1, janeiro: 1, enero: 1, ene: 1, january: 1,
  fev: 2, fevereiro: 2, feb: 2, febrero: 2, february: 2,
  mar: 3, marco: 3, marzo: 3, march: 3,
  abr: 4, abril: 4, apr: 4, april: 4,
  mai: 5, maio: 5, may: 5, mayo: 5,
  jun: 6, junho: 6, junio: 6, june: 6,
  jul: 7, julho: 7, julio: 7, july: 7,
  ago: 8, agosto: 8, aug: 8, august: 8,
  set: 9, setembro: 9, sep: 9, sept: 9, septiembre: 9, setiembre: 9, september: 9,
  out: 10, outubro: 10, oct: 10, octubre: 10, october: 10,
  nov: 11, novembro: 11, noviembre: 11, november: 11,
  dez: 12, dezembro: 12, dic: 12, diciembre: 12, dec: 12, december: 12,
};
const MONTH_WORDS = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const YEAR = '(19[6-9]\\d|20\\d\\d)';
// Month names are ordinary words too ("mar", "set", "out", "dez"), so one counts only right before a year.
const POINT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${MONTH_WORDS})\\.?\\s*(?:(?:de|del|of)\\s+|[/,'\\-]\\s*)?${YEAR}` +
    `|(?:\\d{1,2}[/.])?(0?[1-9]|1[0-2])[/.\\-]${YEAR}` +
    `|${YEAR}[/.\\-](0[1-9]|1[0-2])` +
    `|${YEAR})(?![\\p{N}])`,
  'gu',
);
const SEPARATOR = /^\s*(?:-|–|—|~|a|ate|al|to|till|until|through|thru|hasta)\s*$/u;
const PRESENT = /^\s*(?:-|–|—|~|a|ate|al|to|till|until|hasta)?\s*(?:o momento|o presente|el presente|la actualidad|the present|presente|present|atualmente|atual|actualmente|actualidad|actual|currently|current|now|today|hoje|hoy|ongoing|em andamento|en curso|cursando)(?![\p{L}])/u;
const SINCE = /(?:since|desde|a partir de)\s*$/u;
// A phone number written with a year-like block ("(11) 2019-2020", "+55 11 2019 2020") is no date.
const PHONE_BEFORE = /(?:\(\d{2,3}\)|\+\d{1,3}(?:[\s.-]\d{1,4})*)\s*$/u;

interface Point { index: number; end: number; year: number; month: number | null }

function points(folded: string): Point[] {
  const found: Point[] = [];
  for (const m of folded.matchAll(POINT)) {
    const [whole, monthWord, y1, m2, y2, y3, m3, y4] = m;
    const year = Number(y1 ?? y2 ?? y3 ?? y4);
    const month = monthWord ? MONTHS[monthWord]! : m2 ? Number(m2) : m3 ? Number(m3) : null;
    if (PHONE_BEFORE.test(folded.slice(Math.max(0, m.index - 24), m.index))) continue;
    found.push({ index: m.index, end: m.index + whole.length, year, month });
  }
  return found;
}

const pad = (n: number) => String(n).padStart(2, '0');
const asStart = (p: Point) => `${p.year}-${pad(p.month ?? 1)}`;
const asEnd = (p: Point) => `${p.year}-${pad(p.month ?? 12)}`;

/** Every date range in a line or paragraph, in order; lone dates only where no range or "since" is nearby. */
export function findDateRanges(text: string): FoundRange[] {
  const folded = foldForMatching(text.normalize('NFC'));
  const pts = points(folded);
  const found: FoundRange[] = [];
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    const next = pts[i + 1];
    if (next && SEPARATOR.test(folded.slice(p.end, next.index))) {
      const start = asStart(p);
      const end = asEnd(next);
      if (end >= start) {
        const yearOnly = p.month === null || next.month === null;
        found.push({ start, end, current: false, index: p.index, length: next.end - p.index, yearOnly, kind: 'range' });
        i += 1;
        continue;
      }
    }
    const present = PRESENT.exec(folded.slice(p.end));
    if (present) {
      found.push({ start: asStart(p), end: null, current: true, index: p.index, length: p.end + present[0].length - p.index, yearOnly: p.month === null, kind: 'range' });
      continue;
    }
    const since = SINCE.exec(folded.slice(Math.max(0, p.index - 12), p.index));
    if (since) {
      const index = p.index - since[0].length;
      found.push({ start: asStart(p), end: null, current: true, index, length: p.end - index, yearOnly: p.month === null, kind: 'since' });
      continue;
    }
    // A lone date is the end of something (a degree finished, a certificate obtained).
    found.push({ start: null, end: asEnd(p), current: false, index: p.index, length: p.end - p.index, yearOnly: p.month === null, kind: 'single' });
  }
  return found;
}

/**
 * The date range a résumé line states: "jan/2020 – atual", "março de 2019 a agosto de 2021",
 * "2020-01 to 2022-06", "desde 2021". Months are YYYY-MM; a bare year starts in January and ends in
 * December; an open range is current with a null end. A lone date is returned only when it is all
 * the text says (then as an end); null when there is no date.
 */
export function parseResumeDate(text: string): DateRange | null {
  const ranges = findDateRanges(text);
  const range = ranges.find((r) => r.kind !== 'single');
  if (range) return { start: range.start, end: range.end, current: range.current };
  const single = ranges[0];
  if (single && text.trim().length <= single.length + 2) return { start: null, end: single.end, current: false };
  return null;
}

/** A YYYY-MM month as a count of months, so that intervals can be merged and measured. */
export function monthIndex(yyyyMm: string): number {
  const [y, m] = yyyyMm.split('-').map(Number);
  return y! * 12 + (m! - 1);
}
