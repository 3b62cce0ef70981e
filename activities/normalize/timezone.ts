import { allMatches } from './all-matches.js';
import { foldLines } from './text-fold.js';

export interface TimezoneWindow {
  /** Hours from UTC of the westernmost zone the job names (UTC-3 → -3). */
  minUtcOffset: number;
  /** Hours from UTC of the easternmost zone the job names. */
  maxUtcOffset: number;
  /** The span of the text the window was read from. */
  text: string;
}

type Range = [number, number];

// Named zones map to their standard-time offset all year: "EST", "EDT" and "Eastern Time" are all
// UTC-5. Ads rarely say which half of the year they mean, and an hour of error matters less than a
// window that shifts twice a year under the same words.
const ABBREVIATIONS: Record<string, Range> = {
  EST: [-5, -5], EDT: [-5, -5], CST: [-6, -6], CDT: [-6, -6], MST: [-7, -7], MDT: [-7, -7],
  PST: [-8, -8], PDT: [-8, -8], AKST: [-9, -9], HST: [-10, -10], ADT: [-4, -4],
  BRT: [-3, -3], BRST: [-3, -3], COT: [-5, -5], VET: [-4, -4], UYT: [-3, -3], PYT: [-4, -4],
  BST: [0, 0], CET: [1, 1], CEST: [1, 1], EET: [2, 2], EEST: [2, 2], MSK: [3, 3],
  IST: [5.5, 5.5], SGT: [8, 8], HKT: [8, 8], JST: [9, 9], KST: [9, 9], AWST: [8, 8], AEST: [10, 10], AEDT: [10, 10],
  NZST: [12, 12], NZDT: [12, 12],
  // Also everyday words or other acronyms ("PT" is Portuguese, "AST" a syntax tree): these count
  // only with time words around them, next to another zone, or with a ± tolerance.
  ET: [-5, -5], CT: [-6, -6], MT: [-7, -7], PT: [-8, -8], AST: [-4, -4], ART: [-3, -3], PET: [-5, -5], ECT: [-5, -5],
  BOT: [-4, -4], NST: [-3.5, -3.5], WET: [0, 0], SAST: [2, 2],
};
const WEAK = new Set(['ET', 'CT', 'MT', 'PT', 'AST', 'ART', 'PET', 'ECT', 'BOT', 'NST', 'WET', 'SAST']);

// Spelled-out zones and regions, matched on folded text (lower case, no accents).
const NAMES: [string, Range][] = [
  ['central european (?:standard |summer )?time|horario (?:da europa central|de europa central)', [1, 1]],
  ['(?:us )?eastern (?:standard |daylight )?time|(?:us )?eastern hours|east coast (?:time|hours)|hora(?:rio)? del este(?: de (?:ee\\.? ?uu\\.?|estados unidos))?|horario da costa leste', [-5, -5]],
  ['(?:us )?central (?:standard |daylight )?time|hora(?:rio)? del centro(?: de mexico)?|mexico city time|hora de (?:la ciudad de )?mexico', [-6, -6]],
  ['(?:us )?mountain (?:standard |daylight )?time', [-7, -7]],
  ['(?:us )?pacific (?:standard |daylight )?time|(?:us )?pacific hours|west coast (?:time|hours)|hora(?:rio)? del pacifico|horario do pacifico', [-8, -8]],
  ['(?:horario|hora|fuso(?: horario)?)(?: oficial)? de (?:brasilia|sao paulo)|brasilia (?:standard )?time|brazil(?:ian)? time|horario brasileiro', [-3, -3]],
  ['hora (?:de )?argentina|argentina time|hora de buenos aires', [-3, -3]],
  ['hora (?:de )?chile|chile time|hora de santiago', [-4, -4]],
  ['hora (?:de )?colombia|colombia time|hora de bogota|hora (?:de )?peru|peru time|hora de lima', [-5, -5]],
  ['(?:uk|london|british) time', [0, 0]],
  ['india(?:n)? (?:standard )?time', [5.5, 5.5]],
  ['(?:us|u\\.s\\.|american|north american) (?:time ?zones?|business hours|working hours|hours)|horario (?:americano|dos eua)|horario de (?:ee\\.? ?uu\\.?|estados unidos)', [-8, -5]],
  ['(?:eu|european|europe) (?:time ?zones?|business hours|working hours|hours)|horario europeo|horario europeu', [0, 2]],
  ['(?:latam|latin american?|latin america) (?:time ?zones?|business hours|working hours|hours)|horario (?:de )?latam', [-6, -3]],
  ['americas (?:time ?zones?|business hours|working hours|hours)', [-8, -3]],
];

