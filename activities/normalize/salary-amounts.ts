import { allMatches } from './all-matches.js';
import type { Currency } from './fx.js';

/**
 * What the text says about an amount's currency: a definite code, a bare "$" (USD or a peso, read
 * from context later), the word "pesos" without a country, or nothing at all.
 */
export type CurrencyMark = Currency | '$' | 'peso' | null;

/** One money figure or range, with offsets into the text it was found in. */
export interface MoneyExpression {
  start: number;
  end: number;
  min: number;
  max: number;
  mark: CurrencyMark;
  /** Only one end was stated: "até R$ 10.000" is an upper bound, "a partir de $5k" or "$150k+" a lower one. */
  bound: 'range' | 'single' | 'upper' | 'lower';
}

interface Atom {
  start: number;
  end: number;
  raw: number;
  multiplier: number | null;
  /** Written with thousands separators ("8.000"), so never a shorthand that needs the other end's "k". */
  grouped: boolean;
  mark: CurrencyMark;
}

const CODES = 'usd|brl|eur|gbp|cad|mxn|cop|clp|ars|pen|uyu';

const PREFIX_MARKS: [RegExp, CurrencyMark][] = [
  [/^r\$$/, 'BRL'],
  [/^(?:us\$|u\$s|u\$d|u\$|\$\s?usd)$/, 'USD'],
  [/^(?:ca\$|c\$)$/, 'CAD'],
  [/^mx\$$/, 'MXN'],
  [/^ar\$$/, 'ARS'],
  [/^col\$$/, 'COP'],
  [/^cl\$$/, 'CLP'],
  [/^(?:uy\$|\$u)$/, 'UYU'],
  [/^s\/\.?$/, 'PEN'],
  [/^€$/, 'EUR'],
  [/^£$/, 'GBP'],
  [/^\$$/, '$'],
];

