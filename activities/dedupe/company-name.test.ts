import { describe, expect, it } from 'vitest';
import { companyKey, companyPrefixKeys, employerTag, sameEmployer } from './company-name.js';

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

describe('employerTag', () => {
  const tag = (name: string | null) => employerTag(companyPrefixKeys(name));
  const names = ['Loja Rápida Comércio Eletrônico S/A', 'LojaRapida S.A.', 'Nuvem Dados Tecnologia Ltda.', 'NUVEM DADOS', 'Data Bricks', 'Databricks Inc.', 'Grupo Bimbo', 'Grupo Modelo', 'Company 12', 'Pagos Andinos S.A.S.', 'IBM', 'Nu'];

  it('is shared by every pair of names sameEmployer calls one employer', () => {
    for (const a of names) {
      for (const b of names) {
        if (sameEmployer(companyPrefixKeys(a), companyPrefixKeys(b))) expect([a, tag(a), b, tag(b)]).toEqual([a, tag(b), b, tag(a)]);
      }
    }
    expect(tag('Data Bricks')).toBe(tag('Databricks Inc.'));
  });

  it('tells most other employers apart, and is 0 for a missing or short name', () => {
    expect(tag('Nuvem Dados')).not.toBe(tag('Pagos Andinos'));
    expect(tag('Trilha Crédito')).not.toBe(tag('Nuvem Dados'));
    expect(tag('Nuvem Dados')).toBeGreaterThan(0);
    expect([tag(null), tag(''), tag('IBM'), tag('Nu Ltda.')]).toEqual([0, 0, 0, 0]);
  });
});
