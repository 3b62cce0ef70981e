import { findPlaces } from '../normalize/geo.js';
import { foldForMatching } from '../normalize/text-fold.js';
import { findDateRanges, type FoundRange } from './structure-dates.js';

export interface ExperienceEntry {
  title: string | null;
  company: string | null;
  start: string | null;
  end: string | null;
  current: boolean;
  text: string;
}

export interface EducationEntry {
  degree: string | null;
  institution: string | null;
  start: string | null;
  end: string | null;
}

/** An entry before its header is read into fields: the header lines, its dates and the lines under it. */
export interface RawEntry {
  header: string[];
  range: FoundRange;
  body: string[];
}

const BULLET = /^\s*(?:[-*•·▪◦●►–—]|\d+[.)])\s+/u;
// Role words mark the title among the parts of a header; otherwise the first part is the title.
const ROLE =
  /engineer|engenheir|ingenier|scientist|cientista|cientific|analyst|analista|developer|desenvolvedor|desarrollador|programador|manager|gerente|lead\b|head\b|lider|intern\b|estagiari|pasante|becari|consultant|consultor|specialist|especialista|architect|arquitet|researcher|pesquisador|investigador|director|diretor|coordenador|coordinador|founder|fundador|trainee|assistente|asistente|assistant|professor|docente|tecnico|technician/u;
const DEGREE =
  /bacharel|bachiller|bachelor|licenciatura|licenciad|graduacao|graduacion|tecnologo|tecnico|mestrado|maestria|master|mba|doutorado|doctorado|phd|ph\.d|msc|m\.sc|bsc|b\.sc|especializacao|especializacion|pos-graduacao|posgrado|pos graduacao|engenharia|ingenieria|degree|diploma|ciencia|ciencias|science/u;
const INSTITUTION = /univers|faculdade|facultad|instituto|institute|college|escola|escuela|school|politecnic|fundacao|fundacion|academy|academia|centro universitario/u;
// Durations printed next to dates: "(2 anos e 3 meses)", "· 1 yr 4 mos", "3 años".
const DURATION = /\(?\s*\d+\s*(?:anos?|años?|years?|yrs?|mes(?:es)?|meses|months?|mos?)\b(?:\s*(?:e|y|and|,)?\s*\d+\s*(?:mes(?:es)?|meses|months?|mos?)\b)?\s*\)?/giu;
const SPLITTERS = [/\s+(?:at|@)\s+/iu, /\s+[—–]\s+|\s*[—–]\s*/u, /\s*\|\s*/u, /\s+-\s+/u, /\s*,\s+/u];

const fold = (s: string) => foldForMatching(s.normalize('NFC'));
const isBullet = (line: string) => BULLET.test(line);
// A header line is short and reads like a label, not a sentence of the previous job's description.
const headerLike = (line: string) => line.trim() !== '' && !isBullet(line) && line.trim().length <= 100 && !/[.;]$/.test(line.trim());

/** What remains of a date line once dates, durations, locations-only parts and punctuation are gone. */
function remainder(line: string, range: FoundRange): string {
  const cut = `${line.slice(0, range.index)} ${line.slice(range.index + range.length)}`.replace(DURATION, ' ');
  const parts = cut.split(/\s*[|·•]\s*|\s+[—–-]\s+|[()]/u).map((p) => p.trim().replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/gu, ''));
  // A part that is only a place ("São Paulo, SP", "Remoto", "Bogotá, Colombia") is where, not who.
  const kept = parts.filter((p) => p && !isOnlyPlace(p));
  return kept.join(' — ');
}

function isOnlyPlace(part: string): boolean {
  if (/^(?:remoto|remote|hibrido|hybrid|presencial|on-?site|home office)$/iu.test(fold(part))) return true;
  const places = findPlaces(part);
  if (!places.evidence.length) return false;
  let rest = fold(part);
  for (const e of places.evidence) rest = rest.replace(fold(e), ' ');
  return rest.replace(/\b(?:remoto|remote|hibrido|hybrid|[a-z]{2})\b/gu, ' ').replace(/[^\p{L}]/gu, '') === '';
}

