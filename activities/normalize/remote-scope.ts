import { allMatches } from './all-matches.js';
import { AMERICAS_COUNTRIES, LATAM_COUNTRIES, countryCode, findPlaceMentions, findPlaces } from './geo.js';
import { detectLanguage, type Language } from './language.js';
import { foldForMatching } from './text-fold.js';

export type RemoteScope = 'global' | 'latam' | 'americas' | 'brazil' | 'countries' | 'onsite' | 'hybrid' | 'unknown';

export interface ScopeResult {
  scope: RemoteScope;
  /**
   * Where the job may be done from (latam, americas, brazil, countries), or where its office is
   * (onsite, hybrid); empty for global. For unknown, the countries the text named, if any.
   */
  countries: string[];
  reasons: { field: string; text: string }[];
}

export interface ScopeInput {
  location: string | null;
  title: string;
  description: string;
  /** The posting's language, detectLanguage of the title and description, when the caller has it already. */
  language?: Language | null;
  structured?: {
    /** Get on Board: "fully_remote", "remote_local" (remote from the job's country), "hybrid", "no_remote". */
    remoteModality?: string | null;
    /** Gupy and others: "remote", "hybrid", "on-site". */
    workplaceType?: string | null;
    isRemote?: boolean | null;
    /** Where the board says the job is (its office), as names or ISO codes. */
    countries?: string[] | null;
    /** Himalayas: where the worker must live, as names; an empty list means the board says anywhere. */
    locationRestrictions?: string[] | null;
  };
}

type Modality = 'remote' | 'hybrid' | 'onsite' | 'not_remote';
type Reason = ScopeResult['reasons'][number];
type Area = Set<string> | 'global';

interface Signal {
  area: Area;
  /** Stated with "only", "must", "authorized to work in"…: overrides every looser statement. */
  required: boolean;
  excluded: boolean;
  fromCity: boolean;
  reason: Reason;
}


// Checked in order within one field; the first that matches gives the field's modality. A remote job
// may mention optional on-site meetups, a hybrid one the days at home, so "fully remote" outranks
// "hybrid", which outranks a bare "remote", which outranks a bare "on-site".
const HYBRID = /\b(?:hybrid|hibrid[oa]s?|semi-?presencial|semi-?remot[oa]|flex office)\b/u;
const MODALITY_RULES: [Modality, RegExp][] = [
  ['not_remote', /\b(?:not (?:a )?(?:fully |100% )?remote|no remote|non-remote|nao (?:e )?(?:100% )?remot[oa]|no es (?:100% )?remot[oa]|100% presencial|totalmente presencial|sem (?:possibilidade de )?(?:home office|trabalho remoto)|sin (?:posibilidad de )?(?:teletrabajo|trabajo remoto))\b/u],
  ['remote', /(?:100% ?remot[oa]s?|\bfully remote|\bfull[- ]remote|\btotalmente remot[oa]|\bcompletamente remot[oa]|100% home office|\bremote[- ]only|\bonly remote)\b/u],
  ['hybrid', HYBRID],
  ['remote', /\b(?:remote(?:ly)?(?! (?:sensing|monitoring|control|access|patient|devices?|servers?))|remot[oa]s?|remote-first|(?<!(?:auxilio|ajuda de custo|subsidio|bolsa|apoio) )home[- ]office(?! (?:allowance|stipend|budget|setup))|trabalho a distancia|trabajo a distancia|teletrabajo|teletrabalho|wfh|work from home|anywhere(?! (?:from|between) \$?\d))\b/u],
  ['onsite', /\b(?:on-?site|in[- ]office|in[- ]person|office[- ]based|presencial(?:es|mente)?|presenciais)\b/u],
];

