import { describe, expect, it } from 'vitest';
import { defaultFxTable, type FxTable } from './fx.js';
import { parseNumber } from './salary-amounts.js';
import { findSalaryText, parseSalary, type ContractType, type Currency, type Period, type SalaryHints } from './salary.js';

// Round numbers, so the monthly conversions below can be checked by hand.
const table: FxTable = {
  date: '2026-01-15',
  base: 'USD',
  source: 'test',
  note: 'test',
  rates: { USD: 1, BRL: 5, EUR: 0.8, GBP: 0.8, CAD: 1.25, MXN: 20, COP: 4000, CLP: 1000, ARS: 1000, PEN: 4, UYU: 40 },
};

const BR: SalaryHints = { countryIso2: 'BR', language: 'pt' };
const MX: SalaryHints = { countryIso2: 'MX', language: 'es' };
const AR: SalaryHints = { countryIso2: 'AR', language: 'es' };
const CO: SalaryHints = { countryIso2: 'CO', language: 'es' };
const CL: SalaryHints = { countryIso2: 'CL', language: 'es' };
const UY: SalaryHints = { countryIso2: 'UY', language: 'es' };

describe('parseSalary: amounts, currencies and periods', () => {
  it.each<[string, SalaryHints, number, number, Currency, Period]>([
    // Board salary fields as they come, USD
    ['$60k - $80k', {}, 60_000, 80_000, 'USD', 'year'],
    ['$95,000 - $120,000', {}, 95_000, 120_000, 'USD', 'year'],
    ['$110,000 - $140,000 USD/year', {}, 110_000, 140_000, 'USD', 'year'],
    ['USD 4.500 - 6.000 / mes', {}, 4_500, 6_000, 'USD', 'month'],
    ['USD 4,000 - 6,000 / month', {}, 4_000, 6_000, 'USD', 'month'],
    ['$5,000–$6,500/month', {}, 5_000, 6_500, 'USD', 'month'],
    ['US$ 90.000/year', {}, 90_000, 90_000, 'USD', 'year'],
    ['$8,000', {}, 8_000, 8_000, 'USD', 'month'],
    ['$4,000 - $6,000 US dollars per month', {}, 4_000, 6_000, 'USD', 'month'],
    ['$3,500 per month, 2 years contract', {}, 3_500, 3_500, 'USD', 'month'],
    ['$120-150k', {}, 120_000, 150_000, 'USD', 'year'],
    ['$3.5k-$4.5k/mo', {}, 3_500, 4_500, 'USD', 'month'],
    ['12.5k USD/month', {}, 12_500, 12_500, 'USD', 'month'],
    ['USD 4.5k', {}, 4_500, 4_500, 'USD', 'month'],
    ['USD $3,000/mo', {}, 3_000, 3_000, 'USD', 'month'],
    ['U$S 2.500 mensuales', AR, 2_500, 2_500, 'USD', 'month'],
    ['USD 2k-3k por mes', {}, 2_000, 3_000, 'USD', 'month'],
    ['USD 60.000 anuales', {}, 60_000, 60_000, 'USD', 'year'],
    ['$85k/yr', {}, 85_000, 85_000, 'USD', 'year'],
    ['Between $100,000 and $120,000 per annum', {}, 100_000, 120_000, 'USD', 'year'],
    ['$140k to $180k a year + equity', {}, 140_000, 180_000, 'USD', 'year'],
    ['Salary range: 4,000–5,500 USD monthly, paid via Deel', {}, 4_000, 5_500, 'USD', 'month'],
    ['$50/hr', {}, 50, 50, 'USD', 'hour'],
    ['$30 - $45 USD x hora', {}, 30, 45, 'USD', 'hour'],
    ['Freelance: $40-60/h', {}, 40, 60, 'USD', 'hour'],
    ['USD 1,200 per week', {}, 1_200, 1_200, 'USD', 'week'],
    ['$600 a day, 3-month engagement', {}, 600, 600, 'USD', 'day'],
    ['$75 hourly', {}, 75, 75, 'USD', 'hour'],
    ['Pago en dólares: US$ 3.000 a US$ 4.000 mensuales', MX, 3_000, 4_000, 'USD', 'month'],
    // BRL
    ['R$ 20.000 - R$ 26.000/mês (PJ)', {}, 20_000, 26_000, 'BRL', 'month'],
    ['R$ 12.000 - R$ 15.000/mês', {}, 12_000, 15_000, 'BRL', 'month'],
    ['R$ 14k - R$ 18k CLT + benefícios', {}, 14_000, 18_000, 'BRL', 'month'],
    ['R$ 7.000,50', {}, 7_000.5, 7_000.5, 'BRL', 'month'],
    ['R$ 8 mil', {}, 8_000, 8_000, 'BRL', 'month'],
    ['8 mil reais por mês', {}, 8_000, 8_000, 'BRL', 'month'],
    ['R$ 10 a 12 mil', {}, 10_000, 12_000, 'BRL', 'month'],
    ['de R$ 20 mil a R$ 26 mil por mês', {}, 20_000, 26_000, 'BRL', 'month'],
    ['CLT, salário entre R$ 14 mil e R$ 18 mil, PLR e plano de saúde', {}, 14_000, 18_000, 'BRL', 'month'],
    ['Salário: R$ 8.000 a R$ 10.000 (CLT)', {}, 8_000, 10_000, 'BRL', 'month'],
    ['R$ 5.000,00 até R$ 7.000,00 brutos', {}, 5_000, 7_000, 'BRL', 'month'],
    ['R$ 20.000,00/mês', {}, 20_000, 20_000, 'BRL', 'month'],
    ['BRL 12.000', {}, 12_000, 12_000, 'BRL', 'month'],
    ['R$ 150 por hora', {}, 150, 150, 'BRL', 'hour'],
    ['R$ 80/hora PJ', {}, 80, 80, 'BRL', 'hour'],
    ['Diária de R$ 900', {}, 900, 900, 'BRL', 'day'],
    ['R$ 180.000 por ano', {}, 180_000, 180_000, 'BRL', 'year'],
    ['R$ 1.234.567 ao ano', {}, 1_234_567, 1_234_567, 'BRL', 'year'],
    ['Salário: 8.000 a 10.000 (CLT)', {}, 8_000, 10_000, 'BRL', 'month'],
    ['Remuneração mensal: 9.500', BR, 9_500, 9_500, 'BRL', 'month'],
    ['Bolsa-auxílio: R$ 2.000', {}, 2_000, 2_000, 'BRL', 'month'],
    ['Estágio: bolsa de R$ 1.800 + VT', {}, 1_800, 1_800, 'BRL', 'month'],
    // Spanish-speaking LATAM
    ['MXN 55,000 - 70,000 mensuales brutos', {}, 55_000, 70_000, 'MXN', 'month'],
    ['$45,000 mensuales', MX, 45_000, 45_000, 'MXN', 'month'],
    ['Rango salarial: $35.000 - $45.000 netos', MX, 35_000, 45_000, 'MXN', 'month'],
    ['Sueldo: 45 mil pesos mensuales', MX, 45_000, 45_000, 'MXN', 'month'],
    ['Pasantía: $8,000 MXN mensuales', {}, 8_000, 8_000, 'MXN', 'month'],
    ['MX$ 600,000 anuales', {}, 600_000, 600_000, 'MXN', 'year'],
    ['CLP 2.400.000 - 3.000.000 líquidos mensuales', {}, 2_400_000, 3_000_000, 'CLP', 'month'],
    ['$ 3,5 millones líquidos', CL, 3_500_000, 3_500_000, 'CLP', 'month'],
    ['Sueldo bruto mensual: 3.500.000 CLP', {}, 3_500_000, 3_500_000, 'CLP', 'month'],
    ['COP 14.000.000 - 18.000.000 mensuales', {}, 14_000_000, 18_000_000, 'COP', 'month'],
    ['COP 8 millones mensuales', {}, 8_000_000, 8_000_000, 'COP', 'month'],
    ['$ 8.000.000', CO, 8_000_000, 8_000_000, 'COP', 'month'],
    ['ARS 1.800.000 netos por mes', {}, 1_800_000, 1_800_000, 'ARS', 'month'],
    ['AR$ 2,5 millones', {}, 2_500_000, 2_500_000, 'ARS', 'month'],
    ['$2.500.000 brutos mensuales', AR, 2_500_000, 2_500_000, 'ARS', 'month'],
    ['S/ 8,000 mensuales', {}, 8_000, 8_000, 'PEN', 'month'],
    ['S/. 9.500 a S/. 12.000', {}, 9_500, 12_000, 'PEN', 'month'],
    ['$U 90.000', {}, 90_000, 90_000, 'UYU', 'month'],
    ['$ 120.000 nominales por mes', UY, 120_000, 120_000, 'UYU', 'month'],
    // Europe and Canada
    ['€60k - €75k', {}, 60_000, 75_000, 'EUR', 'year'],
    ['70.000 € brutos anuales', {}, 70_000, 70_000, 'EUR', 'year'],
    ['45.000 - 55.000 € al año', {}, 45_000, 55_000, 'EUR', 'year'],
    ['€ 4.000 netos/mes', {}, 4_000, 4_000, 'EUR', 'month'],
    ['€500/day', {}, 500, 500, 'EUR', 'day'],
    ['£50,000', {}, 50_000, 50_000, 'GBP', 'year'],
    ['GBP 400 per day, outside IR35', {}, 400, 400, 'GBP', 'day'],
    ['CA$ 120,000', {}, 120_000, 120_000, 'CAD', 'year'],
    ['CAD 95,000 - 110,000', {}, 95_000, 110_000, 'CAD', 'year'],
  ])('%s %o → %d–%d %s per %s', (text, hints, min, max, currency, period) => {
    const salary = parseSalary(text, hints);
    expect(salary).toMatchObject({ min, max, currency, period });
  });
});

