import { findPlaces } from '../normalize/geo.js';
import type { RemoteScope } from '../normalize/remote-scope.js';
import { companyPrefixKeys, sameEmployer } from './company-name.js';
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

/** A posting reduced to what verification compares: computed once per posting, small enough to keep a million. */
export interface PreparedPosting {
  id: string;
  signature: Uint32Array;
  /** Sorted, unique hashes of the title's normalized words. */
  titleTokens: Uint32Array;
  seniority: string | null;
  /** See companyPrefixKeys: the last one is the company key. */
  companyKeys: string[];
  places: Places;
  remoteScope: RemoteScope | null;
  /** Days since the epoch, or null when the date is unknown. */
  postedDay: number | null;
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
};
const TITLE_NOISE = new Set([
  'remote', 'remoto', 'remota', 'hybrid', 'hibrido', 'hibrida', 'home', 'office', 'vaga', 'vacante', 'job', 'latam', 'brasil', 'brazil', 'mexico', 'colombia',
  'argentina', 'chile', 'pj', 'clt', 'full', 'time', 'tiempo', 'completo', 'integral', 'm', 'f', 'd', 'x', 'h', 'a', 'o', 'e', 'y', 'de', 'da', 'do', 'en', 'em', 'in', 'of', 'the', 'and', 'para', 'for',
]);

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function hashToken(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function titleFeatures(title: string): { tokens: Uint32Array; seniority: string | null } {
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
  return { tokens: Uint32Array.from(hashes).sort(), seniority };
}

const placeCache = new Map<string, Places>();

function placesOf(location: string | null): Places {
  if (!location) return { countries: [], cities: [] };
  let places = placeCache.get(location);
  if (!places) {
    const found = findPlaces(location);
    places = { countries: found.countries, cities: found.cities.map((c) => c.name) };
    // Locations repeat a lot; the bound only protects against an endless stream of distinct ones.
    if (placeCache.size >= 50_000) placeCache.clear();
    placeCache.set(location, places);
  }
  return places;
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
  const title = titleFeatures(posting.title);
  return {
    id: posting.id,
    signature: minhashSignature(signatureText(posting), minhash, into),
    titleTokens: title.tokens,
    seniority: title.seniority,
    companyKeys: companyPrefixKeys(posting.company),
    places: placesOf(posting.location),
    remoteScope: posting.remoteScope ?? null,
    postedDay: postedDay(posting.postedAt),
  };
}

function sortedJaccard(a: Uint32Array, b: Uint32Array): number {
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

export function verifyPrepared(a: PreparedPosting, b: PreparedPosting, thresholds: Partial<Thresholds> = DEFAULT_THRESHOLDS): VerifyResult {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const jaccard = estimateJaccard(a.signature, b.signature);
  const titleSimilarity = sortedJaccard(a.titleTokens, b.titleTokens);
  const sameCompany = sameEmployer(a.companyKeys, b.companyKeys);
  const locationCompatible = locationsCompatible(a, b);
  const seniorityConflict = a.seniority !== null && b.seniority !== null && a.seniority !== b.seniority;
  const daysApart = a.postedDay !== null && b.postedDay !== null ? Math.abs(a.postedDay - b.postedDay) : null;
  const vetoes: string[] = [];
  if (sameCompany === false) vetoes.push('company');
  if (!locationCompatible) vetoes.push('location');
  if (seniorityConflict) vetoes.push('seniority');
  if (daysApart !== null && daysApart > t.maxDaysApart) vetoes.push('date');
  if (jaccard < t.minJaccard) vetoes.push('jaccard');
  if (titleSimilarity < t.minTitleSimilarity) vetoes.push('title');
  const score = t.jaccardWeight * jaccard + t.titleWeight * titleSimilarity;
  return {
    duplicate: vetoes.length === 0 && score >= t.minScore,
    score,
    reasons: { jaccard, titleSimilarity, sameCompany, locationCompatible, seniorityConflict, daysApart, vetoes },
  };
}

/** Convenience for one pair; batch callers prepare each posting once and use verifyPrepared. */
export function verifyPair(a: DedupePosting, b: DedupePosting, thresholds: Partial<Thresholds> = DEFAULT_THRESHOLDS): VerifyResult {
  return verifyPrepared(preparePosting(a), preparePosting(b), thresholds);
}
