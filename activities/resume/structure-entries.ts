import { findPlaces } from '../normalize/geo.js';
import { foldForMatching } from '../normalize/text-fold.js';
import { locate, spanAt, type EducationEntry, type ExperienceEntry, type Span } from './draft.js';
import { findDateRanges, type FoundRange } from './structure-dates.js';

/** A line of the résumé text and the offset where it starts, so that fields keep their evidence. */
export interface Line {
  text: string;
  at: number;
}

/** An entry before its header is read into fields: the header lines, its dates and the lines under it. */
export interface RawEntry {
  header: Line[];
  /** The label line right above a dated line that carries its own header (LinkedIn puts the school there). */
  above: Line | null;
  dateLine: Line;
  range: FoundRange;
  body: Line[];
}

/** Where an entry's fields were read; offsets into the résumé text. */
export interface EntryEvidence {
  entry: Span;
  dates: Span;
  [field: string]: Span;
}

const BULLET = /^\s*(?:[-*•·▪◦●►–—]|\d+[.)])\s+/u;
// Role words mark the title among the parts of a header; otherwise the first part is the title.
const ROLE =
  /engineer|engenheir|ingenier|scientist|cientista|cientific|analyst|analista|developer|desenvolvedor|desarrollador|programador|manager|gerente|lead\b|head\b|lider|intern\b|estagiari|pasante|becari|consultant|consultor|specialist|especialista|architect|arquitet|researcher|pesquisador|investigador|director|diretor|coordenador|coordinador|founder|fundador|trainee|assistente|asistente|assistant|professor|docente|tecnico|technician/u;
const DEGREE =
  /bacharel|bachiller|bachelor|licenciatura|licenciad|graduacao|graduacion|tecnologo|tecnico|mestrado|maestria|magister|master|mba|doutorado|doctorado|phd|ph\.d|msc|m\.sc|bsc|b\.sc|especializacao|especializacion|pos-graduacao|posgrado|pos graduacao|engenharia|ingenieria|degree|diploma|ciencia|ciencias|science/u;
const INSTITUTION = /univers|faculdade|facultad|instituto|institute|college|escola|escuela|school|politecnic|fundacao|fundacion|academy|academia|centro universitario/u;
// Durations printed next to dates: "(2 anos e 3 meses)", "· 1 yr 4 mos", "3 años".
const DURATION = /\(?\s*\d+\s*(?:anos?|años?|years?|yrs?|mes(?:es)?|meses|months?|mos?)\b(?:\s*(?:e|y|and|,)?\s*\d+\s*(?:mes(?:es)?|meses|months?|mos?)\b)?\s*\)?/giu;
const SPLITTERS = [/\s+(?:at|@)\s+/iu, /\s+[—–]\s+|\s*[—–]\s*/u, /\s*\|\s*/u, /\s+-\s+/u, /\s*,\s+/u];