describe('parseSalary: "$" and bare figures resolved by context', () => {
  it.each<[string, SalaryHints, Currency, string]>([
    ['$5,000/month', {}, 'USD', '"$" read as USD: no currency code'],
    ['$5,000/month', BR, 'USD', '"$" read as USD: no currency code'],
    ['$45,000 al mes', MX, 'MXN', '"$" read as MXN, the currency of MX'],
    ['$2.000.000 por mes', AR, 'ARS', '"$" read as ARS, the currency of AR'],
    ['$ 9.000.000 mensuales', CO, 'COP', '"$" read as COP, the currency of CO'],
    ['$2.800.000 líquidos', CL, 'CLP', '"$" read as CLP, the currency of CL'],
    ['$ 95.000 por mes', UY, 'UYU', '"$" read as UYU, the currency of UY'],
    // Dollars in pesos countries: too small to be a peso salary, so a USD one.
    ['$3.000 mensuales', AR, 'USD', '"$" read as USD: the figure is implausible in ARS'],
    ['$3,000', CO, 'USD', '"$" read as USD: the figure is implausible in COP'],
    // An English posting for a peso country: dollars first.
    ['$60k-$80k', { countryIso2: 'MX', language: 'en' }, 'USD', '"$" read as USD: English posting'],
    ['$1.500.000 per month', { countryIso2: 'CL', language: 'en' }, 'CLP', '"$" read as CLP (CL): the figure is implausible in USD'],
    // The text names the currency elsewhere.
    ['Pago en USD: $4,000 mensuales', MX, 'USD', '"$" read as USD, the currency the text names'],
    ['$ 50,000 al mes (pesos mexicanos)', {}, 'MXN', '"$" read as MXN, the currency the text names'],
    ['Salário: 8.000 a 10.000 (CLT)', {}, 'BRL', 'read as BRL because CLT/PJ are Brazilian contracts'],
    ['Remuneração mensal: 9.500', BR, 'BRL', 'read as BRL, the currency of BR'],
    ['Sueldo: 40 mil pesos', MX, 'MXN', '"pesos" read as MXN, the currency of MX'],
  ])('%s %o → %s', (text, hints, currency, assumption) => {
    const salary = parseSalary(text, hints);
    expect(salary?.currency).toBe(currency);
    expect(salary?.assumptions.some((a) => a.includes(assumption))).toBe(true);
  });

  it('assumes nothing about a currency that is written out', () => {
    for (const text of ['R$ 12.000/mês', 'USD 4,000 per month', 'MXN 55,000 mensuales', '€ 4.000 netos/mes']) {
      expect(parseSalary(text, MX)?.assumptions).toEqual([]);
    }
  });

  it('says "unknown" rather than guess a bare figure or an unplaced peso', () => {
    expect(parseSalary('Salary: 5000 per month')).toBeNull();
    expect(parseSalary('Salario: 120k-150k')).toBeNull();
    expect(parseSalary('Salary: 5000 per month', { countryIso2: 'BR', language: 'en' })).toBeNull();
    expect(parseSalary('45 mil pesos mensuales')).toBeNull();
    expect(parseSalary('$3.000.000 mensuales')).toBeNull();
  });
});