/** Splits a job or degree header into two parts, the one matching `preferFirst` first. */
function splitHeader(lines: string[], preferFirst: RegExp, secondLike?: RegExp): [string | null, string | null] {
  let parts: string[] = [];
  if (lines.length >= 2) parts = [lines[0]!, lines[1]!];
  else if (lines.length === 1) {
    for (const splitter of SPLITTERS) {
      const pieces = lines[0]!.split(splitter).map((p) => p.trim()).filter(Boolean);
      if (pieces.length >= 2) {
        parts = pieces;
        break;
      }
    }
    if (!parts.length) parts = [lines[0]!];
  }
  const cleaned = parts.map((p) => p.replace(/^[\s,;:–—|-]+|[\s,;:–—|-]+$/gu, '').trim()).filter(Boolean);
  let [first, second] = [cleaned[0] ?? null, cleaned[1] ?? null];
  if (first && second) {
    const firstMatches = preferFirst.test(fold(first));
    const swap = (!firstMatches && preferFirst.test(fold(second))) || (!!secondLike && secondLike.test(fold(first)) && !secondLike.test(fold(second)));
    if (swap) [first, second] = [second, first];
  } else if (first && secondLike && secondLike.test(fold(first)) && !preferFirst.test(fold(first))) {
    [first, second] = [null, first];
  }
  return [first, second];
}

/**
 * Entries of a section: each date range (or "since") starts one. Its header is the rest of the date
 * line, else up to two label lines right above it, else the label line right under it.
 */
export function rawEntries(lines: string[], acceptSingle: boolean): RawEntry[] {
  const dated: { line: number; range: FoundRange }[] = [];
  lines.forEach((line, i) => {
    const range = findDateRanges(line).find((r) => r.kind !== 'single' || acceptSingle);
    if (range) dated.push({ line: i, range });
  });
  const entries: RawEntry[] = [];
  let floor = 0;
  const headerStarts: number[] = [];
  for (const [k, { line, range }] of dated.entries()) {
    const rest = remainder(lines[line]!, range);
    let header: string[] = [];
    let headerStart = line;
    let bodyStart = line + 1;
    if (rest) header = [rest];
    else {
      let i = line - 1;
      while (i >= floor && i >= line - 2 && headerLike(lines[i]!) && !findDateRanges(lines[i]!).length) i -= 1;
      if (i < line - 1) {
        headerStart = i + 1;
        header = lines.slice(i + 1, line).map((l) => l.trim());
      } else if (line + 1 < lines.length && headerLike(lines[line + 1]!)) {
        header = [lines[line + 1]!.trim()];
        bodyStart = line + 2;
      }
    }
    headerStarts.push(headerStart);
    entries.push({ header, range, body: lines.slice(bodyStart, dated[k + 1]?.line ?? lines.length) });
    floor = line + 1;
  }
  // A body stops where the next entry's header begins.
  entries.forEach((entry, k) => {
    const next = dated[k + 1];
    if (next) entry.body = entry.body.slice(0, Math.max(0, entry.body.length - (next.line - headerStarts[k + 1]!)));
  });
  return entries;
}

export function toExperience(raw: RawEntry): ExperienceEntry {
  const [title, company] = splitHeader(raw.header, ROLE);
  return {
    title,
    company,
    start: raw.range.start,
    end: raw.range.current ? null : raw.range.end,
    current: raw.range.current,
    text: raw.body.map((l) => l.trim()).filter(Boolean).join('\n'),
  };
}

export function toEducation(raw: RawEntry): EducationEntry {
  const [degree, institution] = splitHeader(raw.header, DEGREE, INSTITUTION);
  return { degree, institution, start: raw.range.start, end: raw.range.current ? null : raw.range.end };
}
