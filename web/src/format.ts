// Numbers, money and dates in the reader's locale, always through Intl.
export type Currency = 'BRL' | 'USD';

export interface Format {
  number(value: number, maxDigits?: number): string;
  percent(fraction: number): string;
  money(amount: number, currency: string): string;
  moneyRange(min: number | null, max: number | null, currency: string): string | null;
  date(iso: string): string;
  dateTime(iso: string): string;
  /** "3 days ago", "in 2 hours". */
  relative(iso: string, now?: number): string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** DuckDB renders timestamps as "2026-05-01 12:00:00+00"; Date wants a "T" between date and time. */
export function parseTimestamp(iso: string): Date {
  return new Date(iso.includes('T') ? iso : iso.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

export function createFormat(locale: string): Format {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  // A calendar day ("2026-12-01") is the same day everywhere: read and shown in UTC, never shifted a day by the reader's zone.
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const money = (amount: number, currency: string) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  return {
    number: (value, maxDigits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(value),
    percent: (fraction) => percent.format(fraction),
    money,
    moneyRange(min, max, currency) {
      if (min === null && max === null) return null;
      if (min === null || max === null || min === max) return money((min ?? max) as number, currency);
      return `${money(min, currency)} – ${money(max, currency)}`;
    },
    date: (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? day.format(new Date(`${iso}T00:00:00Z`)) : date.format(parseTimestamp(iso))),
    dateTime: (iso) => dateTime.format(parseTimestamp(iso)),
    relative(iso, now = Date.now()) {
      const diff = parseTimestamp(iso).getTime() - now;
      const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? ['minute', 60_000];
      return relative.format(Math.round(diff / ms), unit);
    },
  };
}
