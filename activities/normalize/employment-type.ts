import { allMatches } from './all-matches.js';
import type { ContractType } from './salary.js';
import { foldForMatching } from './text-fold.js';

export type EmploymentType = 'full_time' | 'part_time' | 'contract' | 'internship' | 'temporary';

export interface EmploymentTypeResult {
  type: EmploymentType | null;
  contract: ContractType | null;
  evidence: { field: string; text: string } | null;
}

export interface ContractMention {
  contract: ContractType;
  start: number;
  end: number;
}

/** Kinds of terms, each as its words, matched between word boundaries, and an alternative that is not ("(contract)"). */
type TermList<T> = [T, words: string, unbounded?: string][];

function termPattern(words: string, unbounded: string[]): RegExp {
  return new RegExp([`\\b(?:${words})\\b`, ...unbounded].join('|'), 'g');
}

/**
 * One pattern for any of the kinds' terms. Descriptions are long and these terms rare: one pass of
 * this single bounded alternation (which V8 scans several times faster than the kinds one by one)
 * tells where the kinds' own passes need to begin, and that none does in most descriptions. Every
 * match of a kind is a match of this pattern at the same place, so none starts before its first.
 */
function anyTerm(list: TermList<unknown>): RegExp {
  return termPattern(list.map(([, words]) => words).join('|'), list.flatMap(([, , unbounded]) => (unbounded ? [unbounded] : [])));
}

function kindPatterns<T>(list: TermList<T>): [T, RegExp][] {
  return list.map(([kind, words, unbounded]) => [kind, termPattern(words, unbounded ? [unbounded] : [])]);
}

// All patterns run on foldForMatching output: lower case, no accents.
const CONTRACT_TERMS: TermList<ContractType> = [
  ['clt', 'clt|carteira assinada|regime celetista|celetista'],
  ['pj', 'pj|pessoa juridica|cnpj|prestador(?:a)? de servicos?'],
  [
    'contractor',
    '(?:independent )?contractors?|contratistas?|monotributistas?|monotributo|honorarios|prestacion de servicios|contract(?:[- ]to[- ]hire)? (?:role|position|basis|job|work|engagement|opportunity)|(?:on an?|long[- ]term|short[- ]term|b2b|\\d+[- ]months?) contract',
    '\\(contract\\)',
  ],
  ['freelance', 'freelanc(?:e|er|ers|ing)|free-lance|freela|autonom[oa]'],
  ['internship', 'estagi(?:o|os|aria|ario|arias|arios)|internships?|interns?|pasantias?|pasantes?|practicas? profesionales?|practicantes?|becari[oa]s?|bolsa[- ]auxilio'],
];

const SCHEDULE_TERMS: TermList<'full_time' | 'part_time' | 'temporary'> = [
  ['part_time', 'part[- ]?time|meio[- ]periodo|periodo parcial|medio tiempo|media jornada|tiempo parcial|jornada parcial|half[- ]time'],
  ['full_time', 'full[- ]?time|tempo integral|periodo integral|jornada (?:completa|integral)|tiempo completo|relacion de dependencia|contrato (?:a termino|por tiempo|a plazo) indefinido'],
  ['temporary', 'temporar(?:y|io|ia|ios|ias)|fixed[- ]term|plazo fijo|tiempo determinado|prazo determinado|seasonal|sazonal'],
];

const CONTRACTS = kindPatterns(CONTRACT_TERMS);
const SCHEDULES = kindPatterns(SCHEDULE_TERMS);
const ANY_CONTRACT = anyTerm(CONTRACT_TERMS);
// Schedules are looked for with contracts: one pass finds where either kind may start.
const ANY_CONTRACT_OR_SCHEDULE = anyTerm([...CONTRACT_TERMS, ...SCHEDULE_TERMS]);

/** Where the first of the terms `any` stands for may start, or -1 when there is none. */
function firstTerm(folded: string, any: RegExp): number {
  any.lastIndex = 0;
  return any.exec(folded)?.index ?? -1;
}

// A board's own value is a bare word ("Contract", "TEMP"); free text needs the longer phrases
// above, because "smart contract" or "temp table" are not about the job.
const STRUCTURED_EXTRAS: [EmploymentType, ContractType | null, RegExp][] = [
  ['contract', 'contractor', /\b(?:contract|contrato|consultant|consulting|consultoria)\b/g],
  ['temporary', null, /\b(?:temp|temporal)\b/g],
  ['full_time', null, /\b(?:permanent|efetivo|indefinido|employee)\b/g],
];

// "Not a contract role", "não é PJ", "no es freelance": the mention rules the term out.
const NEGATED = /\b(?:not|nao|no|nem|sin|sem|never)\b(?: (?:a|an|um|uma|es|e|for|para|de))?\s*$/;
// "Freelance experience is a plus" describes the candidate's past, not this job.
const ABOUT_CANDIDATE_BEFORE = /\b(?:experiencia|experience)\s+(?:como|em|en|as|with|com|in)\s*$/;
const ABOUT_CANDIDATE_AFTER = /^\s*(?:experience|experiencia)\b/;

