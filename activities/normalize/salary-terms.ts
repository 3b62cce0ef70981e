import { allMatches } from './all-matches.js';
import type { Currency } from './fx.js';
import type { MoneyExpression } from './salary-amounts.js';
import type { Period } from './salary.js';

// Everything here runs on foldForMatching output: lower case, no accents ("mês" is "mes", "año" is "ano").

const PERIOD_PATTERNS: [Period, RegExp][] = [
  ['hour', /\/\s?(?:h|hr|hrs|hour|hora)(?![\p{L}])|\b(?:per|an|a|por|la|x|each)\s(?:hour|hora|hr)\b|\bhourly\b|\bvalor[\s/-]?hora\b/gu],
  ['day', /\/\s?(?:dia|day)(?![\p{L}])|\b(?:per|a|por|al|x|each)\s(?:day|dia)\b|\bdaily\b|\bdiarias?\b|\bday rate\b/gu],
  ['week', /\/\s?(?:semana|week|wk)(?![\p{L}])|\b(?:per|a|por|x|each|la)\s(?:week|semana)\b|\bweekly\b|\bsemana(?:l|is|les)\b/gu],
  ['month', /\/\s?(?:mes|month|mo|m)(?![\p{L}])|(?:\b(?:per|a|por|ao|al|x|each)\s|\bp\/\s?)(?:month|mes)\b|\bmonthly\b|\bmensa(?:l|is|lmente)\b|\bmensual(?:es|mente)?\b/gu],
  ['year', /\/\s?(?:ano|year|yr)(?![\p{L}])|\b(?:per|a|por|ao|al|x|each)\s(?:year|ano|annum)\b|\bp\.a\.|\bannual(?:ly)?\b|\banua(?:l|is|les)\b|\byearly\b/gu],
];

interface PeriodMention {
  period: Period;
  start: number;
  end: number;
}

// "40h/semana", "20 horas semanais": the period of a workload, not of pay.
const WORKLOAD = /\d\s?(?:h|hrs?|horas?|hours?)\s?$/;

function periodMentions(folded: string): PeriodMention[] {
  return PERIOD_PATTERNS.flatMap(([period, pattern]) => allMatches(pattern, folded).map((m) => ({ period, start: m.index, end: m.index + m[0].length })))
    .filter((m) => !WORKLOAD.test(folded.slice(Math.max(0, m.start - 10), m.start)))
    .sort((a, b) => a.start - b.start);
}

/**
 * The pay period stated for one figure: the words right after it ("/mês", "per year"), else the
 * words leading up to it ("Salário mensal:"), else the only kind of period the text names at all.
 */
export function statedPeriod(folded: string, money: MoneyExpression, nextStart: number): { period: Period; end: number } | null {
  const all = periodMentions(folded);
  // Not past a sentence end or another number: in "R$ 8.000, 40h/semana" the week is the hours'.
  const after = all.find((m) => m.start >= money.end && m.start - money.end <= 24 && m.start < nextStart && !/[.;\n]\s|\d/.test(folded.slice(money.end, m.start)));
  if (after) return { period: after.period, end: after.end };
  const clauseStart = Math.max(0, money.start - 48);
  const before = all.filter((m) => m.start >= clauseStart && m.end <= money.start && !/[.;\n]\s/.test(folded.slice(m.end, money.start))).pop();
  if (before) return { period: before.period, end: money.end };
  const only = all[0];
  return only && all.every((m) => m.period === only.period) ? { period: only.period, end: money.end } : null;
}

/** "bruto"/"gross" → true, "líquido"/"neto"/"net" → false; null when unsaid or both are said. */
export function grossOrNet(folded: string): boolean | null {
  const gross = /\b(?:brut[oa]s?|gross|pre-?tax|antes de (?:impostos|impuestos))\b/.test(folded);
  // ".NET" is a skill, not take-home pay.
  const net = /\b(?:liquid[oa]s?|net[oa]s?|after[- ]tax(?:es)?|despues de impuestos|en mano)\b|(?<![.\p{L}])net(?![\p{L}])/u.test(folded);
  return gross === net ? null : gross;
}

const SALARY_WORDS =
  /\b(?:salari(?:o|os|al|es)|salary|salaries|remuneraca?o|remuneracion|remuneration|sueldos?|compensation|comp|pay|pays|paying|paid|pag(?:a|amos|o|amento)|wages?|rate|bolsa|pretensao|faixa|rango|banda|ote|base|renda|honorarios|tarifa|ingreso mensual)\b/g;

const BENEFIT_WORDS =
  /\b(?:vales?|vr|va|vt|(?<!bolsa[- ])auxilios?|ajuda de custo|beneficios?|benefits?|bonus|bonos?|bonificaca?o|bonificacion|plr|ppr|participacao nos lucros|(?<!intern |internship )stipends?|allowances?|budget|reembolso|reimbursement|gympass|wellhub|totalpass|seguro|plano de saude|cesta|alimentacao|refeicao|despensa|aguinaldo|prima|equity|stock|rsus?|options|signing|relocation|per diem|comisso?(?:es|ao)|commissions?|comision(?:es)?|gratificacao|alelo|sodexo|caju|swile|coworking|internet|cursos?|learning|education|educacao|wellness|gym|academia|premios?|prizes?|awards?|referral|indicacao)\b/g;

const FINANCE_WORDS =
  /\b(?:faturamento|faturou|faturamos|receitas?|revenues?|arr|mrr|gmv|tpv|raised|raise|raising|captou|captamos|captacao|captados?|levantou|levantamos|levanto|rodada|seed|funding|funded|investimentos?|investments?|investors|investidores|inversion(?:es|istas)?|valuation|valued|avaliada|valuada|valorada|valor de mercado|facturacion|facturamos|ingresos|recaudo|recaudamos|financiamiento|financiacion|aum|transacionad[oa]s|transacionamos|transacciones|processed|processamos|procesamos|movimenta|movimentou|movimentamos|emprestimos|prestamos|loans|market cap|series? [a-e]|serie [a-e])\b/g;

