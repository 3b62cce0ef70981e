import { describe, expect, it } from 'vitest';
import { parseUsdSalary } from './salary.js';

describe('parseUsdSalary', () => {
  it.each([
    ['$60k - $80k', 5833],
    ['$95,000 - $120,000', 8958],
    ['$110,000 - $140,000 USD/year', 10417],
    ['USD 4.500 - 6.000 / mes', 5250],
    ['USD 4,000 - 6,000 / month', 5000],
    ['$5,000–$6,500/month', 5750],
    ['US$ 90.000/year', 7500],
    ['$8,000', 8000],
    ['$4,000 - $6,000 US dollars per month', 5000],
    ['$3,500 per month, 2 years contract', 3500],
    ['$90,000 - $110,000, sometimes more with bonus', 8333],
  ])('%s → %i per month', (text, perMonth) => {
    expect(parseUsdSalary(text)?.usdPerMonth).toBe(perMonth);
  });

  it.each([['R$ 20.000 - R$ 26.000/mês (PJ)'], ['BRL 12.000'], ['€60k - €75k'], ['MXN 55,000 - 70,000 mensuales brutos'], ['Competitive'], [''], [null]])(
    '%s → null',
    (text) => {
      expect(parseUsdSalary(text)).toBeNull();
    },
  );
});
