import { describe, expect, it } from 'vitest';
import { AMERICAS_COUNTRIES, LATAM_COUNTRIES, REGION_COUNTRIES, countryCode, findPlaceMentions, findPlaces } from './geo.js';

describe('findPlaces: countries', () => {
  it.each([
    ['Brasil', ['BR']],
    ['Brazil', ['BR']],
    ['Remote - BR', ['BR']],
    ['México', ['MX']],
    ['Mexico', ['MX']],
    ['MX', ['MX']],
    ['EE.UU.', ['US']],
    ['EE. UU.', ['US']],
    ['EEUU', ['US']],
    ['EUA', ['US']],
    ['Estados Unidos', ['US']],
    ['USA Only', ['US']],
    ['Remote (US only)', ['US']],
    ['United States', ['US']],
    ['U.S.', ['US']],
    ['Reino Unido', ['GB']],
    ['United Kingdom', ['GB']],
    ['UK', ['GB']],
    ['Alemanha', ['DE']],
    ['Alemania', ['DE']],
    ['Germany', ['DE']],
    ['Espanha', ['ES']],
    ['España', ['ES']],
    ['Colômbia', ['CO']],
    ['Perú', ['PE']],
    ['República Dominicana', ['DO']],
    ['Países Baixos', ['NL']],
    ['Canadá', ['CA']],
    ['El Salvador', ['SV']],
    ['New Mexico', ['US']],
    ['Brazil, Argentina, Chile or Uruguay', ['BR', 'AR', 'CL', 'UY']],
    ['Trabalho remoto no Brasil ou em Portugal', ['BR', 'PT']],
  ])('%s → %j', (text, countries) => {
    expect(findPlaces(text).countries).toEqual(countries);
  });
});

describe('findPlaces: cities carry their country', () => {
  it.each([
    ['São Paulo', 'São Paulo', 'BR'],
    ['Sao Paulo', 'São Paulo', 'BR'],
    ['SAO PAULO', 'São Paulo', 'BR'],
    ['SP', 'São Paulo', 'BR'],
    ['Rio de Janeiro, RJ', 'Rio de Janeiro', 'BR'],
    ['Belo Horizonte - MG', 'Belo Horizonte', 'BR'],
    ['Florianópolis/SC', 'Florianópolis', 'BR'],
    ['Curitiba', 'Curitiba', 'BR'],
    ['Porto Alegre', 'Porto Alegre', 'BR'],
    ['Recife - PE', 'Recife', 'BR'],
    ['Bogotá D.C.', 'Bogotá', 'CO'],
    ['Medellín', 'Medellín', 'CO'],
    ['Buenos Aires', 'Buenos Aires', 'AR'],
    ['CABA', 'Buenos Aires', 'AR'],
    ['Córdoba', 'Córdoba', 'AR'],
    ['Córdoba, España', 'Córdoba', 'ES'],
    ['Santiago', 'Santiago', 'CL'],
    ['Lima', 'Lima', 'PE'],
    ['Montevideo', 'Montevideo', 'UY'],
    ['Guadalajara, Jalisco', 'Guadalajara', 'MX'],
    ['Monterrey', 'Monterrey', 'MX'],
    ['Ciudad de México', 'Ciudad de México', 'MX'],
    ['CDMX', 'Ciudad de México', 'MX'],
    ['Mexico City', 'Ciudad de México', 'MX'],
    ['Quito', 'Quito', 'EC'],
    ['San José', 'San José', 'CR'],
    ['San Jose, CA', 'San Jose', 'US'],
    ['New York, NY', 'New York', 'US'],
    ['Nova York', 'New York', 'US'],
    ['San Francisco Bay Area', 'San Francisco', 'US'],
    ['Toronto, ON', 'Toronto', 'CA'],
    ['Londres', 'London', 'GB'],
    ['Berlim', 'Berlin', 'DE'],
    ['Lisboa', 'Lisbon', 'PT'],
    ['Madrid', 'Madrid', 'ES'],
    ['Tel Aviv', 'Tel Aviv', 'IL'],
  ])('%s → %s (%s)', (text, name, country) => {
    const found = findPlaces(text);
    expect(found.cities[0]).toEqual({ name, country });
    expect(found.countries).toContain(country);
  });

  it('keeps the evidence, each span once', () => {
    expect(findPlaces('São Paulo, SP, Brasil — or São Paulo again')).toEqual({
      countries: ['BR'],
      cities: [{ name: 'São Paulo', country: 'BR' }],
      evidence: ['São Paulo', 'SP', 'Brasil'],
    });
  });
});

