import { findContracts } from './employment-type.js';
import { convert, defaultFxTable, type Currency, type FxTable } from './fx.js';
import { findMoney, type CurrencyMark, type MoneyExpression } from './salary-amounts.js';
import { countryCurrency, grossOrNet, namedCurrencies, NOT_MONEY_AFTER, payContext, payWordBefore, statedPeriod } from './salary-terms.js';
import { foldForMatching } from './text-fold.js';

export type { Currency } from './fx.js';
export type Period = 'hour' | 'day' | 'week' | 'month' | 'year';
export type ContractType = 'clt' | 'pj' | 'contractor' | 'freelance' | 'internship';

export interface Salary {
  /** The words the figures were read from, e.g. "R$ 12.000 a R$ 15.000/mês". */
  text: string;
  /** As stated, in `currency` per `period`; equal when only one figure was given. */
  min: number;
  max: number;
  currency: Currency;
  period: Period;
  /** true for gross ("bruto"), false for net ("líquido", "neto"), null when the text does not say. */
  gross: boolean | null;
  contract: ContractType | null;
  usdMonth: { min: number; max: number };
  brlMonth: { min: number; max: number };
  /** Date of the FX table the conversions used. */
  fxDate: string;
  /** Everything read from context rather than stated, in plain words, for the web app to show. */
  assumptions: string[];
}

export interface SalaryHints {
  /** Where the job or its company is, when known; resolves "$" and bare figures. */
  countryIso2?: string | null;
  language?: 'pt' | 'es' | 'en' | null;
}

const PER_MONTH: Record<Period, number> = { hour: 168, day: 21, week: 4.33, month: 1, year: 1 / 12 };
const CLT_YEAR_IN_MONTHS = 13 + 1 / 3;

// USD per stated period. Outside these a reading is wrong (pesos taken for dollars, a yearly figure
// taken for an hourly one), so the next reading is tried, and failing all the answer is "unknown".
const PLAUSIBLE_USD: Record<Period, [number, number]> = {
  hour: [3, 500],
  day: [25, 4_000],
  week: [120, 20_000],
  month: [200, 80_000],
  year: [2_400, 1_000_000],
};
// Internship stipends ("bolsa-auxílio R$ 1.200") sit below any salary floor.
const INTERNSHIP_FLOOR: Partial<Record<Period, number>> = { month: 50, year: 600 };

const DOLLAR_CURRENCIES: Currency[] = ['USD', 'MXN', 'ARS', 'COP', 'CLP', 'UYU', 'CAD'];

interface Reading {
  currency: Currency;
  assumption: string | null;
}

interface Context {
  named: Currency[];
  contracts: ContractType[];
  hints: SalaryHints;
}

/** The currencies a figure may be in, most likely first, each with what had to be assumed. */
function readings(mark: CurrencyMark, { named, contracts, hints }: Context): Reading[] {
  if (mark !== null && mark !== '$' && mark !== 'peso') return [{ currency: mark, assumption: null }];
  const country = countryCurrency(hints.countryIso2);
  const iso2 = hints.countryIso2?.toUpperCase();
  const pesoCountry = country?.dollarSign && country.currency !== 'USD' ? country : null;
  if (mark === '$') {
    const dollars = named.filter((c) => DOLLAR_CURRENCIES.includes(c));
    if (dollars.length === 1 && dollars[0]) return [{ currency: dollars[0], assumption: `"$" read as ${dollars[0]}, the currency the text names` }];
    if (!pesoCountry) return [{ currency: 'USD', assumption: '"$" read as USD: no currency code, and no country that writes its own currency with "$"' }];
    const local = pesoCountry.currency;
    // An English posting for a job in Mexico usually pays in dollars; a Spanish one in pesos.
    if (hints.language === 'en') {
      return [
        { currency: 'USD', assumption: `"$" read as USD: English posting, although ${iso2} also writes ${local} with "$"` },
        { currency: local, assumption: `"$" read as ${local} (${iso2}): the figure is implausible in USD` },
      ];
    }
    return [
      { currency: local, assumption: `"$" read as ${local}, the currency of ${iso2}` },
      { currency: 'USD', assumption: `"$" read as USD: the figure is implausible in ${local}` },
    ];
  }
  if (mark === 'peso') {
    const pesos = named.filter((c) => c !== 'USD' && DOLLAR_CURRENCIES.includes(c));
    if (pesos.length === 1 && pesos[0]) return [{ currency: pesos[0], assumption: `"pesos" read as ${pesos[0]}, the currency the text names` }];
    return pesoCountry ? [{ currency: pesoCountry.currency, assumption: `"pesos" read as ${pesoCountry.currency}, the currency of ${iso2}` }] : [];
  }
  if (named.length === 1 && named[0]) return [{ currency: named[0], assumption: `no currency next to the figure; read as ${named[0]}, the currency the text names` }];
  if (contracts.includes('clt') || contracts.includes('pj')) return [{ currency: 'BRL', assumption: 'no currency stated; read as BRL because CLT/PJ are Brazilian contracts' }];
  // A figure with no currency in an English posting for a Latin American country could be either.
  if (country && (!hints.language || !country.language || hints.language === country.language)) {
    return [{ currency: country.currency, assumption: `no currency stated; read as ${country.currency}, the currency of ${iso2}` }];
  }
  return [];
}