// Runs on folded text (lower case, no accents). A code may carry its own "$" ("MXN $55,000"); the
// longer symbols come first because alternation takes the first that fits, not the longest.
const ATOM = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:(${CODES})(?![\\p{L}])\\s?\\$?|(r\\$|us\\$|u\\$s|u\\$d|u\\$|ca\\$|c\\$|mx\\$|ar\\$|col\\$|cl\\$|uy\\$|\\$\\s?usd|\\$u(?=[\\s\\d])|s\\/\\.?|€|£|\\$))\\s{0,2}|(?<![\\p{L}\\p{N}.,$]))(\\d+(?:[.,]\\d+)*)`,
  'gu',
);

const MULTIPLIER = /\s?(k|mil(?:hao|hoes)?|millon(?:es)?|millions?|thousand|mm|mi|bi(?:lhao|lhoes)?|billions?|bn|m|b)(?![\p{L}\p{N}])/uy;

const MULTIPLIER_VALUES: [RegExp, number][] = [
  [/^(?:k|mil|thousand)$/, 1e3],
  [/^(?:milhao|milhoes|millon|millones|millions?|mm|mi|m)$/, 1e6],
  [/^(?:bi|bilhao|bilhoes|billions?|bn|b)$/, 1e9],
];

const SUFFIX = new RegExp(
  `\\s?(?:de )?(${CODES}|reais|(?:us |u\\.s\\. )?dollars?|dolares(?: americanos| estadounidenses)?|euros?|libras(?: esterlinas)?|pounds|soles|pesos (?:mexicanos|argentinos|colombianos|chilenos|uruguayos)|pesos?|€|£)(?![\\p{L}])`,
  'uy',
);

const SUFFIX_MARKS: [RegExp, CurrencyMark][] = [
  [/^(?:brl|reais)$/, 'BRL'],
  [/^(?:usd|(?:us |u\.s\. )?dollars?|dolares(?: americanos| estadounidenses)?)$/, 'USD'],
  [/^(?:eur|euros?|€)$/, 'EUR'],
  [/^(?:gbp|libras(?: esterlinas)?|pounds|£)$/, 'GBP'],
  [/^(?:pen|soles)$/, 'PEN'],
  [/^(?:mxn|pesos mexicanos)$/, 'MXN'],
  [/^(?:ars|pesos argentinos)$/, 'ARS'],
  [/^(?:cop|pesos colombianos)$/, 'COP'],
  [/^(?:clp|pesos chilenos)$/, 'CLP'],
  [/^(?:uyu|pesos uruguayos)$/, 'UYU'],
  [/^cad$/, 'CAD'],
  [/^pesos?$/, 'peso'],
];

const lookUp = <T>(table: [RegExp, T][], key: string): T | undefined => table.find(([pattern]) => pattern.test(key))?.[1];

/**
 * "7.000,50" → 7000.5, "120,000" → 120000, "12.5" → 12.5, "1.234.567" → 1234567. A single
 * separator followed by exactly three digits groups thousands in every locale we read; one or two
 * digits after the last separator are decimals. Anything else ("1.2345", "12.34.5") is not money.
 */
export function parseNumber(digits: string): { value: number; grouped: boolean } | null {
  // Most figures have no separator, and nothing to split or check.
  if (/^\d*$/.test(digits)) return { value: Number(digits), grouped: false };
  const groups = digits.split(/[.,]/);
  const separators = digits.replace(/\d/g, '');
  const last = separators[separators.length - 1];
  const lastGroup = groups[groups.length - 1] ?? '';
  const decimal = lastGroup.length <= 2 ? last : undefined;
  const thousands = groups.slice(1, decimal ? -1 : undefined);
  const thousandsSeparators = separators.slice(0, decimal ? -1 : undefined);
  if (new Set(thousandsSeparators).size > 1 || (decimal && thousandsSeparators.includes(decimal))) return null;
  if (thousands.some((group) => group.length !== 3)) return null;
  if (thousands.length > 0 && (groups[0] ?? '').length > 3) return null;
  const integer = [groups[0], ...thousands].join('');
  const value = Number(decimal ? `${integer}.${lastGroup}` : integer);
  return Number.isFinite(value) ? { value, grouped: thousands.length > 0 } : null;
}

/** Money-looking figures, with or without a currency, in text already folded by foldForMatching. */
function findAtoms(folded: string, original: string): Atom[] {
  const atoms: Atom[] = [];
  for (const match of allMatches(ATOM, folded)) {
    const [, code, symbol, digits = ''] = match;
    const number = parseNumber(digits);
    if (!number) continue;
    let end = match.index + match[0].length;
    let mark: CurrencyMark = code ? (code.toUpperCase() as Currency) : symbol ? (lookUp(PREFIX_MARKS, symbol) ?? null) : null;

    let multiplier: number | null = null;
    MULTIPLIER.lastIndex = end;
    const mult = MULTIPLIER.exec(folded);
    // A lone "m" or "b" is million/billion only as in "$20M": attached, upper case, after a currency.
    const loneLetter = mult && /^\s?[mb]$/.test(mult[0]) && (mult[0].startsWith(' ') || !mark || original[end] === folded[end]);
    if (mult?.[1] && !loneLetter) {
      multiplier = lookUp(MULTIPLIER_VALUES, mult[1]) ?? null;
      end += mult[0].length;
    }

    SUFFIX.lastIndex = end;
    const suffix = SUFFIX.exec(folded);
    const suffixMark = suffix?.[1] ? lookUp(SUFFIX_MARKS, suffix[1]) : undefined;
    if (suffix && suffixMark && (mark === null || mark === '$' || mark === suffixMark)) {
      mark = mark === '$' && suffixMark === 'peso' ? 'peso' : suffixMark;
      end += suffix[0].length;
    }
    atoms.push({ start: match.index, end, raw: number.value, multiplier, grouped: number.grouped, mark });
  }
  return atoms;
}

const valueOf = (atom: Atom) => atom.raw * (atom.multiplier ?? 1);

/** The more specific of two marks, or undefined when they name different currencies. */
function mergeMarks(a: CurrencyMark, b: CurrencyMark): CurrencyMark | undefined {
  if (a === b || b === null) return a;
  if (a === null) return b;
  const vague = (mark: CurrencyMark) => mark === '$' || mark === 'peso';
  if (vague(a) && !vague(b)) return b;
  if (vague(b) && !vague(a)) return a;
  return undefined;
}

const RANGE_SEPARATOR = /^\s*(?:-+|~|to|a|ate|hasta|al|ao|up to)\s*$/;
const BETWEEN_SEPARATOR = /^\s*(?:e|y|and)\s*$/;
const BETWEEN_OPENER = /(?:entre|between)\s*$/;
const UPPER_OPENER = /(?:\bate|\bup to|\bhasta|\bmax(?:imo|imum)?\.?|\bno maximo|\bat most)\s*(?:de\s*)?:?\s*$/;
const LOWER_OPENER = /(?:\ba partir de|\bfrom|\bstarting (?:at|from)|\bdesde|\bmin(?:imo|imum)?\.?|\bno minimo|\bat least|\bpelo menos|\bal menos)\s*(?:de\s*)?:?\s*$/;

/** A range's low end written as shorthand for the high end's unit: "$120-150k", "R$ 8 a 10 mil". */
function shareMultiplier(low: Atom, high: Atom): [number, number] {
  if (low.multiplier === null && high.multiplier !== null && !low.grouped && low.raw <= high.raw) return [low.raw * high.multiplier, valueOf(high)];
  if (high.multiplier === null && low.multiplier !== null && !high.grouped && high.raw >= low.raw) return [valueOf(low), high.raw * low.multiplier];
  return [valueOf(low), valueOf(high)];
}

/** Figures and ranges in reading order; ranges join two figures by "-", "a", "to", "até", "hasta", "entre … e …". */
export function findMoney(folded: string, original: string): MoneyExpression[] {
  const atoms = findAtoms(folded, original);
  const found: MoneyExpression[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const low = atoms[i] as Atom;
    const high = atoms[i + 1];
    const before = folded.slice(Math.max(0, low.start - 30), low.start);
    if (high) {
      const between = folded.slice(low.end, high.start);
      const joined = RANGE_SEPARATOR.test(between) || (BETWEEN_SEPARATOR.test(between) && BETWEEN_OPENER.test(before));
      const mark = mergeMarks(low.mark, high.mark);
      const [min, max] = shareMultiplier(low, high);
      // A tenfold spread is a different figure ("R$ 10.000 - 5 dias"), not a range.
      if (joined && mark !== undefined && min > 0 && max >= min && max <= min * 10) {
        found.push({ start: low.start, end: high.end, min, max, mark, bound: 'range' });
        i++;
        continue;
      }
    }
    const value = valueOf(low);
    const openEnded = folded[low.end] === '+' && !/\d/.test(folded[low.end + 1] ?? '');
    const bound = UPPER_OPENER.test(before) ? 'upper' : LOWER_OPENER.test(before) || openEnded ? 'lower' : 'single';
    found.push({ start: low.start, end: low.end + (openEnded ? 1 : 0), min: value, max: value, mark: low.mark, bound });
  }
  return found.filter((money) => money.min > 0);
}