const words = (list: string) => new Set(list.split(' '));
// A place in a description is about eligibility only near one of these ("residentes no Brasil",
// "hiring in LATAM", "authorized to work in the US")…
const CUES = words(
  'remote remotely remoto remota remotos remotas anywhere located based living live lives reside resides residing resident residents residente ' +
    'residentes residir resida residam morar moram moradores vivir viva vivan ubicado ubicada ubicados ubicadas localizado localizada candidates ' +
    'candidate candidatos candidatas candidato candidata applicants applicant postulantes talent talento talentos profissionais profesionales ' +
    'contractors contractor employees freelancers hire hires hiring contratar contratamos contratando contratacao contratacion open aberta aberto abierta ' +
    'abierto authorized authorised eligible elegivel citizens citizen cidadaos ciudadanos work working trabalhar trabajar location localizacao localidade ' +
    'ubicacion region regiao pais country countries within dentro qualquer cualquier only somente apenas solo solamente exclusively exclusivamente ' +
    'exclusivo exclusiva desde wfh',
);
// …unless one of these comes first, walking back: then it is where customers, offices or the team are.
const BLOCKERS = words(
  'team teams equipe equipes equipo equipos office offices escritorio escritorios oficina oficinas sede sedes headquarters headquartered hq clients ' +
    'client customers customer clientes cliente users usuarios partners parceiros socios stakeholders market markets mercado mercados company companies ' +
    'empresa empresas companhia compania startup founded fundada fundado leading leader lider largest maior mayor presence presenca presencia operations ' +
    'operacoes operaciones stores lojas tiendas comercios merchants lojistas banks bancos hospitals hospitais clinics clinicas brand marca universities ' +
    'community communities comunidade comunidades comunidad source spread encontros encuentros meetups meetup offsite offsites events eventos visits visitas trips viagens viajes travel growing expanding expansion expansao',
);
const REQUIRED = words(
  'only must required requires require requirement mandatory need needs needed exclusively authorized authorised authorization authorisation eligible ' +
    'eligibility citizens citizen citizenship solely somente apenas exclusivamente exclusivo exclusiva obrigatorio obrigatoria necessario necessaria deve ' +
    'devem precisa precisam imprescindivel indispensavel solo solamente unicamente excluyente indispensable requisito debe deben necesario obligatorio ' +
    'restricted limited',
);
const CUE_WINDOW = 8;

const PLACE = '§';
const SEGMENT_BREAK = /[.;!?\n()[\]{}|•·]|\s[-–—]\s|\b(?:but|mas|pero|however|porem|no entanto|sin embargo|although|embora|aunque)\b/gu;
const CONNECTORS = `(?:[\\s,/&+${PLACE}]|\\b(?:and|or|e|ou|y|o|u|the|el|la|los|las|os|as)\\b)*`;
const LIST_CONTINUES = new RegExp(`^${CONNECTORS}$`, 'u');
const PREFERENCE_BEFORE =
  /\b(?:prefer|prefers|preferred|preferably|preference|preferencia|preferencialmente|preferiblemente|preferible|preferente|ideally|idealmente|ideal|nice to have|bonus|would love|adorariamos|nos encantaria|desejavel|deseable|diferencial)\b/u;
const PREFERENCE_AFTER = new RegExp(
  `^(?:[\\s/&${PLACE}]|\\b(?:and|or|e|ou|y|o|u|is|are|would be|sera|es|e um|es un)\\b)*\\b(?:preferred|preferable|preferably|preferencialmente|de preferencia|preferivel|preferible|a plus|plus|diferencial|desejavel|deseable|nice to have|bonus)\\b`,
  'u',
);
const ONLY_AFTER = new RegExp(`^${CONNECTORS}(?:-?\\s*(?:residents?|citizens?|candidates?|based|residentes?)\\s+)?(?:only|exclusively|apenas|somente|solamente|unicamente|exclusivamente)\\b`, 'u');
const CUE_AFTER = /^\s*-?\s*(?:based|only|residents?|citizens?|candidates?|applicants?|talent|residentes?|candidat[oa]s?)\b/u;
const COMPANY_AFTER = /^\s*-?\s*(?:based\s+)?(?:\p{L}+\s+)?(?:company|startup|firm|business|market|clients?|customers?|stakeholders?|teams?|companies|offices?|operations|users|headquarters|hq|subsidiary|entity|mercado|clientes|empresas?|escritorio|oficina)\b/u;
const EXCLUSION_BEFORE = /(?:except|excluding|excludes|other than|outside(?: of)?|not in|not from|exceto|excluindo|fora d[oae]s?|excepto|excluyendo|salvo|fuera de|nao)\s+(?:(?:in|em|en|the|o|a|os|as|el|la|los|las|de|do|da|from)\s+)*$/u;
const TIME_ZONE_AFTER = /^\s*-?\s*(?:(?:central|eastern|pacific|mountain|standard)\s+)?(?:time ?zones?|timezones?|hours|business hours|working hours|time\b|horario|fuso|zonas? horarias?|hora\b)/u;
const ONLY = /^\s*(?:only|exclusively|apenas|somente|solamente|unicamente|exclusivamente)\b/u;
const PLACE_FOLLOWS = new RegExp(`^\\s*(?:in|within|across|em|no|na|nos|nas|do|da|dos|das|de|en|del|dentro d[eo])\\s+(?:(?:the|o|a|el|la)\\s+)?${PLACE}`, 'u');
// "anywhere" names no place but needs no cue ("anywhere from 3 to 5 years" is no place at all);
// "worldwide" needs one ("customers worldwide" is not a scope); "global" counts only in a location tag.
const GLOBAL = /(?<![\p{L}])(?:(anywhere(?: in the world)?(?! (?:from|between) \$?\d)|any country|any location|from any country|qualquer lugar(?: do mundo)?|qualquer parte do mundo|qualquer pais|cualquier (?:lugar|parte|pais)(?: del mundo)?)|worldwide|world-wide|world wide|globally|todo o mundo|mundo todo|todo el mundo|(global|mundial))(?![\p{L}])/gu;