describe('findPlaces: what is not a place', () => {
  it.each([
    ['Salário em R$ 12.000 + benefícios'],
    ['Salary: US$ 5,000 per month, paid in US dollars'],
    ['A empresa usa Python e eu gosto de dados'],
    ['JOIN US AND GROW WITH US'],
    ['Trabalho no horário de Brasília'],
    ['Interface em pt-BR e en-US'],
    ['Engenheiro de Dados Pleno'],
    ['Fale com a recrutadora Ana Lima, que vai conduzir todas as etapas do processo seletivo da vaga.'],
    ['O Natal é uma época de confraternização do nosso time, com festa e amigo secreto para todas as pessoas.'],
    ['Our founder, Santiago Pérez, started the company after ten years working on recommendation systems at scale.'],
    ['Latin America'],
    ['LATAM'],
    ['Europe'],
  ])('%s → nothing', (text) => {
    expect(findPlaces(text)).toEqual({ countries: [], cities: [], evidence: [] });
  });

  it('reads an ambiguous city in long text when its country or a locative preposition is there', () => {
    const filler = 'Buscamos una persona con experiencia en modelos de lenguaje y despliegue de servicios. ';
    expect(findPlaces(`${filler}Trabajo híbrido en Lima, dos días por semana.`).countries).toEqual(['PE']);
    expect(findPlaces(`${filler}Oficina en el centro de Lima, Perú.`).countries).toEqual(['PE']);
  });

  it('reads codes only as written, never inside words or all-capital text', () => {
    expect(findPlaces('business').countries).toEqual([]);
    expect(findPlaces('us-based').countries).toEqual([]);
    expect(findPlaces('US-based').countries).toEqual(['US']);
    expect(findPlaces('REMOTE POSITION FOR ALL OF US').countries).toEqual([]);
  });
});

describe('findPlaceMentions', () => {
  it('gives spans of the original text, regions included', () => {
    const text = 'Remoto para residentes na América Latina (exceto Brasil)';
    const mentions = findPlaceMentions(text);
    expect(mentions.map((m) => [m.kind, m.text, text.slice(m.start, m.end)])).toEqual([
      ['region', 'América Latina', 'América Latina'],
      ['country', 'Brasil', 'Brasil'],
    ]);
    expect(mentions[0]!.region).toBe('latam');
  });

  it.each([
    ['LATAM', 'latam'],
    ['Latinoamérica', 'latam'],
    ['Latin American countries', 'latam'],
    ['Americas', 'americas'],
    ['Américas', 'americas'],
    ['North America', 'north_america'],
    ['América do Sul', 'south_america'],
    ['EU', 'eu'],
    ['União Europeia', 'eu'],
    ['Europa', 'europe'],
    ['EMEA', 'emea'],
    ['APAC', 'apac'],
  ])('%s is region %s', (text, region) => {
    expect(findPlaceMentions(text).map((m) => m.region)).toEqual([region]);
  });

  it('does not read the Portuguese "eu" as the European Union', () => {
    expect(findPlaceMentions('Eu trabalho remoto e eu gosto')).toEqual([]);
  });
});

describe('countryCode', () => {
  it.each([
    ['BR', 'BR'],
    ['br', 'BR'],
    ['Brasil', 'BR'],
    ['United States', 'US'],
    ['Estados Unidos', 'US'],
    ['Reino Unido', 'GB'],
    ['Chile', 'CL'],
    ['  México ', 'MX'],
    ['Atlantis', null],
    ['', null],
  ])('%j → %s', (value, code) => {
    expect(countryCode(value)).toBe(code);
  });
});

describe('region sets', () => {
  it('LATAM holds the Spanish- and Portuguese-speaking Americas, inside the Americas', () => {
    for (const c of ['BR', 'MX', 'AR', 'CO', 'CL', 'PE', 'UY', 'CR', 'DO']) expect(LATAM_COUNTRIES.has(c)).toBe(true);
    for (const c of ['US', 'CA', 'ES', 'PT']) expect(LATAM_COUNTRIES.has(c)).toBe(false);
    for (const c of LATAM_COUNTRIES) expect(AMERICAS_COUNTRIES.has(c)).toBe(true);
    expect(AMERICAS_COUNTRIES.has('US')).toBe(true);
    expect(AMERICAS_COUNTRIES.has('CA')).toBe(true);
  });

  it('every region lists ISO 3166-1 alpha-2 codes', () => {
    for (const countries of REGION_COUNTRIES.values()) for (const c of countries) expect(c).toMatch(/^[A-Z]{2}$/);
    expect(REGION_COUNTRIES.get('eu')?.has('DE')).toBe(true);
    expect(REGION_COUNTRIES.get('eu')?.has('GB')).toBe(false);
    expect(REGION_COUNTRIES.get('europe')?.has('GB')).toBe(true);
  });
});