describe('parseSalary: period inferred from magnitude', () => {
  it.each<[string, Period]>([
    ['$45', 'hour'],
    ['R$ 120', 'hour'],
    ['$6,000', 'month'],
    ['R$ 15.000', 'month'],
    ['MXN 60,000', 'month'],
    ['COP 12.000.000', 'month'],
    ['$90,000', 'year'],
    ['R$ 240.000', 'year'],
    ['€65k', 'year'],
  ])('%s → %s, recorded as an assumption', (text, period) => {
    const salary = parseSalary(text);
    expect(salary?.period).toBe(period);
    expect(salary?.assumptions).toContain(`period read as ${period} from the size of the figure`);
  });

  it('leaves the period unknown between an hourly rate and a monthly salary, unless it is an internship', () => {
    expect(parseSalary('R$ 1.500')).toBeNull();
    expect(parseSalary('Bolsa: R$ 1.500')?.period).toBe('month');
  });
});

describe('parseSalary: gross, net and contract', () => {
  it.each<[string, boolean | null]>([
    ['R$ 10.000 bruto', true],
    ['R$ 10.000 brutos mensais (CLT)', true],
    ['MXN 55,000 mensuales brutos', true],
    ['€60k–€75k gross per year', true],
    ['$100k pre-tax', true],
    ['R$ 7.500 líquido (PJ)', false],
    ['CLP 2.400.000 líquidos', false],
    ['$35.000 netos', false],
    ['USD 4,000 net per month', false],
    ['$120k, .NET and C# stack', null],
    ['R$ 12.000/mês', null],
    ['R$ 10.000 bruto (R$ 7.800 líquido)', null],
  ])('%s → gross %s', (text, gross) => {
    expect(parseSalary(text, MX)?.gross).toBe(gross);
  });

  it.each<[string, ContractType | null]>([
    ['R$ 12.000/mês CLT', 'clt'],
    ['R$ 12.000 (carteira assinada)', 'clt'],
    ['PJ: R$ 22.000 - R$ 28.000/mês', 'pj'],
    ['R$ 80/hora como Pessoa Jurídica', 'pj'],
    ['USD 5k/month as an independent contractor', 'contractor'],
    ['USD 3.000 mensuales, contratista', 'contractor'],
    ['USD 2.500 mensuales (monotributo)', 'contractor'],
    ['Freelance: $40-60/h', 'freelance'],
    ['$50/hr for freelancers', 'freelance'],
    ['Estágio: bolsa de R$ 1.800', 'internship'],
    ['Bolsa: R$ 2.200', 'internship'],
    ['Pasantía rentada: $ 600.000 mensuales', 'internship'],
    ['Internship stipend $1,500/month', 'internship'],
    ['R$ 12.000 bruto CLT ou R$ 15.000 PJ', null],
    ['$120k-$150k', null],
  ])('%s → contract %s', (text, contract) => {
    expect(parseSalary(text, AR)?.contract).toBe(contract);
  });

  it('names both contracts when the text offers two', () => {
    expect(parseSalary('R$ 12.000 bruto CLT ou R$ 15.000 PJ')?.assumptions).toContain('several contract types named (clt, pj); contract left unknown');
  });
});