function counts(folded: string, start: number, end: number): boolean {
  const before = folded.slice(Math.max(0, start - 24), start);
  return !NEGATED.test(before) && !ABOUT_CANDIDATE_BEFORE.test(before) && !ABOUT_CANDIDATE_AFTER.test(folded.slice(end, end + 16));
}

/** Mentions of each kind that count, from `from` (the first term's start, -1 for none) on. */
function* mentions<T>(folded: string, kinds: [T, RegExp][], from: number): Generator<{ value: T; start: number; end: number }> {
  if (from < 0) return;
  for (const [value, pattern] of kinds) {
    // As allMatches finds them from the start, since none starts before `from` and no term is empty.
    pattern.lastIndex = from;
    for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
      const end = match.index + match[0].length;
      if (counts(folded, match.index, end)) yield { value, start: match.index, end };
    }
  }
}

function contractsFrom(folded: string, from: number): ContractMention[] {
  return [...mentions(folded, CONTRACTS, from)].map(({ value, start, end }) => ({ contract: value, start, end })).sort((a, b) => a.start - b.start);
}

/** Contract terms in folded text (CLT, PJ, contractor, freelance, internship), in reading order. */
export function findContracts(folded: string): ContractMention[] {
  return contractsFrom(folded, firstTerm(folded, ANY_CONTRACT));
}

const TYPE_OF_CONTRACT: Record<ContractType, EmploymentType> = {
  clt: 'full_time',
  pj: 'contract',
  contractor: 'contract',
  freelance: 'contract',
  internship: 'internship',
};

// Which type wins when one field names several: an internship or a part-time job is that whatever
// its contract, and "full-time" is also said of contract work, so it yields to everything.
const PRECEDENCE: EmploymentType[] = ['internship', 'part_time', 'temporary', 'contract', 'full_time'];

interface Signal {
  type: EmploymentType | null;
  contract: ContractType | null;
  start: number;
  end: number;
}

/** Schedules are looked for only while the type is open: a signal without a contract serves nothing else past a board's own field. */
function signalsIn(text: string, structured: boolean, typeOpen: boolean): { folded: string; original: string; signals: Signal[] } {
  const original = text.normalize('NFC');
  const folded = foldForMatching(original).replace(/_/g, ' ');
  const signals: Signal[] = [];
  const schedules = typeOpen || structured;
  const from = firstTerm(folded, schedules ? ANY_CONTRACT_OR_SCHEDULE : ANY_CONTRACT);
  if (schedules) for (const m of mentions(folded, SCHEDULES, from)) signals.push({ type: m.value, contract: null, start: m.start, end: m.end });
  const contracts = contractsFrom(folded, from);
  // "CLT ou PJ" leaves the choice open: neither term says what this job is.
  const undecided = new Set(contracts.map((c) => TYPE_OF_CONTRACT[c.contract])).size > 1;
  if (!undecided) for (const c of contracts) signals.push({ type: TYPE_OF_CONTRACT[c.contract], contract: c.contract, start: c.start, end: c.end });
  if (structured && signals.length === 0) {
    for (const [type, contract, pattern] of STRUCTURED_EXTRAS) {
      for (const m of allMatches(pattern, folded)) signals.push({ type, contract, start: m.index, end: m.index + m[0].length });
    }
  }
  return { folded, original, signals };
}

/**
 * Employment type and contract from a board's structured value first, then the title, then the
 * description, in Portuguese, Spanish or English. Each answer comes from the first field that has
 * one; the evidence is the words that decided the type (or the contract when the type is unknown).
 */
export function parseEmploymentType(fields: { employmentType?: string | null; title: string; description: string }): EmploymentTypeResult {
  const ordered: [string, string, boolean][] = [
    ['employmentType', fields.employmentType ?? '', true],
    ['title', fields.title, false],
    ['description', fields.description, false],
  ];
  let type: EmploymentType | null = null;
  let contract: ContractType | null = null;
  // Boards say "contract" for any non-employee work; the text may say which kind (PJ, freelance).
  let genericContract: ContractType | null = null;
  let evidence: EmploymentTypeResult['evidence'] = null;
  for (const [field, text, structured] of ordered) {
    if (!text.trim()) continue;
    const { original, signals } = signalsIn(text, structured, type === null);
    const quote = (s: Signal) => ({ field, text: original.slice(s.start, s.end) });
    if (contract === null) {
      const kinds = new Set(signals.flatMap((s) => (s.contract ? [s.contract] : [])));
      const found = signals.find((s) => s.contract !== null);
      if (kinds.size === 1 && found && structured && found.contract === 'contractor') genericContract = found.contract;
      else if (kinds.size === 1 && found) {
        contract = found.contract;
        if (type === null && evidence === null) evidence = quote(found);
      }
    }
    if (type === null) {
      const decided = PRECEDENCE.map((t) => signals.find((s) => s.type === t)).find((s) => s !== undefined);
      if (decided) {
        type = decided.type;
        evidence = quote(decided);
      }
    }
    if (type !== null && contract !== null) break;
  }
  return { type, contract: contract ?? genericContract, evidence };
}