// What a place inherits from the one before it in a list: "candidates in Brazil, Argentina or Chile".
interface ListState { end: number; cued: boolean; required: boolean; excluded: boolean }

interface Mention { start: number; end: number; area: Area; fromCity: boolean; selfCued: boolean; locationOnly: boolean }

/**
 * Where a field's text breaks into segments: the [start, end) of each SEGMENT_BREAK, found as far as
 * the places read so far need. The places come in order, and in a description the last of them is
 * often far from its end, where the search would find breaks nobody asks about.
 */
class Breaks {
  readonly #masked: string;
  readonly #found: [number, number][] = [];
  #searchFrom = 0;
  #done = false;

  constructor(masked: string) {
    this.#masked = masked;
  }

  /** The segment around [start, end): from the end of the last break before it to the start of the first after it. */
  around(start: number, end: number): [number, number] {
    this.#findUpTo(end);
    let segStart = 0;
    let segEnd = this.#masked.length;
    for (const [breakStart, breakEnd] of this.#found) {
      if (breakEnd <= start) segStart = breakEnd;
      else if (breakStart >= end) {
        segEnd = breakStart;
        break;
      }
    }
    return [segStart, segEnd];
  }

  /** Finds breaks until one starts at or after `at`, or the text ends. */
  #findUpTo(at: number): void {
    while (!this.#done && (this.#found.length === 0 || this.#found[this.#found.length - 1]![0] < at)) {
      SEGMENT_BREAK.lastIndex = this.#searchFrom;
      const b = SEGMENT_BREAK.exec(this.#masked);
      if (b === null) this.#done = true;
      else {
        this.#searchFrom = b.index + b[0].length;
        this.#found.push([b.index, this.#searchFrom]);
      }
    }
  }
}

function reasonText(nfc: string, segStart: number, segEnd: number, m: { start: number; end: number }): string {
  let from = Math.max(segStart, m.start - 60);
  let to = Math.min(segEnd, m.end + 40);
  // Clipped to whole words.
  if (from > segStart) from = nfc.indexOf(' ', from) + 1 || from;
  if (to < segEnd) to = Math.max(m.end, nfc.lastIndexOf(' ', to));
  return nfc.slice(Math.min(from, m.start), to).trim();
}