describe('parseSalary: monthly USD and BRL', () => {
  it.each<[string, { min: number; max: number }, { min: number; max: number }]>([
    ['USD 4,000 - 6,000 / month', { min: 4_000, max: 6_000 }, { min: 20_000, max: 30_000 }],
    ['$120,000 per year', { min: 10_000, max: 10_000 }, { min: 50_000, max: 50_000 }],
    ['R$ 12.000 - R$ 15.000/mês', { min: 2_400, max: 3_000 }, { min: 12_000, max: 15_000 }],
    ['$50/hour', { min: 8_400, max: 8_400 }, { min: 42_000, max: 42_000 }],
    ['€500/day', { min: 13_125, max: 13_125 }, { min: 65_625, max: 65_625 }],
    ['USD 1,000 per week', { min: 4_330, max: 4_330 }, { min: 21_650, max: 21_650 }],
    ['MXN 60,000 mensuales', { min: 3_000, max: 3_000 }, { min: 15_000, max: 15_000 }],
    ['COP 12.000.000 - 16.000.000 mensuales', { min: 3_000, max: 4_000 }, { min: 15_000, max: 20_000 }],
    ['€60k - €72k per year', { min: 6_250, max: 7_500 }, { min: 31_250, max: 37_500 }],
  ])('%s → USD %o, BRL %o', (text, usdMonth, brlMonth) => {
    expect(parseSalary(text, {}, table)).toMatchObject({ usdMonth, brlMonth, fxDate: '2026-01-15' });
  });

  it('keeps CLT monthly pay nominal and notes the 13th salary and vacation third', () => {
    const salary = parseSalary('R$ 10.000/mês CLT', {}, table);
    expect(salary?.brlMonth).toEqual({ min: 10_000, max: 10_000 });
    expect(salary?.assumptions.some((a) => a.startsWith('CLT: yearly pay is about 13.33 × the monthly salary'))).toBe(true);
  });

  it('turns a CLT yearly figure into the nominal monthly salary it implies', () => {
    const salary = parseSalary('R$ 200.000 por ano, CLT', {}, table);
    expect(salary?.brlMonth).toEqual({ min: 15_000, max: 15_000 });
    expect(salary?.assumptions).toContain('CLT yearly figure divided by 13.33 to get the nominal monthly salary');
  });

  it('converts with the shipped table unless given another, and says which', () => {
    expect(parseSalary('$5,000/month')?.fxDate).toBe(defaultFxTable().date);
    expect(parseSalary('$5,000/month', {}, table)?.fxDate).toBe('2026-01-15');
  });
});