function inferPeriod(usdMid: number, internship: boolean): Period | null {
  if (usdMid <= (internship ? 40 : 150)) return 'hour';
  // Between an hourly rate and a monthly salary: too small to be a job's monthly pay, too large an hourly rate.
  if (usdMid < 400 && !internship) return null;
  return usdMid < 20_000 ? 'month' : 'year';
}

function plausible(usd: number, period: Period, internship: boolean): boolean {
  const [floor, ceiling] = PLAUSIBLE_USD[period];
  return usd >= (internship ? (INTERNSHIP_FLOOR[period] ?? floor) : floor) && usd <= ceiling;
}

/** The text with non-breaking spaces and typographic dashes made plain, same length, NFC. */
function prepare(text: string): { original: string; folded: string } {
  const original = text
    .normalize('NFC')
    .replace(/[\u00a0\u2007\u2009\u202f]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
  return { original, folded: foldForMatching(original) };
}

function contractsIn(folded: string): ContractType[] {
  const found = new Set(findContracts(folded).map((c) => c.contract));
  // In a line about pay, "bolsa" alone is the internship stipend.
  if (/\bbolsa\b/.test(folded)) found.add('internship');
  return [...found];
}

function blankOut(folded: string, money: MoneyExpression[]): string {
  let out = folded;
  for (const m of money) out = out.slice(0, m.start) + ' '.repeat(m.end - m.start) + out.slice(m.end);
  return out;
}

/** Whether a figure can be pay at all: a bare number needs a pay word before it and must not be a year or a count. */
function candidate(folded: string, original: string, money: MoneyExpression, previousEnd: number): boolean {
  // Most bare numbers ("5 years", "200 people") have no pay word before them: they are passed over
  // without reading the benefit and finance words around them.
  if (money.mark === null && !payWordBefore(folded, money, previousEnd)) return false;
  const context = payContext(folded, money, previousEnd);
  if (context.excluded) return false;
  if (money.mark !== null) return true;
  return context.keyword && !NOT_MONEY_AFTER.test(folded.slice(money.end)) && !/^(?:19|20)\d\d$/.test(original.slice(money.start, money.end));
}

/**
 * A salary from a posting's salary field or the line of its description that states pay, in any
 * currency, period and number format the boards use in pt/es/en. Null when there is no figure, when
 * the figures are benefits, bonuses or company finances, or when no reading of the currency and
 * period is plausible: an unknown salary is better than a wrong one.
 */
export function parseSalary(text: string | null, hints: SalaryHints = {}, table: FxTable = defaultFxTable()): Salary | null {
  if (!text?.trim()) return null;
  const { original, folded } = prepare(text);
  const money = findMoney(folded, original);
  // No figure, no salary: the contracts and currencies the text names would serve none.
  if (money.length === 0) return null;
  const contracts = contractsIn(folded);
  const contract = contracts.length === 1 ? (contracts[0] ?? null) : null;
  const internship = contract === 'internship';
  const context: Context = { named: namedCurrencies(blankOut(folded, money)), contracts, hints };

  for (const [index, m] of money.entries()) {
    if (!candidate(folded, original, m, money[index - 1]?.end ?? 0)) continue;
    const stated = statedPeriod(folded, m, money[index + 1]?.start ?? folded.length);
    for (const reading of readings(m.mark, context)) {
      const usdMid = convert((m.min + m.max) / 2, reading.currency, 'USD', table);
      const period = stated?.period ?? inferPeriod(usdMid, internship);
      if (!period || !plausible(usdMid, period, internship)) continue;

      const assumptions = reading.assumption ? [reading.assumption] : [];
      if (!stated) assumptions.push(`period read as ${period} from the size of the figure`);
      if (m.bound === 'upper') assumptions.push('only an upper bound was stated; min and max are that bound');
      if (m.bound === 'lower') assumptions.push('only a lower bound was stated; min and max are that bound');
      if (contracts.length > 1) assumptions.push(`several contract types named (${contracts.join(', ')}); contract left unknown`);
      let perMonth = PER_MONTH[period];
      if (contract === 'clt') {
        assumptions.push('CLT: yearly pay is about 13.33 × the monthly salary (13th salary + 1/3 vacation bonus); monthly figures are nominal');
        if (period === 'year') {
          perMonth = 1 / CLT_YEAR_IN_MONTHS;
          assumptions.push('CLT yearly figure divided by 13.33 to get the nominal monthly salary');
        }
      }
      const monthly = (to: Currency) => ({
        min: Math.round(convert(m.min * perMonth, reading.currency, to, table)),
        max: Math.round(convert(m.max * perMonth, reading.currency, to, table)),
      });
      return {
        text: original.slice(m.start, Math.max(m.end, stated?.end ?? 0)).trim(),
        min: m.min,
        max: m.max,
        currency: reading.currency,
        period,
        gross: grossOrNet(folded),
        contract,
        usdMonth: monthly('USD'),
        brlMonth: monthly('BRL'),
        fxDate: table.date,
        assumptions,
      };
    }
  }
  return null;
}

// Lines, then sentences; a sentence ends at ".", "!" or "?" before a capital, never inside "7.000,50".
const SEGMENT = /\n+|(?<=[.!?])\s+(?=[\p{Lu}\p{Sc}¡¿"“])/u;
const LONGEST_EXCERPT = 240;

function excerpt(segment: string, start: number, end: number): string {
  if (segment.length <= LONGEST_EXCERPT) return segment;
  const from = segment.lastIndexOf(' ', Math.max(0, start - 100)) + 1;
  const to = segment.indexOf(' ', Math.min(segment.length, end + 80));
  return segment.slice(from, to === -1 ? undefined : to).trim();
}

/**
 * The line or sentence of a description that states pay ("Salário: R$ 8.000 a R$ 10.000 (CLT)",
 * "Compensation: $120k–$150k"), for parseSalary; null when none does. A figure introduced by a pay
 * word wins over one that only reads as a plausible salary.
 */
export function findSalaryText(description: string): string | null {
  let fallback: string | null = null;
  for (const raw of description.normalize('NFC').split(SEGMENT)) {
    // Every figure has an ASCII digit, and folding makes none: most lines are passed over here.
    if (!/\d/.test(raw)) continue;
    const segment = raw.replace(/^[\s•*·-]+/, '').trim();
    const { original, folded } = prepare(segment);
    const money = findMoney(folded, original);
    for (const [index, m] of money.entries()) {
      const previousEnd = money[index - 1]?.end ?? 0;
      if (!candidate(folded, original, m, previousEnd)) continue;
      if (payContext(folded, m, previousEnd).keyword) return excerpt(segment, m.start, m.end);
      if (fallback === null && parseSalary(segment) !== null) fallback = excerpt(segment, m.start, m.end);
    }
  }
  return fallback;
}