const OFFSET = '(?:UTC|GMT|utc|gmt)(?:\\s*\\/\\s*(?:UTC|GMT))?(?:\\s*([+\\-−–]\\s*\\d{1,2}(?:[:h.]?\\d{2}|h)?))?';
const TOKEN_CS = new RegExp(`(?<![\\p{L}\\p{N}])(?:${OFFSET}|(${Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length).join('|')}))(?![\\p{L}\\p{N}])`, 'gu');
// Every spelled-out zone says one of these and is at most NAMED_REACH characters long (the longest,
// "horario del este de estados unidos", has 34): the long alternation runs only over the stretches
// within that reach of one of them, not over all of a description ("time" is Portuguese for team).
const NAMED_LITERALS = ['time', 'hour', 'hora', 'fuso'];
const NAMED_REACH = 40;
const TOKEN_NAMED = new RegExp(`(?<![\\p{L}\\p{N}])(?:${NAMES.map(([p]) => `(${p})`).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
// "UTC-5 to -3": the second end of a range may leave out "UTC".
const BARE_OFFSET = /^\s*(?:to|a|ate|hasta|and|e|y|-|–|\/)\s*([+\-−]\s*\d{1,2}(?::?\d{2})?)(?!\s*(?:h\b|hs\b|hrs?\b|hours?\b|horas?\b)|\d)/u;

// What may stand between two zones of one window: "UTC-3 to UTC+1", "EST/PST", "entre BRT y CET".
const CONNECTOR = /^[\s(),/~&–—-]*(?:(?:to|and|or|through|thru|until|ate|a|e|ou|y|o|hasta|and\/or)[\s(),]*)?$/u;
const TOLERANCE = '(?:±|\\+\\/-|\\+-|\\+\\/−|plus or minus|mais ou menos|mas o menos|more or less)';
const HOURS = '(?:h|hs|hrs?|hours?|horas?)';
const TOLERANCE_AFTER = new RegExp(`^\\s*\\(?\\s*${TOLERANCE}\\s*(\\d{1,2}(?:[.,]5)?)\\s*${HOURS}?(?![\\p{L}])\\)?`, 'u');
const TOLERANCE_BEFORE = new RegExp(`(?:${TOLERANCE}|within|up to|ate|dentro de|hasta)\\s*(\\d{1,2}(?:[.,]5)?)\\s*${HOURS}\\s*(?:of|from|de|do|da|del)\\s+(?:the |o |el )?$`, 'u');
const TIME_WORDS_AFTER = /^\s*(?:time|hours|business hours|working hours|time ?zones?|zone|hrs)\b/u;
// Sentences that state a requirement win over zones mentioned in passing ("our office in Berlin (CET)").
const REQUIREMENT = /overlap|time ?zone|business hours|working hours|horario|fuso|zona horaria|hours? of|within/u;

interface Token { start: number; end: number; range: Range; weak: boolean; offset: boolean }

function parseOffset(raw: string): number {
  const sign = /^[-−–]/.test(raw) ? -1 : 1;
  const digits = raw.replace(/[^\d]/g, '');
  const [hours, minutes] = digits.length > 2 ? [digits.slice(0, -2), digits.slice(-2)] : [digits, '0'];
  return sign * (Number(hours) + Number(minutes) / 60);
}

const isSpace = (text: string, at: number) => /\s/.test(text.charAt(at));

/**
 * The stretches of the folded text within NAMED_REACH of a NAMED_LITERALS word, in order, each widened
 * to whitespace or an end of the text: there the look-behind and look-ahead of TOKEN_NAMED read as at
 * the edges of a slice, so a slice has the matches the whole text has in it.
 */
function namedStretches(folded: string): [number, number][] {
  const around: [number, number][] = [];
  for (const word of NAMED_LITERALS) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) around.push([at - NAMED_REACH, at + word.length + NAMED_REACH]);
  }
  around.sort((a, b) => a[0] - b[0]);
  const stretches: [number, number][] = [];
  for (let [from, to] of around) {
    from = Math.max(0, from);
    to = Math.min(folded.length, to);
    while (from > 0 && !isSpace(folded, from - 1)) from--;
    while (to < folded.length && !isSpace(folded, to)) to++;
    const last = stretches[stretches.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else stretches.push([from, to]);
  }
  return stretches;
}

function tokens(nfc: string, folded: string): Token[] {
  const found: Token[] = [];
  for (const m of allMatches(TOKEN_CS, nfc)) {
    const abbreviation = m[2];
    const range: Range = abbreviation ? ABBREVIATIONS[abbreviation]! : m[1] ? [parseOffset(m[1]), parseOffset(m[1])] : [0, 0];
    found.push({ start: m.index, end: m.index + m[0].length, range, weak: abbreviation !== undefined && WEAK.has(abbreviation), offset: !abbreviation });
  }
  for (const [from, to] of namedStretches(folded)) {
    for (const m of allMatches(TOKEN_NAMED, folded.slice(from, to))) {
      const which = m.slice(1).findIndex((g) => g !== undefined);
      found.push({ start: from + m.index, end: from + m.index + m[0].length, range: NAMES[which]![1], weak: false, offset: false });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found.filter((t, i) => i === 0 || t.start >= found[i - 1]!.end);
}

const SENTENCE_ENDS = '.!?;\n';

/**
 * Where the sentence holding `at` starts: after the last of SENTENCE_ENDS before it. Walked back by
 * hand, as /[^.!?;\n]*$/ over the text before would retry its run from every position of it.
 */
function sentenceStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && !SENTENCE_ENDS.includes(text.charAt(start - 1))) start--;
  return start;
}

/**
 * The range of UTC offsets in which a job expects its working hours: "UTC-3 to UTC+1", "GMT-5",
 * "EST", "ET ± 3 hours", "±3 hours of ET", "EST/PST business hours", "horário de Brasília". The first
 * window in a sentence about hours or overlap wins, else the first window; null when no zone is named.
 * How many hours of overlap an ad asks for ("overlap 4 hours with ET") is not part of the window.
 */
export function parseTimezoneWindow(text: string | readonly string[]): TimezoneWindow | null {
  // Lines (the location, the description) are read as one text, each folded once (see foldLines).
  const lines = (typeof text === 'string' ? [text] : text).map((line) => line.normalize('NFC'));
  const nfc = lines.join('\n');
  const folded = foldLines(lines);
  const all = tokens(nfc, folded);
  const windows: { window: TimezoneWindow; required: boolean }[] = [];
  for (let i = 0; i < all.length; ) {
    const group = [all[i]!];
    let end = all[i]!.end;
    for (i += 1; i < all.length && CONNECTOR.test(folded.slice(end, all[i]!.start)); i += 1) {
      group.push(all[i]!);
      end = all[i]!.end;
    }
    let [min, max] = [Math.min(...group.map((t) => t.range[0])), Math.max(...group.map((t) => t.range[1]))];
    const bare = group[group.length - 1]!.offset ? BARE_OFFSET.exec(folded.slice(end)) : null;
    if (bare) {
      const offset = parseOffset(bare[1]!);
      [min, max] = [Math.min(min, offset), Math.max(max, offset)];
      end += bare[0].length;
    }
    const start = group[0]!.start;
    const before = TOLERANCE_BEFORE.exec(folded.slice(Math.max(0, start - 40), start));
    const after = TOLERANCE_AFTER.exec(folded.slice(end));
    const tolerance = Number((after?.[1] ?? before?.[1] ?? '0').replace(',', '.'));
    const windowStart = before ? start - before[0].length : start;
    if (after) end += after[0].length;
    // "fuso de Brasília (GMT-3)": keep the bracket the connector opened.
    const span = nfc.slice(windowStart, end);
    if (nfc[end] === ')' && span.split('(').length > span.split(')').length) end += 1;
    const timeWords = TIME_WORDS_AFTER.test(folded.slice(end)) || /overlap(?:ping)? with\s+$/.test(folded.slice(Math.max(0, start - 20), start));
    if (group.length === 1 && group[0]!.weak && !tolerance && !timeWords) continue;
    const sentence = `${folded.slice(sentenceStart(folded, start), end)}${/^[^.!?;\n]*/.exec(folded.slice(end))![0]}`;
    windows.push({
      window: { minUtcOffset: min - tolerance, maxUtcOffset: max + tolerance, text: nfc.slice(windowStart, end).trim() },
      required: REQUIREMENT.test(sentence),
    });
  }
  return (windows.find((w) => w.required) ?? windows[0])?.window ?? null;
}

const JOB_HOURS: Range = [9, 18];

/** The user's UTC offset in hours at `at`, from the runtime's time-zone data (DST included). */
export function utcOffsetHours(ianaZone: string, at: Date = new Date()): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ianaZone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-]\d{1,2})(?::(\d{2}))?/.exec(name ?? '');
  if (!m) return 0;
  const hours = Number(m[1]);
  return hours + Math.sign(hours || 1) * (Number(m[2] ?? 0) / 60);
}

/**
 * Hours of the user's workday (local clock, default 9–18) that fall inside the job's business hours,
 * taken as 9–18 local time anywhere in the window. Uses the user's offset at `at` (now by default).
 */
export function overlapHours(window: TimezoneWindow, userIanaZone: string, workday: [number, number] = [9, 18], at: Date = new Date()): number {
  const user = utcOffsetHours(userIanaZone, at);
  const [userStart, userEnd] = [workday[0] - user, workday[1] - user];
  const [jobStart, jobEnd] = [JOB_HOURS[0] - window.maxUtcOffset, JOB_HOURS[1] - window.minUtcOffset];
  const userLength = Math.max(0, userEnd - userStart);
  if (jobEnd - jobStart >= 24) return userLength;
  let overlap = 0;
  // The day wraps: a user in Tokyo and a job in São Paulo meet across midnight UTC.
  for (const shift of [-24, 0, 24]) overlap += Math.max(0, Math.min(userEnd + shift, jobEnd) - Math.max(userStart + shift, jobStart));
  return Math.min(overlap, userLength);
}
