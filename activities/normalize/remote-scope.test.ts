import { describe, expect, it } from 'vitest';
import { LATAM_COUNTRIES } from './geo.js';
import { classifyRemoteScope, eligibleFrom, type RemoteScope, type ScopeInput, type ScopeResult } from './remote-scope.js';

const PT = 'Buscamos uma pessoa para atuar com modelos de machine learning em produção, com Python e SQL no nosso time de dados.';
const ES = 'Buscamos una persona para trabajar con modelos de machine learning en producción, con Python y SQL en nuestro equipo de datos.';
const EN = 'We are looking for an engineer to build machine learning models in production with Python and SQL on our data team.';

type Case = [string, Partial<ScopeInput>, RemoteScope, string[] | null];
const LATAM = [...LATAM_COUNTRIES].sort();

function classify(input: Partial<ScopeInput>): ScopeResult {
  return classifyRemoteScope({ location: null, title: 'Data Engineer', description: '', ...input });
}

describe('classifyRemoteScope: location tags', () => {
  it.each<Case>([
    ['US only in brackets', { location: 'Remote (US only)' }, 'countries', ['US']],
    ['USA Only', { location: 'USA Only' }, 'countries', ['US']],
    ['US-based', { location: 'US-based' }, 'countries', ['US']],
    ['remote dash country', { location: 'Remote - US' }, 'countries', ['US']],
    ['country name alone', { location: 'United States' }, 'countries', ['US']],
    ['two countries', { location: 'Remote, US or Canada' }, 'countries', ['CA', 'US']],
    ['anywhere', { location: 'Anywhere in the World' }, 'global', []],
    ['worldwide', { location: 'Worldwide' }, 'global', []],
    ['global as a tag', { location: 'Remote - Global' }, 'global', []],
    ['LATAM', { location: 'LATAM' }, 'latam', LATAM],
    ['Latin America Only', { location: 'Latin America Only' }, 'latam', LATAM],
    ['América Latina', { location: 'Remoto - América Latina' }, 'latam', LATAM],
    ['Americas Only', { location: 'Americas Only' }, 'americas', null],
    ['North America includes Mexico', { location: 'North America' }, 'countries', ['CA', 'MX', 'US']],
    ['South America', { location: 'Remote - South America' }, 'countries', ['AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'GY', 'PE', 'PY', 'SR', 'UY', 'VE']],
    ['a list of countries', { location: 'Argentina, Brazil, Chile, Colombia, Mexico' }, 'countries', ['AR', 'BR', 'CL', 'CO', 'MX']],
    ['Remote - Mexico', { location: 'Remote - Mexico' }, 'countries', ['MX']],
    ['Chile alone', { location: 'Chile' }, 'countries', ['CL']],
    ['Brazil', { location: 'Brazil' }, 'brazil', ['BR']],
    ['Remoto (Brasil)', { location: 'Remoto (Brasil)' }, 'brazil', ['BR']],
    ['Remoto - Argentina', { location: 'Remoto - Argentina' }, 'countries', ['AR']],
    ['Brazil or Portugal', { location: 'Remote — Brazil or Portugal' }, 'countries', ['BR', 'PT']],
    ['a region minus a country', { location: 'LATAM (excluding Brazil)' }, 'countries', LATAM.filter((c) => c !== 'BR')],
    ['a city is an office, not a rule', { location: 'São Paulo, SP' }, 'unknown', ['BR']],
    ['a city and its country too', { location: 'São Paulo, Brazil' }, 'unknown', ['BR']],
    ['Híbrido em São Paulo', { location: 'Híbrido em São Paulo' }, 'hybrid', ['BR']],
    ['hybrid in Bogotá', { location: 'Hybrid - Bogotá, Colombia' }, 'hybrid', ['CO']],
    ['Presencial', { location: 'Presencial' }, 'onsite', []],
    ['On-site with a city', { location: 'On-site - Lima, Peru' }, 'onsite', ['PE']],
    ['Presencial en CDMX', { location: 'Presencial en Ciudad de México' }, 'onsite', ['MX']],
    ['remote, nothing else, in English', { location: 'Remote', description: EN }, 'unknown', []],
    ['no location at all', { location: null, description: EN }, 'unknown', []],
  ])('%s', (_name, input, scope, countries) => {
    const result = classify(input);
    expect(result.scope).toBe(scope);
    if (countries) expect(result.countries).toEqual(countries);
  });
});

describe('classifyRemoteScope: titles and descriptions, three languages', () => {
  it.each<Case>([
    ['title in brackets', { title: 'Senior Data Engineer (Remote, LATAM)' }, 'latam', LATAM],
    ['title dash country', { title: 'Data Scientist - Remote US' }, 'countries', ['US']],
    ['Portuguese remote ad naming no place', { title: 'Cientista de Dados - Remoto', description: PT }, 'brazil', ['BR']],
    ['100% remoto in a Portuguese ad', { location: '100% remoto', title: 'Engenheiro de Dados', description: PT }, 'brazil', ['BR']],
    ['Spanish remote ad naming no place', { title: 'Ingeniero de Datos - Remoto', description: ES }, 'unknown', []],
    ['pt: residentes no Brasil', { description: `${PT} 100% remoto para residentes no Brasil.` }, 'brazil', ['BR']],
    ['pt: exclusive to Brazil', { description: `${PT} Vaga exclusiva para pessoas residentes no Brasil.` }, 'brazil', ['BR']],
    ['pt: anywhere in Brazil', { location: 'Remote', description: 'Trabalhe de qualquer lugar do Brasil.' }, 'brazil', ['BR']],
    ['pt: anywhere in the world', { description: `${PT} Trabalhe de qualquer lugar do mundo.` }, 'global', []],
    ['pt: hybrid in a city', { description: `${PT} Modelo híbrido em Curitiba, 2 dias por semana no escritório.` }, 'hybrid', ['BR']],
    ['pt: on-site in a city', { description: `${PT} Vaga presencial em Belo Horizonte.` }, 'onsite', ['BR']],
    ['pt: not remote', { description: `${PT} Esta vaga não é remota: trabalho presencial em Recife.` }, 'onsite', ['BR']],
    ['pt: HQ city is not a rule', { description: `${PT} Somos uma fintech com sede em Curitiba e time 100% remoto.` }, 'brazil', ['BR']],
    ['pt: optional meetups keep it remote', { title: 'Engenheiro de ML', description: `${PT} 100% remoto, com encontros presenciais opcionais em São Paulo duas vezes por ano.` }, 'brazil', ['BR']],
    ['pt: home-office allowance is not remote work', { location: 'São Paulo, SP', description: `${PT} CLT, plano de saúde e auxílio home office de R$ 250/mês.` }, 'unknown', ['BR']],
    ['es: anywhere in Latin America', { description: `${ES} Trabajo 100% remoto desde cualquier país de Latinoamérica.` }, 'latam', LATAM],
    ['es: remote from Chile', { description: `${ES} Modalidad 100% remota desde Chile.` }, 'countries', ['CL']],
    ['es: only residents of Colombia', { description: `${ES} Remoto, solo para residentes en Colombia.` }, 'countries', ['CO']],
    ['es: living in Mexico is a must', { description: `${ES} Trabajo remoto. Es excluyente residir en México.` }, 'countries', ['MX']],
    ['es: any city of Mexico', { description: `${ES} Trabajo remoto desde cualquier ciudad de México.` }, 'countries', ['MX']],
    ['es: presence in countries is not a rule', { location: 'Remoto', description: `${ES} Somos una cadena con presencia en Chile, Perú y Colombia.` }, 'unknown', []],
    ['en: authorized to work in the US', { location: 'Remote', description: `${EN} Must be authorized to work in the US.` }, 'countries', ['US']],
    ['en: must reside in Canada', { location: 'Remote', description: `${EN} You must reside in Canada.` }, 'countries', ['CA']],
    ['en: EU time zones only', { location: 'Remote', description: `${EN} EU time zones only.` }, 'countries', null],
    ['en: a US-based company hiring in LATAM', { location: 'Remote', description: 'We are a US-based company with customers worldwide. Open to candidates anywhere in LATAM.' }, 'latam', LATAM],
    ['en: preference is not a restriction', { location: 'Remote', description: 'Remote, but we prefer candidates in the US.' }, 'unknown', []],
    ['en: preferred countries are not a restriction', { location: 'Remote', description: `${EN} Fully remote; candidates in the US or Canada preferred.` }, 'unknown', []],
    ['en: hiring worldwide', { description: `${EN} Fully remote, hiring worldwide through an employer of record.` }, 'global', []],
    ['en: customers worldwide is not a scope', { location: 'Remote', description: `${EN} Our product is used by customers worldwide.` }, 'unknown', []],
    ['en: EU and Latin America', { description: `${EN} We can hire via employer of record in most EU and Latin American countries.` }, 'countries', null],
    ['en: office cities are not a rule', { location: 'Remote', description: `${EN} Our offices are in New York and London. This is a remote role.` }, 'unknown', []],
    ['en: US hours overlap is not US residence', { location: 'LATAM', description: `${EN} Must overlap at least 5 hours with US Eastern time.` }, 'latam', LATAM],
    ['en: a requirement beats a Worldwide tag', { location: 'Worldwide', description: `${EN} Must be authorized to work in the United States.` }, 'countries', ['US']],
    ['en: location tag beats a looser description', { location: 'Brazil', description: `${EN} We hire remotely across LATAM.` }, 'brazil', ['BR']],
    ['en: not remote, hybrid', { description: 'This is not a remote position. Hybrid, 3 days a week in our Austin office.' }, 'hybrid', null],
    ['en: remote sensing is a field, not a workplace', { title: 'Remote Sensing Data Scientist' }, 'unknown', []],
    ['en: a salary in reais names no place', { title: 'Data Engineer', description: 'Salário em R$ 12.000' }, 'unknown', []],
    ['en: "anywhere from 3 to 5 years" is no place', { location: 'Remote', description: 'You have anywhere from 3 to 5 years of experience.' }, 'unknown', []],
    ['en: open-source communities are not a scope', { location: 'Remote', description: 'We contribute to open source communities in LATAM.' }, 'unknown', []],
    ['en: partners abroad are not a scope', { location: 'Remote', description: 'Work with our partners in Mexico and Colombia.' }, 'unknown', []],
    ['en: customers in one country, hiring in another', { location: 'Remote', description: 'Our platform serves hospitals in the US, and we are hiring engineers in Brazil.' }, 'brazil', ['BR']],
    ['en: a list closed by "only"', { description: 'Remote position open to residents of Colombia, Peru and Ecuador only.' }, 'countries', ['CO', 'EC', 'PE']],
    ['en: countries in brackets after "Remote"', { location: 'Remote', description: 'Remote (US/Canada). Occasional travel to our NYC office.' }, 'countries', ['CA', 'US']],
    ['en: the country one lives in is not a place', { location: 'Remote (Anywhere)', description: 'Must be authorized to work in the country where you live.' }, 'global', []],
    ['en: hybrid in an office', { description: 'This is a hybrid role based in our New York office.' }, 'hybrid', ['US']],
    ['pt: labelled location', { description: 'Localização: Remoto - Brasil' }, 'brazil', ['BR']],
    ['es: labelled location, hybrid', { description: 'Ubicación: Buenos Aires, Argentina (híbrido)' }, 'hybrid', ['AR']],
    ['es: clients abroad are not a scope', { location: 'Remoto', description: 'Trabajarás con clientes de Estados Unidos.' }, 'unknown', []],
    ['es: requisito excluyente', { location: 'Remoto', description: 'Requisito excluyente: residir en Argentina.' }, 'countries', ['AR']],
  ])('%s', (_name, input, scope, countries) => {
    const result = classify(input);
    expect(result.scope).toBe(scope);
    if (countries) expect(result.countries).toEqual(countries);
  });

  it('reads "EU time zones only" and "EU and Latin American countries" as the listed countries', () => {
    const eu = classify({ location: 'Remote', description: 'EU time zones only.' });
    expect(eu.countries).toContain('DE');
    expect(eu.countries).not.toContain('BR');
    const both = classify({ description: 'We can hire in most EU and Latin American countries.' });
    expect(both.countries).toEqual(expect.arrayContaining(['DE', 'ES', 'BR', 'MX']));
  });
});

describe('classifyRemoteScope: structured fields first', () => {
  it.each<Case>([
    ['Get on Board fully_remote ignores the office city', { location: 'Santiago, Chile', structured: { remoteModality: 'fully_remote' } }, 'global', []],
    ['Get on Board remote_local uses the board country', { location: 'Santiago', structured: { remoteModality: 'remote_local', countries: ['Chile'] } }, 'countries', ['CL']],
    ['Get on Board remote_local falls back on the location', { location: 'Bogotá, Colombia', structured: { remoteModality: 'remote_local' } }, 'countries', ['CO']],
    ['Get on Board hybrid', { location: 'Buenos Aires', structured: { remoteModality: 'hybrid' } }, 'hybrid', ['AR']],
    ['Get on Board no_remote', { location: 'Lima', structured: { remoteModality: 'no_remote', countries: ['PE'] } }, 'onsite', ['PE']],
    ['fully_remote yields to a stated requirement', { description: 'Only candidates residing in Chile.', structured: { remoteModality: 'fully_remote' } }, 'countries', ['CL']],
    ['Himalayas restrictions', { structured: { locationRestrictions: ['United States', 'Canada'] } }, 'countries', ['CA', 'US']],
    ['Himalayas empty restrictions mean anywhere', { structured: { locationRestrictions: [] } }, 'global', []],
    ['Himalayas Brazil', { structured: { locationRestrictions: ['Brazil'] } }, 'brazil', ['BR']],
    ['Himalayas region name', { structured: { locationRestrictions: ['Latin America'] } }, 'latam', LATAM],
    ['board restrictions beat a text tag', { location: 'Worldwide', structured: { locationRestrictions: ['Brazil'] } }, 'brazil', ['BR']],
    ['Gupy remote in Portuguese', { title: 'Cientista de Dados', description: PT, structured: { workplaceType: 'remote' } }, 'brazil', ['BR']],
    ['Gupy hybrid', { location: 'São Paulo', description: PT, structured: { workplaceType: 'hybrid' } }, 'hybrid', ['BR']],
    ['Gupy on-site', { location: 'Recife', description: PT, structured: { workplaceType: 'on-site', countries: ['Brasil'] } }, 'onsite', ['BR']],
    ['structured modality beats the text', { location: 'Remoto', description: PT, structured: { workplaceType: 'on-site' } }, 'onsite', []],
    ['isRemoteWork false with hybrid text', { description: `${PT} Modelo híbrido.`, structured: { isRemote: false } }, 'hybrid', []],
    ['isRemoteWork false alone', { description: PT, structured: { isRemote: false } }, 'onsite', []],
    ['isRemote true with a region', { location: 'LATAM', structured: { isRemote: true } }, 'latam', LATAM],
    ['unknown board values are ignored', { location: 'Brazil', structured: { remoteModality: 'something_new', workplaceType: '' } }, 'brazil', ['BR']],
  ])('%s', (_name, input, scope, countries) => {
    const result = classify(input);
    expect(result.scope).toBe(scope);
    if (countries) expect(result.countries).toEqual(countries);
  });
});

describe('classifyRemoteScope: reasons', () => {
  it.each<[string, Partial<ScopeInput>, { field: string; text: string }[]]>([
    ['location tag', { location: 'Remote (US only)' }, [{ field: 'location', text: 'Remote' }, { field: 'location', text: 'US only' }]],
    [
      'description requirement',
      { location: 'Remote', description: `${EN} Must be authorized to work in the US.` },
      [{ field: 'location', text: 'Remote' }, { field: 'description', text: 'Must be authorized to work in the US' }],
    ],
    ['board field', { structured: { remoteModality: 'fully_remote' } }, [{ field: 'structured.remoteModality', text: 'fully_remote' }]],
    ['language inference says so', { location: 'Remoto', description: PT }, [{ field: 'location', text: 'Remoto' }, { field: 'language', text: 'pt' }]],
    ['hybrid', { location: 'Híbrido em São Paulo' }, [{ field: 'location', text: 'Híbrido' }]],
    ['a list is one piece of evidence', { location: 'Argentina, Brazil, Chile' }, [{ field: 'location', text: 'Argentina, Brazil, Chile' }]],
    ['nothing found, nothing claimed', { description: EN }, []],
  ])('%s', (_name, input, reasons) => {
    expect(classify(input).reasons).toEqual(reasons);
  });

  it('quotes the original text, accents and case kept', () => {
    const result = classify({ description: `${ES} Contratación como contractor en USD, 100% remoto para residentes en Latinoamérica.` });
    expect(result.reasons).toContainEqual({ field: 'description', text: expect.stringContaining('residentes en Latinoamérica') });
  });
});

describe('eligibleFrom', () => {
  const r = (scope: RemoteScope, countries: string[]): ScopeResult => ({ scope, countries, reasons: [] });
  it.each<[string, ScopeResult, string, boolean | null]>([
    ['global from Brazil', r('global', []), 'BR', true],
    ['global from anywhere', r('global', []), 'JP', true],
    ['latam from Brazil', r('latam', LATAM), 'BR', true],
    ['latam from the US', r('latam', LATAM), 'US', false],
    ['americas from Canada', classify({ location: 'Americas' }), 'CA', true],
    ['americas from Spain', classify({ location: 'Americas' }), 'ES', false],
    ['brazil from Brazil, lower case', r('brazil', ['BR']), 'br', true],
    ['brazil from Argentina', r('brazil', ['BR']), 'AR', false],
    ['US only from Brazil', classify({ location: 'Remote (US only)' }), 'BR', false],
    ['APAC from Brazil', classify({ location: 'Remote - APAC' }), 'BR', false],
    ['EU and UK only from Portugal', classify({ location: 'Remote', description: 'Candidates from the EU and UK only.' }), 'PT', true],
    ['EU and UK only from Brazil', classify({ location: 'Remote', description: 'Candidates from the EU and UK only.' }), 'BR', false],
    ['Mexico from Mexico', classify({ location: 'Remote - Mexico' }), 'MX', true],
    ['on-site abroad', r('onsite', ['US']), 'BR', false],
    ['on-site at home depends on the city', r('onsite', ['BR']), 'BR', null],
    ['hybrid with no country', r('hybrid', []), 'BR', null],
    ['unknown', r('unknown', ['BR']), 'BR', null],
    ['preference only is unknown, not excluded', classify({ location: 'Remote', description: 'Remote, but we prefer candidates in the US.' }), 'BR', null],
  ])('%s', (_name, result, country, expected) => {
    expect(eligibleFrom(result, country)).toBe(expected);
  });
});