function hasCue(masked: string, breaks: Breaks, segStart: number, m: Mention, after: string): boolean {
  if (m.selfCued || CUE_AFTER.test(after)) return true;
  // A bracket or a dash continues the phrase before it: "Remote (US/Canada)", "Localização: Remoto - Brasil".
  // (Both are at most three characters long: only those are read.)
  const continued = /(?:\(|\s[-–—]\s)$/u.test(masked.slice(Math.max(0, segStart - 3), segStart));
  const from = continued ? breaks.around(segStart - 1, segStart - 1)[0] : segStart;
  const before = masked.slice(from, m.start).match(/\p{L}+/gu) ?? [];
  for (const word of before.slice(-CUE_WINDOW).reverse()) {
    if (BLOCKERS.has(word)) return false;
    if (CUES.has(word)) return true;
  }
  return false;
}

/** The places a field names, and for each whether it says who may apply, and how firmly. */
function readSignals(field: string, text: string): Signal[] {
  const nfc = text.normalize('NFC');
  const folded = foldForMatching(nfc);
  const looseField = field !== 'description';
  const mentions: Mention[] = findPlaceMentions(nfc).map((p) => ({
    start: p.start, end: p.end, area: new Set(p.countries), fromCity: p.kind === 'city', selfCued: false, locationOnly: false,
  }));
  for (const g of allMatches(GLOBAL, folded)) {
    if (mentions.some((m) => g.index < m.end && m.start < g.index + g[0].length)) continue;
    mentions.push({ start: g.index, end: g.index + g[0].length, area: 'global', fromCity: false, selfCued: g[1] !== undefined, locationOnly: g[2] !== undefined });
  }
  mentions.sort((a, b) => a.start - b.start);
  // Places become placeholders, so that lists ("Brazil, Argentina or Chile") and the words around
  // them read the same whatever the names; "anywhere" stays a word, the cue of the place after it.
  let masked = folded;
  for (const m of mentions) if (m.area !== 'global') masked = masked.slice(0, m.start) + PLACE.repeat(m.end - m.start) + masked.slice(m.end);

  const breaks = new Breaks(masked);
  const signals: Signal[] = [];
  let previous: ListState | null = null;
  // The signal of the list being read, so that "Brazil, Argentina or Chile" is one piece of evidence.
  let list: { signal: Signal; start: number } | null = null;
  for (const m of mentions) {
    const [segStart, segEnd] = breaks.around(m.start, m.end);
    const after = masked.slice(m.end, segEnd);
    const before = masked.slice(segStart, m.start);
    const inList: boolean = previous !== null && previous.end >= segStart && LIST_CONTINUES.test(masked.slice(previous.end, m.start));
    if (!inList) list = null;
    // "EU time zones only" restricts where one lives; "overlap with US time zones" does not.
    const timeZone = TIME_ZONE_AFTER.exec(after);
    const timeZoneOnly = timeZone !== null && ONLY.test(after.slice(timeZone[0].length));
    const onlyAfter = ONLY_AFTER.test(after) || timeZoneOnly;
    const current: ListState = inList && previous
      ? { ...previous, end: m.end, required: previous.required || onlyAfter }
      : {
          end: m.end,
          cued: looseField || onlyAfter || hasCue(masked, breaks, segStart, m, after),
          required: onlyAfter || (before.match(/\p{L}+/gu) ?? []).some((w) => REQUIRED.has(w)),
          excluded: EXCLUSION_BEFORE.test(masked.slice(Math.max(segStart, m.start - 30), m.start)),
        };
    previous = current;
    if (!current.cued || (m.locationOnly && !looseField) || PREFERENCE_BEFORE.test(before) || PREFERENCE_AFTER.test(after) || COMPANY_AFTER.test(after)) continue;
    if ((m.area === 'global' && PLACE_FOLLOWS.test(after)) || (timeZone && !timeZoneOnly)) continue;
    if (inList && list && list.signal.area !== 'global' && m.area !== 'global') {
      m.area.forEach((c) => (list!.signal.area as Set<string>).add(c));
      list.signal.required = current.required;
      list.signal.fromCity ||= m.fromCity;
      list.signal.reason.text = reasonText(nfc, segStart, segEnd, { start: list.start, end: m.end });
      continue;
    }
    const signal: Signal = {
      area: m.area === 'global' ? 'global' : new Set(m.area),
      required: current.required && m.area !== 'global',
      excluded: current.excluded,
      fromCity: m.fromCity,
      reason: { field, text: reasonText(nfc, segStart, segEnd, m) },
    };
    signals.push(signal);
    list = { signal, start: m.start };
  }
  return signals;
}

type ModalityMatch = { value: Modality; text: string; at: number };

function readModality(nfc: string, folded: string): ModalityMatch | null {
  for (const [value, pattern] of MODALITY_RULES) {
    const m = pattern.exec(folded);
    if (m) return { value, text: nfc.slice(m.index, m.index + m[0].length), at: m.index };
  }
  return null;
}

/**
 * One field's modality and signals, each read the first time it is asked for: most postings are
 * decided without the description's modality (the location or title states one) or without its
 * signals (on-site and hybrid jobs), and the description is by far the longest field to read.
 */
class FieldReading {
  readonly nfc: string;
  readonly folded: string;
  #modality: ModalityMatch | null | undefined;
  #signals: Signal[] | undefined;

  constructor(readonly field: string, value: string) {
    this.nfc = value.normalize('NFC');
    this.folded = foldForMatching(this.nfc);
  }

  get modality(): ModalityMatch | null {
    if (this.#modality === undefined) this.#modality = readModality(this.nfc, this.folded);
    return this.#modality;
  }

  get signals(): Signal[] {
    return (this.#signals ??= readSignals(this.field, this.nfc));
  }
}

function structuredModality(s: NonNullable<ScopeInput['structured']>): { value: Modality; reason: Reason; board: 'fully_remote' | 'remote_local' | null } | null {
  const modality = s.remoteModality?.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const byModality: Record<string, Modality> = { fully_remote: 'remote', remote_local: 'remote', temporarily_remote: 'remote', hybrid: 'hybrid', no_remote: 'onsite' };
  if (modality && byModality[modality]) {
    const board = modality === 'fully_remote' || modality === 'remote_local' ? modality : null;
    return { value: byModality[modality]!, reason: { field: 'structured.remoteModality', text: s.remoteModality! }, board };
  }
  const workplace = s.workplaceType?.trim().toLowerCase().replace(/[^a-z]/g, '');
  const byWorkplace: Record<string, Modality> = { remote: 'remote', hybrid: 'hybrid', onsite: 'onsite', presencial: 'onsite', office: 'onsite', inoffice: 'onsite' };
  if (workplace && byWorkplace[workplace]) return { value: byWorkplace[workplace]!, reason: { field: 'structured.workplaceType', text: s.workplaceType! }, board: null };
  if (typeof s.isRemote === 'boolean') return { value: s.isRemote ? 'remote' : 'not_remote', reason: { field: 'structured.isRemote', text: String(s.isRemote) }, board: null };
  return null;
}

function codes(values: string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map(countryCode).filter((c): c is string => c !== null))];
}

function union(signals: Signal[]): { area: Area; reasons: Reason[]; fromCity: boolean } {
  const excluded = new Set(signals.filter((s) => s.excluded).flatMap((s) => (s.area === 'global' ? [] : [...s.area])));
  const included = signals.filter((s) => !s.excluded);
  const reasons = included.map((s) => s.reason);
  const fromCity = included.some((s) => s.fromCity);
  if (included.some((s) => s.area === 'global')) return { area: 'global', reasons, fromCity };
  const area = new Set(included.flatMap((s) => [...(s.area as Set<string>)]).filter((c) => !excluded.has(c)));
  return { area, reasons, fromCity };
}

type Resolved = { area: Area; reasons: Reason[]; fromCity: boolean } | null;

function unique(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => !seen.has(`${r.field}\u0000${r.text}`) && seen.add(`${r.field}\u0000${r.text}`));
}

