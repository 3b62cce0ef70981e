import { describe, expect, it } from 'vitest';
import { companyKey, companyPrefixKeys, sameEmployer } from './company-name.js';

describe('companyKey', () => {
  it.each([
    ['Nuvem Dados Ltda.', 'nuvemdados'],
    ['NUVEM DADOS', 'nuvemdados'],
    ['Nuvem-Dados S/A', 'nuvemdados'],
    ['Saúde Digital S.A.', 'saudedigital'],
    ['Loja do Zé EIRELI', 'lojadoze'],
    ['Padaria Pão Quente ME', 'padariapaoquente'],
    ['Mercado Livre do Brasil Ltda.', 'mercadolivre'],
    ['Rappi S.A.S.', 'rappi'],
    ['Kavak S. de R.L. de C.V.', 'kavak'],
    ['Grupo Bimbo S.A.B. de C.V.', 'grupobimbo'],
    ['Falabella SpA', 'falabella'],
    ['Logistica Austral S.p.A.', 'logisticaaustral'],
    ['Acme Technologies, Inc.', 'acme'],
    ['Northwind A.I., LLC', 'northwindai'],
    ['Siemens GmbH & Co. KG', 'siemens'],
    ['The Trade Desk', 'tradedesk'],
    ['Data Bricks', 'databricks'],
    ['Databricks, Inc.', 'databricks'],
  ])('%s → %s', (name, key) => {
    expect(companyKey(name)).toBe(key);
  });

  it('keeps a name that is only a legal form, and gives missing names an empty key', () => {
    expect(companyKey('Inc.')).toBe('inc');
    expect(companyKey(null)).toBe('');
    expect(companyKey('  ')).toBe('');
  });
});

describe('sameEmployer', () => {
  const same = (a: string | null, b: string | null) => sameEmployer(companyPrefixKeys(a), companyPrefixKeys(b));

  it('matches a shortened legal name to the brand', () => {
    expect(same('Loja Rápida Comércio Eletrônico S/A', 'LojaRapida S.A.')).toBe(true);
    expect(same('Nuvem Dados Tecnologia Ltda.', 'NUVEM DADOS')).toBe(true);
  });

  it('keeps different employers apart, even when they share a first word', () => {
    expect(same('Grupo Bimbo', 'Grupo Modelo')).toBe(false);
    expect(same('Company 12', 'Company 13')).toBe(false);
    expect(same('Pagos Andinos S.A.S.', 'Mercado Verde S. de R.L. de C.V.')).toBe(false);
  });

  it('is unknown when a name is missing', () => {
    expect(same(null, 'Helix Data GmbH')).toBeNull();
  });
});