const fold = (s: string) => foldForMatching(s.normalize('NFC'));
const isBullet = (line: string) => BULLET.test(line);
// A full stop ends a sentence, except after an abbreviation that ends company names ("S.A.", "Ltda.").
const endsSentence = (line: string) => /[.;]$/.test(line) && !/(?:\b\p{Lu}\.){2,}$|\b(?:ltda|inc|corp|co|ltd|cia|llc|plc)\.$/iu.test(line);
// A header line is short and reads like a label, not a sentence of the previous job's description.
const headerLike = (line: string) => line.trim() !== '' && !isBullet(line) && line.trim().length <= 100 && !endsSentence(line.trim());

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
function splitHeader(lines: readonly string[], preferFirst: RegExp, secondLike?: RegExp): [string | null, string | null] {
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
  const cleaned = parts
    .map((p) => p.replace(/^[\s,;:–—|-]+|[\s,;:–—|-]+$/gu, '').trim())
    // "Banco Capibaribe (Recife)": where the job was is not part of the employer's name.
    .map((p) => p.replace(/\s*\(([^()]+)\)$/u, (whole, inside: string) => (isOnlyPlace(inside) ? '' : whole)))
    .filter(Boolean);
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
export function rawEntries(lines: readonly Line[], acceptSingle: boolean): RawEntry[] {
  const dated: { line: number; range: FoundRange }[] = [];
  lines.forEach((line, i) => {
    const range = findDateRanges(line.text).find((r) => r.kind !== 'single' || acceptSingle);
    if (range) dated.push({ line: i, range });
  });
  const entries: RawEntry[] = [];
  let floor = 0;
  const headerStarts: number[] = [];
  const labelAt = (i: number) => i >= floor && headerLike(lines[i]!.text) && !findDateRanges(lines[i]!.text).length;
  for (const [k, { line, range }] of dated.entries()) {
    const dateLine = lines[line]!;
    let header: Line[] = [];
    let above: Line | null = null;
    let headerStart = line;
    let bodyStart = line + 1;
    // The rest of the date line, as a line of its own: the text stays where it was, dates and places blanked.
    const rest = remainder(dateLine.text, range);
    if (rest) {
      header = [{ text: rest, at: dateLine.at }];
      if (labelAt(line - 1)) above = lines[line - 1]!;
    } else {
      let i = line - 1;
      while (i >= line - 2 && labelAt(i)) i -= 1;
      if (i < line - 1) {
        headerStart = i + 1;
        header = lines.slice(i + 1, line);
      } else if (line + 1 < lines.length && headerLike(lines[line + 1]!.text)) {
        header = [lines[line + 1]!];
        bodyStart = line + 2;
      }
    }
    headerStarts.push(headerStart);
    entries.push({ header, above, dateLine, range, body: lines.slice(bodyStart, dated[k + 1]?.line ?? lines.length) });
    floor = line + 1;
  }
  // A body stops where the next entry's header begins.
  entries.forEach((entry, k) => {
    const next = dated[k + 1];
    if (next) entry.body = entry.body.slice(0, Math.max(0, entry.body.length - (next.line - headerStarts[k + 1]!)));
  });
  return entries;
}

/** The entry's whole span and its dates', plus each named field located within the entry. */
function evidenceOf(text: string, raw: RawEntry, fields: Record<string, string | null>, withAbove = false): EntryEvidence {
  const first = (withAbove ? raw.above : null) ?? raw.header[0] ?? raw.dateLine;
  const lastLine = [...raw.body].reverse().find((l) => l.text.trim()) ?? raw.header.at(-1) ?? raw.dateLine;
  const from = Math.min(first.at, raw.dateLine.at);
  const to = Math.max(lastLine.at + lastLine.text.trimEnd().length, raw.dateLine.at + raw.dateLine.text.trimEnd().length);
  const dateStart = raw.dateLine.at + raw.range.index;
  const evidence: EntryEvidence = { entry: spanAt(text, from, to), dates: spanAt(text, dateStart, dateStart + raw.range.length) };
  for (const [field, value] of Object.entries(fields)) {
    const span = locate(text, value, from, to);
    if (span) evidence[field] = span;
  }
  return evidence;
}

const headerTexts = (raw: RawEntry) => raw.header.map((l) => l.text.trim());

export function toExperience(text: string, raw: RawEntry): { entry: ExperienceEntry; evidence: EntryEvidence } {
  const [title, company] = splitHeader(headerTexts(raw), ROLE);
  const entry: ExperienceEntry = {
    title,
    company,
    start: raw.range.start,
    end: raw.range.current ? null : raw.range.end,
    current: raw.range.current,
    text: raw.body.map((l) => l.text.trim()).filter(Boolean).join('\n'),
  };
  return { entry, evidence: evidenceOf(text, raw, { title, company }) };
}

export function toEducation(text: string, raw: RawEntry): { entry: EducationEntry; evidence: EntryEvidence } {
  let [degree, institution] = splitHeader(headerTexts(raw), DEGREE, INSTITUTION);
  // "Bachelor's degree, Computer Science · (2012 - 2016)" under the school's own line.
  const above = raw.above?.text.trim();
  const schoolAbove = !!above && INSTITUTION.test(fold(above)) && !(institution && INSTITUTION.test(fold(institution)));
  // "Mestrado em Estatística" on its own line, over "Universidade de Chile, 2017 – 2019".
  const degreeAbove = !schoolAbove && !degree && !!above && DEGREE.test(fold(above));
  if (schoolAbove) {
    degree = headerTexts(raw).join(' ').replace(/[\s·|,;:–—-]+$/u, '') || null;
    institution = above;
  } else if (degreeAbove) degree = above;
  const entry: EducationEntry = { degree, institution, start: raw.range.start, end: raw.range.current ? null : raw.range.end };
  return { entry, evidence: evidenceOf(text, raw, { degree, institution }, schoolAbove || degreeAbove) };
}