describe('parseSalary: evidence and bounds', () => {
  it.each<[string, string]>([
    ['PJ: R$ 22.000 - R$ 28.000/mês', 'R$ 22.000 - R$ 28.000/mês'],
    ['Salário: R$ 8.000 a R$ 10.000 (CLT)', 'R$ 8.000 a R$ 10.000'],
    ['Compensation: $120k–$150k + equity', '$120k-$150k'],
    ['Rango salarial: MXN 40,000 a 50,000 mensuales brutos', 'MXN 40,000 a 50,000 mensuales'],
    ['Salário: R$ 10.000 + R$ 1.200 de VR', 'R$ 10.000'],
  ])('%s → "%s"', (text, evidence) => {
    expect(parseSalary(text)?.text).toBe(evidence);
  });

  it.each<[string, string]>([
    ['até R$ 10.000', 'only an upper bound was stated'],
    ['up to $150k', 'only an upper bound was stated'],
    ['hasta USD 4,000 mensuales', 'only an upper bound was stated'],
    ['a partir de R$ 12 mil', 'only a lower bound was stated'],
    ['$150k+', 'only a lower bound was stated'],
    ['from USD 3,000 per month', 'only a lower bound was stated'],
  ])('%s → %s', (text, assumption) => {
    const salary = parseSalary(text);
    expect(salary?.min).toBe(salary?.max);
    expect(salary?.assumptions.some((a) => a.startsWith(assumption))).toBe(true);
  });
});

describe('parseSalary: not a salary', () => {
  it.each([
    [null],
    [''],
    ['a combinar'],
    ['Salário a combinar'],
    ['Remuneración a convenir'],
    ['Competitive'],
    ['Competitive salary + equity'],
    ['Sueldo competitivo en USD'],
    ['Salário compatível com o mercado'],
    ['vale-refeição R$ 1.200'],
    ['VR/VA de R$ 1.000 por mês'],
    ['Vale-alimentação: R$ 1.100 (cartão Caju)'],
    ['auxílio home office R$ 150'],
    ['Auxílio home office de R$ 250/mês'],
    ['Gympass, seguro de vida e auxílio creche de R$ 500'],
    ['PLR de até R$ 20.000'],
    ['Bônus anual de até 3 salários'],
    ['Home office stipend: $500'],
    ['Learning budget of $1,500 per year'],
    ['Signing bonus of $10,000'],
    ['$2,000 referral bonus'],
    ['$300 per month internet allowance'],
    ['Aguinaldo de $ 30.000'],
    ['faturamento de R$ 50 milhões'],
    ['Empresa com faturamento anual de R$ 200 milhões'],
    ['R$ 50 mi de faturamento'],
    ['raised $20M'],
    ['Captamos US$ 15 milhões em rodada Série B'],
    ['Recaudamos USD 10M en nuestra Serie A'],
    ['Over $1B in transactions processed'],
    ['ARR de US$ 30 milhões'],
    ['Time de 120 pessoas em 8 países'],
    ['Temos mais de 2.000 clientes'],
    ['2024'],
    ['Fundada em 2019'],
    ['10+ anos de experiência'],
    ['Salário: a combinar (2 a 5 anos de experiência)'],
    ['Python 3.10, Spark 3.5'],
    ['R$ 300/mês'],
    ['USD 2.500.000 mensuales'],
  ])('%s → null', (text) => {
    expect(parseSalary(text, BR)).toBeNull();
  });
});

