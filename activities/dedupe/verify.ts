import { findPlaceMentions } from '../normalize/geo.js';
import type { RemoteScope } from '../normalize/remote-scope.js';
import { companyPrefixKeys, employerTag, sameEmployer } from './company-name.js';
import { DEFAULT_MINHASH, estimateJaccard, minhashSignature } from './minhash.js';
import type { MinhashOptions } from './minhash.js';

/** What the near-duplicate check reads of a posting; `text` is the plain-text description. */
export interface DedupePosting {
  id: string;
  title: string;
  company: string | null;
  location: string | null;
  remoteScope?: RemoteScope | null;
  /** ISO date or date-time. */
  postedAt: string | null;
  text: string;
}

/**
 * Defaults tuned on fixtures/dedupe/pairs.jsonl (see bench/dedupe.ts, which re-tunes and prints
 * the cross-validated F1). A pair is a duplicate when no veto applies and
 *   jaccardWeight·Ĵ + titleWeight·T ≥ minScore, Ĵ ≥ minJaccard and T ≥ minTitleSimilarity,
 * where Ĵ is the MinHash estimate over title + company + description and T the title token-set Jaccard.
 * Vetoes: different company keys, incompatible locations (different cities, a city outside the
 * other's countries, disjoint countries, on-site against a remote scope), conflicting seniority,
 * or more than maxDaysApart days between the two postings (a job posted again months later is a new opening).
 */
export interface Thresholds {
  minScore: number;
  minJaccard: number;
  minTitleSimilarity: number;
  jaccardWeight: number;
  titleWeight: number;
  maxDaysApart: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  minScore: 0.6,
  minJaccard: 0.3,
  minTitleSimilarity: 0.5,
  jaccardWeight: 0.6,
  titleWeight: 0.4,
  maxDaysApart: 60,
});

/** What verification reads of a posting besides its text, which the MinHash signature stands for. */
export type PostingFacts = Omit<DedupePosting, 'text' | 'postedAt'> & {
  /** Days since the epoch, or null when the date is unknown. */
  postedDay: number | null;
};

/**
 * A posting reduced to what verification compares: computed once per posting, small enough to keep
 * a million. Title, employer and place features are shared between postings that spell them alike.
 */
export interface PreparedPosting {
  id: string;
  signature: Uint32Array;
  title: TitleFeatures;
  /** See companyPrefixKeys: the last one is the company key. */
  companyKeys: readonly string[];
  /** See employerTag: postings with different non-zero tags are never the same employer. */
  employerTag: number;
  places: Places;
  remoteScope: RemoteScope | null;
  /** Days since the epoch, or null when the date is unknown. */
  postedDay: number | null;
}

export interface TitleFeatures {
  /** Sorted, unique 30-bit hashes of the title's words, the level and noise words left out. */
  tokens: readonly number[];
  seniority: string | null;
}

interface Places {
  countries: readonly string[];
  cities: readonly string[];
}

export interface VerifyReasons {
  jaccard: number;
  titleSimilarity: number;
  /** null when either posting has no company name. */
  sameCompany: boolean | null;
  locationCompatible: boolean;
  seniorityConflict: boolean;
  daysApart: number | null;
  vetoes: string[];
}

export interface VerifyResult {
  duplicate: boolean;
  score: number;
  reasons: VerifyReasons;
}