function lastWord(pattern: RegExp, text: string): number {
  return Math.max(-1, ...allMatches(pattern, text).map((m) => m.index));
}

/** The words before a figure that speak of it: at most 60 characters, back to the previous figure or the clause's start. */
function clauseBefore(folded: string, money: MoneyExpression, previousEnd: number): string {
  const windowStart = Math.max(previousEnd, money.start - 60, 0);
  const window = folded.slice(windowStart, money.start);
  return window.slice(Math.max(0, ...allMatches(/[;\n|•]|\.\s/g, window).map((m) => m.index + m[0].length)));
}

/** Whether a pay word stands before a figure in its clause: without one, payContext's `keyword` is false. */
export function payWordBefore(folded: string, money: MoneyExpression, previousEnd: number): boolean {
  return lastWord(SALARY_WORDS, clauseBefore(folded, money, previousEnd)) >= 0;
}

/**
 * Whether a figure is pay rather than a benefit, a bonus or a company's money: the last such word
 * before it in the clause decides, and a benefit or finance word right after it ("R$ 1.200 de VR",
 * "$20M in funding") rules it out. `keyword` says whether a pay word introduced it.
 */
export function payContext(folded: string, money: MoneyExpression, previousEnd: number): { excluded: boolean; keyword: boolean } {
  const clause = clauseBefore(folded, money, previousEnd);
  const salary = lastWord(SALARY_WORDS, clause);
  const other = Math.max(lastWord(BENEFIT_WORDS, clause), lastWord(FINANCE_WORDS, clause));
  const rest = folded.slice(money.end, money.end + 40);
  const following = rest.slice(0, rest.search(/[,;.+()|\n]|\b(?:plus|mais|mas|e|y|and|with|com|con)\b|$/));
  const excluded = other > salary || following.search(BENEFIT_WORDS) >= 0 || following.search(FINANCE_WORDS) >= 0;
  return { excluded, keyword: salary > other };
}

/** Words after a bare number that make it a count or a duration, not money. */
export const NOT_MONEY_AFTER =
  /^\s?(?:\+\s?)?(?:anos|years?|yrs|meses|months?|semanas|weeks?|dias|days?|horas|hours?|h\b|%|pessoas|people|funcionarios|colaboradores|employees|empleados|personas|clientes|customers|clients|usuarios|users|paises|countries|vagas|positions|projetos|projects|proyectos)/;

export interface CountryCurrency {
  currency: Currency;
  /** The language postings from there are written in, when there is one. */
  language: 'pt' | 'es' | 'en' | null;
  /** Writes its own currency with a bare "$". */
  dollarSign: boolean;
}

const EURO_COUNTRIES = ['DE', 'FR', 'IT', 'NL', 'BE', 'AT', 'FI', 'GR', 'LU', 'EE', 'LV', 'LT', 'SK', 'SI', 'MT', 'CY', 'HR'];

const COUNTRIES: Record<string, CountryCurrency> = {
  BR: { currency: 'BRL', language: 'pt', dollarSign: false },
  MX: { currency: 'MXN', language: 'es', dollarSign: true },
  AR: { currency: 'ARS', language: 'es', dollarSign: true },
  CO: { currency: 'COP', language: 'es', dollarSign: true },
  CL: { currency: 'CLP', language: 'es', dollarSign: true },
  UY: { currency: 'UYU', language: 'es', dollarSign: true },
  PE: { currency: 'PEN', language: 'es', dollarSign: false },
  US: { currency: 'USD', language: 'en', dollarSign: true },
  CA: { currency: 'CAD', language: 'en', dollarSign: false },
  GB: { currency: 'GBP', language: 'en', dollarSign: false },
  ES: { currency: 'EUR', language: 'es', dollarSign: false },
  PT: { currency: 'EUR', language: 'pt', dollarSign: false },
  IE: { currency: 'EUR', language: 'en', dollarSign: false },
  ...Object.fromEntries(EURO_COUNTRIES.map((iso2) => [iso2, { currency: 'EUR', language: null, dollarSign: false }])),
};

export function countryCurrency(iso2: string | null | undefined): CountryCurrency | null {
  return iso2 ? (COUNTRIES[iso2.toUpperCase()] ?? null) : null;
}

const NAMED_CURRENCIES: [Currency, RegExp][] = [
  ['USD', /\b(?:usd|dolares|dollars?|dolar)\b/],
  ['BRL', /\b(?:brl|reais)\b/],
  ['EUR', /\b(?:eur|euros?)\b/],
  ['GBP', /\b(?:gbp|libras|pounds)\b/],
  ['CAD', /\bcad\b/],
  ['MXN', /\b(?:mxn|pesos mexicanos)\b/],
  ['ARS', /\b(?:ars|pesos argentinos)\b/],
  ['COP', /\b(?:cop|pesos colombianos)\b/],
  ['CLP', /\b(?:clp|pesos chilenos)\b/],
  ['UYU', /\b(?:uyu|pesos uruguayos)\b/],
  ['PEN', /\b(?:pen|soles)\b/],
];

/** Currencies the text names outside its figures ("pago en USD", "em dólares"). */
export function namedCurrencies(foldedWithoutFigures: string): Currency[] {
  return NAMED_CURRENCIES.filter(([, pattern]) => pattern.test(foldedWithoutFigures)).map(([currency]) => currency);
}