// Who may apply, strongest evidence first: the board's own restriction list, then anything the text
// states as a requirement (a "Worldwide" tag loses to "must be authorized to work in the US"), then
// a remote-local board flag, then what the location, title or description say, in that order, and
// last a board's "fully remote" or empty restriction list.
function resolveArea(s: NonNullable<ScopeInput['structured']>, fields: FieldReading[], board: 'fully_remote' | 'remote_local' | null): Resolved {
  const restrictions = s.locationRestrictions;
  if (restrictions && restrictions.length > 0) {
    const signals = restrictions.flatMap((r) => readSignals('structured.locationRestrictions', r));
    if (signals.length > 0) return union(signals);
  }
  const required = union(fields.flatMap((f) => f.signals.filter((sig) => sig.required)));
  if (required.area === 'global' || required.area.size > 0) return required;
  if (board === 'remote_local') {
    const local = [...codes(s.countries), ...(fields[0]!.signals.flatMap((sig) => (sig.area === 'global' ? [] : [...sig.area])))];
    if (local.length > 0) return { area: new Set(local), reasons: [{ field: 'structured.countries', text: (s.countries ?? []).join(', ') || fields[0]!.nfc }], fromCity: false };
  }
  // With a fully remote board flag, the location field is the office, not a rule.
  for (const f of board === 'fully_remote' ? fields.slice(1) : fields) {
    const resolved = union(f.signals);
    if (resolved.area === 'global' || resolved.area.size > 0) return resolved;
  }
  if (board === 'fully_remote' || (restrictions && restrictions.length === 0)) {
    const field = board === 'fully_remote' ? 'structured.remoteModality' : 'structured.locationRestrictions';
    return { area: 'global', reasons: [{ field, text: board ?? '[]' }], fromCity: false };
  }
  return null;
}