describe('parseNumber', () => {
  it.each<[string, number | null]>([
    ['7.000,50', 7000.5],
    ['120,000', 120_000],
    ['120,000.00', 120_000],
    ['1.234.567', 1_234_567],
    ['1,234,567', 1_234_567],
    ['12.5', 12.5],
    ['2,5', 2.5],
    ['4.500', 4_500],
    ['8000', 8_000],
    ['1.2345', null],
    ['12.34.5', null],
    ['1.234,567', null],
    ['1,234.567.8', null],
    ['12345.678', null],
  ])('%s → %s', (digits, value) => {
    expect(parseNumber(digits)?.value ?? null).toBe(value);
  });
});

describe('findSalaryText', () => {
  it.each<[string, string | null]>([
    [
      'Somos uma fintech de crédito.\nContratação: CLT, R$ 12.000 a R$ 15.000/mês + vale-refeição, plano de saúde e auxílio home office. Venha!',
      'Contratação: CLT, R$ 12.000 a R$ 15.000/mês + vale-refeição, plano de saúde e auxílio home office.',
    ],
    ['Benefícios:\n- Vale-refeição R$ 1.200\n- Salário: R$ 8.000 a R$ 10.000 (CLT)\n- Gympass', 'Salário: R$ 8.000 a R$ 10.000 (CLT)'],
    ['Oferecemos auxílio home office de R$ 250/mês. Modelo PJ, de R$ 20 mil a R$ 26 mil por mês.', 'Modelo PJ, de R$ 20 mil a R$ 26 mil por mês.'],
    ['Rango salarial: MXN 40,000 a 50,000 mensuales brutos.\nPrestaciones superiores a las de ley.', 'Rango salarial: MXN 40,000 a 50,000 mensuales brutos.'],
    ['Renta líquida de CLP 2.400.000 a 3.000.000 según experiencia. Trabajo 100% remoto.', 'Renta líquida de CLP 2.400.000 a 3.000.000 según experiencia.'],
    ['We raised $20M from top VCs. Compensation: $120k–$150k + equity.', 'Compensation: $120k–$150k + equity.'],
    ['Fully remote, 4 hours of overlap with UTC-5. $140k–$180k + equity.', '$140k–$180k + equity.'],
    ['Long-term contract paid in USD, $5,000–$6,500/month. Overlap required with US Eastern Time.', 'Long-term contract paid in USD, $5,000–$6,500/month.'],
    ['Team of 50 people, founded in 2015, 2 million users.', null],
    ['Regime CLT, 100% remoto. Faixa salarial a combinar conforme experiência.', null],
    ['Benefícios: VR de R$ 1.000, auxílio home office de R$ 150 e PLR.', null],
    ['Salario en pesos ajustado por inflación cada trimestre, más bono anual.', null],
    ['Nuestra empresa facturó USD 30M el año pasado y captó una Serie B de USD 50M.', null],
    ['', null],
  ])('%#: %s', (description, expected) => {
    expect(findSalaryText(description)).toBe(expected);
  });

  it('quotes a window around the figure when the sentence is very long', () => {
    const filler = 'Trabalhamos com dados de logística, varejo e saúde em todo o Brasil, com times distribuídos e muita autonomia, ';
    const found = findSalaryText(`${filler.repeat(3)}e pagamos salário de R$ 15.000 por mês, ${filler.repeat(2)}`);
    expect(found).toContain('salário de R$ 15.000 por mês');
    expect(found?.length).toBeLessThanOrEqual(240);
  });

  it('finds text that parseSalary then reads', () => {
    const found = findSalaryText('Contratación: contractor. Sueldo: $ 45.000 a $ 55.000 mensuales netos.');
    expect(parseSalary(found, MX)).toMatchObject({ min: 45_000, max: 55_000, currency: 'MXN', period: 'month', gross: false });
  });
});
