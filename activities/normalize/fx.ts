import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const CURRENCIES = ['BRL', 'USD', 'EUR', 'ARS', 'MXN', 'COP', 'CLP', 'PEN', 'UYU', 'CAD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

const rate = z.number().positive().finite();

// Every supported currency must be present so that convert() never has to fail; extra ones are
// allowed so a refreshed table from a wider feed can be dropped in unedited.
const ratesSchema = z.object(Object.fromEntries(CURRENCIES.map((code) => [code, rate])) as Record<Currency, typeof rate>).catchall(rate);

const fxTableSchema = z
  .object({
    date: z.iso.date(),
    base: z.enum(CURRENCIES),
    source: z.string().min(1),
    note: z.string().min(1),
    /** Units of each currency per one unit of `base`. */
    rates: ratesSchema,
  })
  .refine((table) => table.rates[table.base] === 1, { message: 'the base currency must have rate 1', path: ['rates'] });

export type FxTable = z.infer<typeof fxTableSchema>;

export const DEFAULT_FX_PATH = new URL('../../models/fx/rates.json', import.meta.url);

export function loadFxTable(path: URL | string = DEFAULT_FX_PATH): FxTable {
  return fxTableSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

let defaultTable: FxTable | undefined;

/** The table shipped in models/fx, read once per process. */
export function defaultFxTable(): FxTable {
  defaultTable ??= loadFxTable();
  return defaultTable;
}

/** `amount` of `from` in `to`, through the table's base currency; not rounded. */
export function convert(amount: number, from: Currency, to: Currency, table: FxTable): number {
  if (from === to) return amount;
  return (amount / table.rates[from]) * table.rates[to];
}