function sameSet(a: Set<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((c) => b.has(c));
}

function remoteResult(area: Set<string>, reasons: Reason[]): ScopeResult {
  if (sameSet(area, LATAM_COUNTRIES)) return { scope: 'latam', countries: [...LATAM_COUNTRIES].sort(), reasons };
  if (sameSet(area, AMERICAS_COUNTRIES)) return { scope: 'americas', countries: [...AMERICAS_COUNTRIES].sort(), reasons };
  if (area.size === 1 && area.has('BR')) return { scope: 'brazil', countries: ['BR'], reasons };
  return { scope: 'countries', countries: [...area].sort(), reasons };
}

/**
 * Where a job can be done from, with the evidence for it. Structured board fields decide first, then
 * the location, title and description, in English, Portuguese and Spanish.
 */
export function classifyRemoteScope(input: ScopeInput): ScopeResult {
  const result = decide(input);
  return { ...result, reasons: unique(result.reasons) };
}

function firstHybrid(fields: FieldReading[]): Reason | null {
  for (const f of fields) {
    const m = HYBRID.exec(f.folded);
    if (m) return { field: f.field, text: f.nfc.slice(m.index, m.index + m[0].length) };
  }
  return null;
}

function decide(input: ScopeInput): ScopeResult {
  const s = input.structured ?? {};
  const fields = [new FieldReading('location', input.location ?? ''), new FieldReading('title', input.title), new FieldReading('description', input.description)];
  const fromBoard = structuredModality(s);
  const fromText = fromBoard ? undefined : fields.find((f) => f.modality !== null);
  let modality = fromBoard?.value ?? fromText?.modality?.value ?? null;
  const reasons: Reason[] = [];
  if (fromBoard) reasons.push(fromBoard.reason);
  else if (fromText?.modality) reasons.push({ field: fromText.field, text: fromText.modality.text });
  // "Not remote" is on-site unless some field says hybrid.
  if (modality === 'not_remote') {
    const hybrid = firstHybrid(fields);
    if (hybrid) reasons.push(hybrid);
    modality = hybrid ? 'hybrid' : 'onsite';
  }

  if (modality === 'onsite' || modality === 'hybrid') {
    const located = new Set(codes(s.countries));
    for (const f of fields.slice(0, 2)) for (const sig of f.signals) if (sig.area !== 'global' && !sig.excluded) sig.area.forEach((c) => located.add(c));
    const description = fields[2]!;
    if (located.size === 0 && description.modality) {
      const at = description.modality.at;
      findPlaces(description.nfc.slice(Math.max(0, at - 80), at + 80)).countries.forEach((c) => located.add(c));
    }
    return { scope: modality, countries: [...located].sort(), reasons };
  }

  const resolved = resolveArea(s, fields, fromBoard?.board ?? null);
  if (resolved) {
    reasons.push(...resolved.reasons);
    if (resolved.area === 'global') return { scope: 'global', countries: [], reasons };
    // "São Paulo, Brazil" with no word on remote work is an office address, not an eligibility rule.
    if (modality === null && resolved.fromCity) return { scope: 'unknown', countries: [...resolved.area].sort(), reasons };
    return remoteResult(resolved.area, reasons);
  }
  // A remote ad written in Portuguese that names no place is, in practice, open to people in Brazil.
  const language = () => (input.language === undefined ? detectLanguage(`${input.title}\n${input.description}`) : input.language);
  if (modality === 'remote' && language() === 'pt') {
    return { scope: 'brazil', countries: ['BR'], reasons: [...reasons, { field: 'language', text: 'pt' }] };
  }
  return { scope: 'unknown', countries: [], reasons };
}

/** Whether someone living in the country may take the job: null when the posting does not say. */
export function eligibleFrom(result: ScopeResult, countryIso2: string): boolean | null {
  const country = countryIso2.toUpperCase();
  switch (result.scope) {
    case 'global':
      return true;
    case 'latam':
    case 'americas':
    case 'brazil':
    case 'countries':
      return result.countries.includes(country);
    case 'onsite':
    case 'hybrid':
      // In the office's country it depends on the city, which this does not know.
      return result.countries.length > 0 && !result.countries.includes(country) ? false : null;
    case 'unknown':
      return null;
  }
}