// Spelling variants of one level, and the words of a title that say where or how, not what.
const SENIORITY: Record<string, string> = {
  sr: 'senior', senior: 'senior', jr: 'junior', junior: 'junior', pleno: 'mid', mid: 'mid', ssr: 'semisenior', semisenior: 'semisenior',
  lead: 'lead', lider: 'lead', staff: 'staff', principal: 'principal', trainee: 'intern', estagio: 'intern', estagiario: 'intern', intern: 'intern', pasante: 'intern',
  // Brazilian "Pl" for Pleno, and the ladders of US companies ("Data Engineer II").
  pl: 'mid', ii: 'mid', iii: 'senior',
};
// A step above Sênior on Brazilian ladders, but also a role name ("Especialista em Dados"): it
// counts only when the title names no other level.
const WEAK_SENIORITY: Record<string, string> = { especialista: 'staff' };
const TITLE_NOISE = new Set([
  'remote', 'remoto', 'remota', 'hybrid', 'hibrido', 'hibrida', 'home', 'office', 'vaga', 'vacante', 'job', 'latam', 'brasil', 'brazil', 'mexico', 'colombia',
  'argentina', 'chile', 'pj', 'clt', 'full', 'time', 'tiempo', 'completo', 'integral', 'm', 'f', 'd', 'x', 'h', 'a', 'o', 'e', 'y', 'de', 'da', 'do', 'en', 'em', 'in', 'of', 'the', 'and', 'para', 'for',
]);

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** FNV-1a of the word, kept to 30 bits so token lists stay small integers rather than boxed numbers. */
function hashToken(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

function titleFeatures(title: string): TitleFeatures {
  // "Semi Senior" and "Semi-Sr" are one level in Spanish-speaking boards, not "senior".
  const words = fold(title)
    .replace(/\bsemi[\s-]*(senior|sr)\b/g, 'semisenior')
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter((word) => word && !TITLE_NOISE.has(word));
  let seniority: string | null = null;
  const hashes = new Set<number>();
  for (const word of words) {
    // The level is compared on its own (a conflict vetoes); as a shared word it would make
    // "Cientista de Dados Sênior" and "Engenheiro de Dados Sênior" look half alike.
    const level = SENIORITY[word];
    if (level) seniority ??= level;
    else hashes.add(hashToken(word));
  }
  seniority ??= words.map((word) => WEAK_SENIORITY[word]).find(Boolean) ?? null;
  return { tokens: [...hashes].sort((x, y) => x - y), seniority };
}

/**
 * `compute(key)`, remembered: titles, employer names and locations repeat a lot across postings.
 * The bound only protects against an endless stream of distinct keys.
 */
function memo<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    if (cache.size >= 50_000) cache.clear();
    cache.set(key, value);
  }
  return value;
}

const titleCache = new Map<string, TitleFeatures>();
const companyCache = new Map<string, readonly string[]>();
const placeCache = new Map<string, Places>();

/**
 * Countries and cities a location names. A city right after another one, with only a comma or dash
 * between, is the first one's state or province ("Ribeirão Preto, SP", "Monterrey, Nuevo León"),
 * not a second office: read as a city it would make openings in two cities look compatible.
 */
function findLocationPlaces(location: string): Places {
  const countries = new Set<string>();
  const cities = new Set<string>();
  let previous: { kind: string; end: number } | null = null;
  for (const m of findPlaceMentions(location)) {
    if (m.kind === 'region') continue;
    countries.add(m.countries[0]!);
    const region = previous?.kind === 'city' && /^[\s,–-]*$/.test(location.normalize('NFC').slice(previous.end, m.start));
    if (m.city && !region) cities.add(m.city);
    previous = m;
  }
  return { countries: [...countries], cities: [...cities] };
}

const NO_PLACES: Places = { countries: [], cities: [] };

function placesOf(location: string | null): Places {
  return location ? memo(placeCache, location, findLocationPlaces) : NO_PLACES;
}

function postedDay(postedAt: string | null): number | null {
  if (!postedAt) return null;
  const ms = Date.parse(postedAt);
  return Number.isNaN(ms) ? null : Math.floor(ms / 86_400_000);
}

/** The text the signature covers: title and company count as words of the posting, as the issue asks. */
export function signatureText(posting: Pick<DedupePosting, 'title' | 'company' | 'text'>): string {
  return `${posting.title}\n${posting.company ?? ''}\n${posting.text}`;
}

export function preparePosting(posting: DedupePosting, minhash: Partial<MinhashOptions> = DEFAULT_MINHASH, into?: Uint32Array): PreparedPosting {
  return prepareFacts({ ...posting, postedDay: postedDay(posting.postedAt) }, minhashSignature(signatureText(posting), minhash, into));
}

/** A posting whose signature is already known (stored by an earlier run), ready for verification. */
export function prepareFacts(posting: PostingFacts, signature: Uint32Array): PreparedPosting {
  const companyKeys = posting.company ? memo(companyCache, posting.company, companyPrefixKeys) : [];
  return {
    id: posting.id,
    signature,
    title: memo(titleCache, posting.title, titleFeatures),
    companyKeys,
    employerTag: employerTag(companyKeys),
    places: placesOf(posting.location),
    remoteScope: posting.remoteScope ?? null,
    postedDay: posting.postedDay,
  };
}

function sortedJaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

const REMOTE_SCOPES: ReadonlySet<RemoteScope> = new Set(['global', 'latam', 'americas']);
const ON_SITE: ReadonlySet<RemoteScope> = new Set(['onsite', 'hybrid']);

function locationsCompatible(a: PreparedPosting, b: PreparedPosting): boolean {
  if (a.remoteScope && b.remoteScope) {
    const crossed = (x: RemoteScope, y: RemoteScope) => ON_SITE.has(x) && REMOTE_SCOPES.has(y);
    if (crossed(a.remoteScope, b.remoteScope) || crossed(b.remoteScope, a.remoteScope)) return false;
  }
  const pa = a.places;
  const pb = b.places;
  // A location naming no place ("Remote", "Worldwide", "LATAM") is compatible with any other.
  if (pa.countries.length === 0 || pb.countries.length === 0) return true;
  if (pa.cities.length > 0 && pb.cities.length > 0) return pa.cities.some((city) => pb.cities.includes(city));
  return pa.countries.some((country) => pb.countries.includes(country));
}

/**
 * The verdict on a pair. With `explain` it computes every reason and collects every veto; without,
 * it stops at the first veto and returns null for a non-duplicate, which is what makes verifying
 * tens of millions of candidate pairs cheap. Cheap checks come first.
 */
function judge(a: PreparedPosting, b: PreparedPosting, t: Thresholds, explain: boolean): VerifyResult | null {
  // Allocated only when explaining: the batch path runs this tens of millions of times.
  const vetoes: string[] | null = explain ? [] : null;
  const veto = (reason: string) => (vetoes?.push(reason), vetoes === null);
  const sameCompany = a.companyKeys === b.companyKeys || sameEmployer(a.companyKeys, b.companyKeys);
  if (sameCompany === false && veto('company')) return null;
  const locationCompatible = locationsCompatible(a, b);
  if (!locationCompatible && veto('location')) return null;
  const seniorityConflict = a.title.seniority !== null && b.title.seniority !== null && a.title.seniority !== b.title.seniority;
  if (seniorityConflict && veto('seniority')) return null;
  const daysApart = a.postedDay !== null && b.postedDay !== null ? Math.abs(a.postedDay - b.postedDay) : null;
  if (daysApart !== null && daysApart > t.maxDaysApart && veto('date')) return null;
  const titleSimilarity = sortedJaccard(a.title.tokens, b.title.tokens);
  if (titleSimilarity < t.minTitleSimilarity && veto('title')) return null;
  const jaccard = estimateJaccard(a.signature, b.signature);
  if (jaccard < t.minJaccard && veto('jaccard')) return null;
  const score = t.jaccardWeight * jaccard + t.titleWeight * titleSimilarity;
  const duplicate = (vetoes === null || vetoes.length === 0) && score >= t.minScore;
  if (!duplicate && !explain) return null;
  return { duplicate, score, reasons: { jaccard, titleSimilarity, sameCompany, locationCompatible, seniorityConflict, daysApart, vetoes: vetoes ?? [] } };
}

export function verifyPrepared(a: PreparedPosting, b: PreparedPosting, thresholds: Partial<Thresholds> = DEFAULT_THRESHOLDS): VerifyResult {
  return judge(a, b, { ...DEFAULT_THRESHOLDS, ...thresholds }, true) as VerifyResult;
}

/** The score of a pair verification accepts, else -1: the batch path, which needs no reasons. */
export function duplicateScore(a: PreparedPosting, b: PreparedPosting, thresholds: Thresholds): number {
  return judge(a, b, thresholds, false)?.score ?? -1;
}

/** Convenience for one pair; batch callers prepare each posting once and use verifyPrepared. */
export function verifyPair(a: DedupePosting, b: DedupePosting, thresholds: Partial<Thresholds> = DEFAULT_THRESHOLDS): VerifyResult {
  return verifyPrepared(preparePosting(a), preparePosting(b), thresholds);
}
