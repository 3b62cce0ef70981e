import { countryCode, findPlaceMentions } from '../normalize/geo.js';
import { foldForMatching } from '../normalize/text-fold.js';

/** A value read from the text, with the offsets of what it was read from. */
export interface Found {
  value: string;
  start: number;
  end: number;
}

// Calling codes and the national significant number lengths of the Americas and a few others seen on
// LATAM résumés. Argentina's mobiles carry a 9 after +54 ("+54 9 11 …"), hence 10–11.
const CALLING: { iso2: string; code: string; lengths: number[] }[] = [
  { iso2: 'BR', code: '55', lengths: [10, 11] },
  { iso2: 'MX', code: '52', lengths: [10] },
  { iso2: 'AR', code: '54', lengths: [10, 11] },
  { iso2: 'CO', code: '57', lengths: [10] },
  { iso2: 'CL', code: '56', lengths: [9] },
  { iso2: 'PE', code: '51', lengths: [9] },
  { iso2: 'UY', code: '598', lengths: [8] },
  { iso2: 'PY', code: '595', lengths: [9] },
  { iso2: 'BO', code: '591', lengths: [8] },
  { iso2: 'EC', code: '593', lengths: [9] },
  { iso2: 'VE', code: '58', lengths: [10] },
  { iso2: 'CR', code: '506', lengths: [8] },
  { iso2: 'PA', code: '507', lengths: [7, 8] },
  { iso2: 'GT', code: '502', lengths: [8] },
  { iso2: 'DO', code: '1', lengths: [10] },
  { iso2: 'US', code: '1', lengths: [10] },
  { iso2: 'CA', code: '1', lengths: [10] },
  { iso2: 'ES', code: '34', lengths: [9] },
  { iso2: 'PT', code: '351', lengths: [9] },
];

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
const LINKEDIN = /(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/in\/([\p{L}\p{N}_%-]+)/iu;
const GITHUB = /(?:https?:\/\/)?(?:www\.)?github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/iu;
// Digits with the usual phone punctuation, at least 8 digits in all; dates are ruled out by the caller's digit count.
const PHONE = /(?<![\p{L}\p{N}/.-])(?:\+|00)?\s?\(?\d[\d\s().-]{6,20}\d(?![\p{N}/])/gu;

function e164(raw: string, country: string | null): string | null {
  const digits = raw.replace(/\D/g, '');
  const international = raw.trim().startsWith('+') ? digits : raw.trim().startsWith('00') ? digits.slice(2) : null;
  if (international !== null) {
    const known = [...CALLING].sort((a, b) => b.code.length - a.code.length).find((c) => international.startsWith(c.code) && c.lengths.includes(international.length - c.code.length));
    return known ? `+${international}` : international.length >= 8 && international.length <= 15 ? `+${international}` : null;
  }
  // National numbers drop the trunk 0 ("(011) 98765-4321" in Brazil, "044 55 …" in Mexico).
  const national = digits.replace(/^0+/, '');
  const home = CALLING.find((c) => c.iso2 === country);
  if (home && home.lengths.includes(national.length)) return `+${home.code}${national}`;
  // Brazil's mobile shape "(DD) 9XXXX-XXXX" is distinctive enough to name the country on its own.
  if (!country && /^\(?\d{2}\)?\s?9\d{4}[\s-]?\d{4}$/.test(raw.trim())) return `+55${national}`;
  return null;
}

/** The country an international phone number belongs to, when its calling code is unambiguous. */
export function phoneCountry(phone: string | null): string | null {
  if (!phone) return null;
  const matches = CALLING.filter((c) => phone.startsWith(`+${c.code}`) && c.lengths.includes(phone.length - 1 - c.code.length));
  return matches.length === 1 ? matches[0]!.iso2 : null;
}

/** The first phone number in the text: E.164 when the country is known, else as written; `e164` says which. */
export function findPhone(text: string, country: string | null): (Found & { e164: boolean }) | null {
  for (const m of text.matchAll(PHONE)) {
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) continue;
    // Date ranges ("2019 - 2021", "03/2019 – 12/2021") share the shape but not the digit grouping.
    if (/^(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d$/.test(raw)) continue;
    const start = m.index + m[0].indexOf(raw);
    const formatted = e164(raw, country);
    return { value: formatted ?? raw, e164: formatted !== null, start, end: start + raw.length };
  }
  return null;
}

function found(m: RegExpExecArray | null, value: (m: RegExpExecArray) => string): Found | null {
  return m ? { value: value(m), start: m.index, end: m.index + m[0].length } : null;
}

export function findEmail(text: string): Found | null {
  return found(EMAIL.exec(text), (m) => m[0].toLowerCase());
}

export function findLinkedin(text: string): Found | null {
  return found(LINKEDIN.exec(text), (m) => `https://www.linkedin.com/in/${m[1]!.replace(/\/$/, '')}`);
}

export function findGithub(text: string): Found | null {
  return found(GITHUB.exec(text), (m) => `https://github.com/${m[1]}`);
}

const PARTICLES = new Set(['de', 'da', 'do', 'dos', 'das', 'del', 'la', 'las', 'los', 'y', 'e', 'van', 'von', 'di']);
// Words of a job title or a document label, which are capitalised like a name but are not one.
const NOT_NAME = /\b(?:curriculo|curriculum|resume|cv|vitae|engineer|engenheir|ingenier|scientist|cientista|cientifico|analyst|analista|developer|desenvolvedor|desarrollador|data|dados|datos|machine|learning|manager|gerente|lead|consultant|consultor|contato|contacto|contact)/u;

/** The first of the opening lines that looks like a person's name: 2–5 capitalised words, no digits, no @. */
export function findName(lines: string[]): string | null {
  for (const line of lines.slice(0, 6)) {
    const candidate = line.trim().replace(/^(?:nome|nombre|name)\s*:\s*/iu, '');
    if (!candidate || /[\d@/:|]/.test(candidate) || NOT_NAME.test(foldForMatching(candidate.normalize('NFC')))) continue;
    const words = candidate.split(/\s+/);
    const named = words.filter((w) => !PARTICLES.has(w.toLowerCase()));
    if (named.length < 2 || words.length > 6 || named.length > 5) continue;
    if (named.every((w) => /^\p{Lu}[\p{L}'’-]*\.?$/u.test(w))) return candidate.normalize('NFC');
  }
  return null;
}

/**
 * City and country named in the résumé's contact block; emails and links are left out. Offsets are
 * those of `block`, which callers pass with everything outside the contact block blanked.
 */
export function findLocation(block: string): { city: Found | null; country: Found | null } {
  // Same-length blanks, so that offsets found in the cleaned text still point into `block`.
  const clean = block.replace(/\S+@\S+|\S*(?:https?:\/\/|www\.|linkedin\.com|github\.com)\S*/giu, (m) => ' '.repeat(m.length));
  const places = findPlaceMentions(clean).filter((m) => m.kind !== 'region');
  const countryMention = places.find((m) => m.kind === 'country');
  const labelled = /(?:pais|país|country)\s*:\s*([^\n,|]+)/iu.exec(clean);
  const labelledCode = labelled ? countryCode(labelled[1]!) : null;
  const cityMentions = places.filter((m) => m.kind === 'city');
  const countryCodeFound = countryMention?.countries[0] ?? labelledCode;
  const city = cityMentions.find((c) => c.countries[0] === countryCodeFound) ?? cityMentions[0];
  let country: Found | null = null;
  if (countryMention) country = { value: countryMention.countries[0]!, start: countryMention.start, end: countryMention.end };
  else if (labelled && labelledCode) {
    const start = labelled.index + labelled[0].indexOf(labelled[1]!);
    country = { value: labelledCode, start, end: start + labelled[1]!.trimEnd().length };
  } else if (city) country = { value: city.countries[0]!, start: city.start, end: city.end };
  return { city: city ? { value: city.city!, start: city.start, end: city.end } : null, country };
}
