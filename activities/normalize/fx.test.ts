import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convert, CURRENCIES, defaultFxTable, loadFxTable, type FxTable } from './fx.js';
import { parseSalary } from './salary.js';

const dir = mkdtempSync(join(tmpdir(), 'fx-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shipped = loadFxTable();

function writeTable(name: string, table: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(table));
  return path;
}

describe('the shipped FX table', () => {
  it('is dated, USD-based, sourced, and says how to refresh it', () => {
    expect(shipped.date).toBe('2026-11-02');
    expect(shipped.base).toBe('USD');
    expect(shipped.source).toMatch(/mid-market/i);
    expect(shipped.note).toMatch(/refresh/i);
    expect(shipped.note).toContain('loadFxTable');
  });

  it('has a rate for every supported currency, USD at 1', () => {
    for (const currency of CURRENCIES) expect(shipped.rates[currency]).toBeGreaterThan(0);
    expect(shipped.rates.USD).toBe(1);
  });

  it.each([
    ['BRL', 4.5, 6.5],
    ['EUR', 0.75, 1],
    ['GBP', 0.65, 0.9],
    ['CAD', 1.2, 1.6],
    ['MXN', 15, 23],
    ['COP', 3_300, 4_800],
    ['CLP', 800, 1_100],
    ['ARS', 900, 2_500],
    ['PEN', 3, 4.2],
    ['UYU', 35, 48],
  ] as const)('%s per USD is plausible (%d–%d)', (currency, low, high) => {
    expect(shipped.rates[currency]).toBeGreaterThanOrEqual(low);
    expect(shipped.rates[currency]).toBeLessThanOrEqual(high);
  });

  it('is the table defaultFxTable() returns, read once', () => {
    expect(defaultFxTable()).toEqual(shipped);
    expect(defaultFxTable()).toBe(defaultFxTable());
  });
});

describe('convert', () => {
  const table: FxTable = { ...shipped, rates: { ...shipped.rates, BRL: 5, MXN: 20, EUR: 0.8, COP: 4_000 } };

  it.each([
    [100, 'USD', 'USD', 100],
    [100, 'USD', 'BRL', 500],
    [500, 'BRL', 'USD', 100],
    [1_000, 'BRL', 'MXN', 4_000],
    [80, 'EUR', 'USD', 100],
    [4_000_000, 'COP', 'BRL', 5_000],
  ] as const)('%d %s → %d %s', (amount, from, to, expected) => {
    expect(convert(amount, from, to, table)).toBeCloseTo(expected, 9);
  });

  it('round-trips through any pair of currencies', () => {
    for (const from of CURRENCIES) {
      for (const to of CURRENCIES) expect(convert(convert(1_234, from, to, shipped), to, from, shipped)).toBeCloseTo(1_234, 6);
    }
  });

  it('works through a base other than USD', () => {
    const eurBased: FxTable = { ...shipped, base: 'EUR', rates: { ...shipped.rates, EUR: 1, USD: 1.25, BRL: 6.25 } };
    expect(convert(125, 'USD', 'EUR', eurBased)).toBeCloseTo(100, 9);
    expect(convert(100, 'USD', 'BRL', eurBased)).toBeCloseTo(500, 9);
  });
});

describe('loadFxTable', () => {
  const valid = { date: '2027-01-04', base: 'USD', source: 'test feed', note: 'refreshed by hand', rates: { ...shipped.rates, BRL: 5.1 } };

  it('reads a newer table from any path, and parseSalary converts with it', () => {
    const newer = loadFxTable(writeTable('newer.json', valid));
    expect(newer.date).toBe('2027-01-04');
    expect(parseSalary('USD 1,000 per month', {}, newer)).toMatchObject({ fxDate: '2027-01-04', brlMonth: { min: 5_100, max: 5_100 } });
  });

  it('accepts currencies beyond the supported ones, so a wider feed can be dropped in', () => {
    expect(loadFxTable(writeTable('wider.json', { ...valid, rates: { ...valid.rates, JPY: 150 } })).rates.BRL).toBe(5.1);
  });

  it.each([
    ['a missing currency', { ...valid, rates: Object.fromEntries(Object.entries(valid.rates).filter(([code]) => code !== 'ARS')) }],
    ['a zero rate', { ...valid, rates: { ...valid.rates, COP: 0 } }],
    ['a negative rate', { ...valid, rates: { ...valid.rates, MXN: -18 } }],
    ['a rate written as text', { ...valid, rates: { ...valid.rates, BRL: '5.1' } }],
    ['a base whose rate is not 1', { ...valid, base: 'EUR' }],
    ['an unsupported base', { ...valid, base: 'JPY' }],
    ['a date that is not a date', { ...valid, date: '02/11/2026' }],
    ['no source', { ...valid, source: '' }],
    ['no note', { date: valid.date, base: valid.base, source: valid.source, rates: valid.rates }],
  ])('rejects %s', (_name, table) => {
    expect(() => loadFxTable(writeTable('bad.json', table))).toThrow();
  });

  it('rejects a file that is not JSON', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"date": "2026-11-02",');
    expect(() => loadFxTable(path)).toThrow();
  });
});
