import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { allMatches } from './all-matches.js';
import { countLetters } from './letter-count.js';
import { foldForMatching } from './text-fold.js';

const iso2 = z.string().regex(/^[A-Z]{2}$/);
const placesSchema = z.object({
  version: z.string(),
  countries: z.array(z.object({ iso2, name: z.string(), aliases: z.array(z.string()), codes: z.array(z.string()) })),
  cities: z.array(
    z.object({
      name: z.string(),
      country: iso2,
      aliases: z.array(z.string()),
      codes: z.array(z.string()).default([]),
      // A name that is also a common word or surname ("Lima", "Natal", "Santiago").
      ambiguous: z.boolean().default(false),
    }),
  ),
  regions: z.array(z.object({ id: z.string(), aliases: z.array(z.string()), codes: z.array(z.string()), countries: z.array(iso2) })),
  // Phrases that contain a place name without naming a place ("horário de Brasília", "pt-BR", "US$").
  notPlaces: z.array(z.string()),
});

const PLACES_PATH = new URL('../../models/geo/places.json', import.meta.url);

export interface PlaceMention {
  kind: 'country' | 'city' | 'region';
  /** The span of the NFC text that matched. */
  text: string;
  start: number;
  end: number;
  /** ISO 3166-1 alpha-2: the country, the city's country, or every country of the region. */
  countries: string[];
  city?: string;
  region?: string;
}

type Target = { kind: 'country' | 'city' | 'region' | 'none'; countries: string[]; city?: string; region?: string; ambiguous?: boolean };

const data = placesSchema.parse(JSON.parse(readFileSync(PLACES_PATH, 'utf8')));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const region = (id: string) => new Set(data.regions.find((r) => r.id === id)?.countries ?? []);

export const LATAM_COUNTRIES: ReadonlySet<string> = region('latam');
export const AMERICAS_COUNTRIES: ReadonlySet<string> = region('americas');
export const REGION_COUNTRIES: ReadonlyMap<string, ReadonlySet<string>> = new Map(data.regions.map((r) => [r.id, new Set(r.countries)]));
const KNOWN_ISO2 = new Set(data.countries.map((c) => c.iso2));

// Names are matched case- and accent-insensitively; codes ("BR", "SP", "EU") only exactly as written,
// because in lower case they are everyday words ("eu" is Portuguese for "I", "usa" for "uses").
// The first entry to claim a name keeps it, so the JSON order settles clashes ("San José" is the one
// in Costa Rica unless written "San Jose, CA").
const byName = new Map<string, Target>();
const byCode = new Map<string, Target>();
function claim(map: Map<string, Target>, key: string, target: Target): void {
  if (key.length >= 2 && !map.has(key)) map.set(key, target);
}
const fold = (s: string) => foldForMatching(s.normalize('NFC').trim());
for (const phrase of data.notPlaces) claim(byName, fold(phrase), { kind: 'none', countries: [] });
for (const r of data.regions) {
  const target: Target = { kind: 'region', countries: r.countries, region: r.id };
  for (const alias of r.aliases) claim(byName, fold(alias), target);
  for (const code of r.codes) claim(byCode, code, target);
}
for (const c of data.countries) {
  const target: Target = { kind: 'country', countries: [c.iso2] };
  for (const alias of [c.name, ...c.aliases]) claim(byName, fold(alias), target);
  for (const code of c.codes) claim(byCode, code, target);
}
for (const c of data.cities) {
  const target: Target = { kind: 'city', countries: [c.country], city: c.name, ambiguous: c.ambiguous };
  for (const alias of [c.name, ...c.aliases]) claim(byName, fold(alias), target);
  for (const code of c.codes) claim(byCode, code, target);
}

const alternation = (keys: Iterable<string>) => [...keys].sort((a, b) => b.length - a.length).map(escape).join('|');
const NAME_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternation(byName.keys())})(?![\\p{L}\\p{N}_])`, 'gu');
const CODE_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternation(byCode.keys())})(?![\\p{L}\\p{N}_])`, 'gu');

// An ambiguous city name counts in a short, location-like text, next to a locative preposition,
// or when its country is named too; "Ana Lima, recruiter" in a long description is not Peru.
const SHORT_TEXT = 60;
const LOCATIVE_BEFORE = /(?:^|[\s(])(?:in|at|em|no|na|en|desde|from|near)\s+$/;

// In all-capital text, short codes are words: "JOIN US", "PER HOUR", "EU SOU".
function shouting(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - 30), start) + text.slice(end, end + 30);
  const { letters, upper } = countLetters(around);
  return letters >= 6 && upper / letters > 0.7;
}

/** Every country, city and region named in the text, in order, with the span that named it. */
export function findPlaceMentions(text: string): PlaceMention[] {
  const nfc = text.normalize('NFC');
  const folded = foldForMatching(nfc);
  const candidates: { start: number; end: number; target: Target }[] = [];
  for (const m of allMatches(NAME_PATTERN, folded)) {
    const target = byName.get(m[0]);
    if (target) candidates.push({ start: m.index, end: m.index + m[0].length, target });
  }
  for (const m of allMatches(CODE_PATTERN, nfc)) {
    const target = byCode.get(m[0]);
    if (!target || (m[0].replace(/\./g, '').length <= 3 && shouting(nfc, m.index, m.index + m[0].length))) continue;
    candidates.push({ start: m.index, end: m.index + m[0].length, target });
  }
  // Longest span wins where two overlap ("El Salvador" over "Salvador", "US$" over "US").
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof candidates = [];
  for (const c of candidates) if (!kept.length || c.start >= kept[kept.length - 1]!.end) kept.push(c);

  const named = new Set(kept.filter((c) => c.target.kind === 'country').flatMap((c) => c.target.countries));
  const mentions: PlaceMention[] = [];
  for (const { start, end, target } of kept) {
    if (target.kind === 'none') continue;
    if (target.ambiguous && nfc.trim().length > SHORT_TEXT && !named.has(target.countries[0]!) && !LOCATIVE_BEFORE.test(folded.slice(Math.max(0, start - 8), start))) continue;
    const mention: PlaceMention = { kind: target.kind, text: nfc.slice(start, end), start, end, countries: target.countries };
    if (target.city) mention.city = target.city;
    if (target.region) mention.region = target.region;
    mentions.push(mention);
  }
  return mentions;
}

/**
 * Countries (ISO 3166-1 alpha-2, including those of the cities found) and cities named in the text,
 * each once, in order of first mention; `evidence` is the text of each country and city mention.
 * Regions ("LATAM", "Europe") are not countries and are left out; `findPlaceMentions` has them.
 */
export function findPlaces(text: string): { countries: string[]; cities: { name: string; country: string }[]; evidence: string[] } {
  const countries = new Set<string>();
  const cities = new Map<string, { name: string; country: string }>();
  const evidence = new Set<string>();
  for (const m of findPlaceMentions(text)) {
    if (m.kind === 'region') continue;
    const country = m.countries[0]!;
    countries.add(country);
    if (m.city) cities.set(`${m.city}|${country}`, { name: m.city, country });
    evidence.add(m.text);
  }
  return { countries: [...countries], cities: [...cities.values()], evidence: [...evidence] };
}

/** A board's country field, as an ISO code ("br", "BR") or a name in any language ("Brasil"); null if unknown. */
export function countryCode(value: string): string | null {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && KNOWN_ISO2.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return findPlaces(trimmed).countries[0] ?? null;
}
