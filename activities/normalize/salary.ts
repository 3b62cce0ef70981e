export interface ParsedSalary {
  usdPerMonth: number;
  text: string;
}

// "$60k - $80k", "USD 4,000 - 6,000 / month", "US$ 90.000/year". Other currencies come with the
// normalize issue's currency table; until then they stay as text and count as unknown.
const USD = /(?:us\$|usd|\$)\s*(\d{1,3}(?:[.,]\d{3})*|\d+)(\s*k)?(?:\s*(?:-|–|to|a)\s*(?:us\$|usd|\$)?\s*(\d{1,3}(?:[.,]\d{3})*|\d+)(\s*k)?)?/i;

function amount(digits: string, thousands: string | undefined): number {
  const value = Number(digits.replace(/[.,]/g, ''));
  return thousands ? value * 1000 : value;
}

/** The midpoint of a USD salary range per month; annual figures (over 20k) are divided by 12. */
export function parseUsdSalary(text: string | null): ParsedSalary | null {
  if (!text || /r\$|€|\b(brl|eur|mxn|ars|cop|clp)\b/i.test(text)) return null;
  const match = USD.exec(text);
  if (!match?.[1]) return null;
  const low = amount(match[1], match[2]);
  const high = match[3] ? amount(match[3], match[4] ?? match[2]) : low;
  if (!Number.isFinite(low) || low <= 0 || high < low) return null;
  const mid = (low + high) / 2;
  const monthly = /\b(month|monthly|mes|mensal|mensual|mensuales)\b|mês|\/mo\b/i.test(text) || mid < 20_000 ? mid : mid / 12;
  return { usdPerMonth: Math.round(monthly), text: match[0] };
}
