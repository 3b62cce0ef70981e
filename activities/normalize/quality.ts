import { countLetters, type LetterCounts } from './letter-count.js';
import { foldForMatching, foldLines } from './text-fold.js';

export type QualityCode = 'empty' | 'too_short' | 'missing_company' | 'missing_apply_url' | 'expired' | 'spam';

export interface QualityInput {
  title: string;
  company: string | null;
  description: string;
  applyUrl: string | null;
  postedAt: string | null;
}

export interface QualityResult {
  /** False when the posting should not be shown: empty, expired or spam. The other flags are warnings. */
  ok: boolean;
  flags: { code: QualityCode; reason: string }[];
}

const BLOCKING = new Set<QualityCode>(['empty', 'expired', 'spam']);
const MIN_WORDS = 30;
const MAX_AGE_DAYS = 120;
const DAY_MS = 86_400_000;
// Placeholders boards put where the company should be.
const NO_COMPANY = /^(?:n\/?a|none|null|undefined|unknown|-+|\?+|desconhecid[ao]|desconocid[ao]|nao informad[ao]|no informad[ao])$/u;
// Patterns of work-from-home scams, in the three languages, each as its alternatives. A crypto
// company hiring ML engineers is fine; "guaranteed returns" from crypto is not.
const SCAMS: [reason: string, alternatives: string[]][] = [
  [
    'money promised for little work',
    [
      String.raw`\bearn \$+`,
      String.raw`\$\$\$`,
      String.raw`\bmake \$?\d[\d,.]*k?\+? (?:per|a|an|every) (?:day|week|hour)\b`,
      String.raw`\b(?:earn|make) money (?:fast|from home|online)\b`,
      'ganhe dinheiro',
      'dinheiro facil',
      'renda extra garantida',
      'gana dinero',
      'dinero facil',
      'ingresos extra garantizados',
    ],
  ],
  [
    'investment scheme',
    [
      String.raw`\b(?:crypto|bitcoin|forex|binary options|nft|cripto)\b[^.]{0,80}\b(?:guaranteed|garantid[oa]s?|garantizad[oa]s?|passive income|renda passiva|ingresos pasivos|double your|profits? daily|lucro diario)\b`,
      String.raw`\b(?:guaranteed|garantid[oa]s?|garantizad[oa]s?) (?:returns|retorno|rendimientos?|profits?|lucro)\b`,
    ],
  ],
  [
    'pay to start',
    [
      String.raw`\b(?:pay|paid|payment of|deposit|buy|purchase) (?:a |an |the )?(?:small )?(?:fee|starter kit|registration|training fee|deposit)\b`,
      String.raw`\b(?:registration|starter kit|training) fee\b`,
      String.raw`\bpay to (?:start|join|work)\b`,
      String.raw`\b(?:taxa|cuota|tarifa) de (?:inscricao|cadastro|inscripcion|registro|adesao)\b`,
      String.raw`\b(?:pague|pagar|paga) (?:uma |una )?(?:taxa|cuota|inscricao|inscripcion)\b`,
    ],
  ],
  ['multi-level marketing', [String.raw`\b(?:mlm|multi-?level marketing|marketing multinivel|marketing de rede|network marketing|pyramid scheme|piramide financeira)\b`]],
  ['contact through a chat app to get paid', [String.raw`\b(?:whatsapp|telegram)\b[^.]{0,60}\b(?:earn|income|renda|ganhe|gana|pagamento diario|pago diario)\b`]],
];
const SCAM_PATTERNS = SCAMS.map(([reason, alternatives]): [string, RegExp] => [reason, new RegExp(alternatives.join('|'), 'gu')]);

/**
 * Every scam alternative in one pattern, those that begin at a word under a single "\b": V8 scans
 * that in about half the time of the five patterns one after another. It matches wherever one of
 * them does, so none matches before its first match, and in nearly every posting it finds none.
 */
const ANY_SCAM = (() => {
  const alternatives = SCAMS.flatMap(([, list]) => list);
  const atWord = alternatives.filter((a) => a.startsWith(String.raw`\b`)).map((a) => a.slice(2));
  return new RegExp([String.raw`\b(?:${atWord.join('|')})`, ...alternatives.filter((a) => !a.startsWith(String.raw`\b`))].join('|'), 'u');
})();
const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/gu;
const MAX_LINKS = 15;
const LINKS_PER_WORD = 1 / 20;

function shouting({ letters, upper }: LetterCounts): boolean {
  return letters >= 40 && upper / letters > 0.6;
}

function spamReason(title: string, description: string, counts: LetterCounts): string | null {
  const folded = foldLines([title.normalize('NFC'), description.normalize('NFC')]);
  const first = ANY_SCAM.exec(folded);
  for (const [reason, pattern] of first ? SCAM_PATTERNS : []) {
    // Each pattern's leftmost match, looked for only from where the first of any may start.
    pattern.lastIndex = first?.index ?? 0;
    const match = pattern.exec(folded);
    if (match) return `${reason}: "${match[0]}"`;
  }
  // Titles only in capitals are common in Brazilian ATS exports; a whole description is not.
  if (shouting(counts)) return 'written mostly in capitals';
  const links = (description.match(LINK) ?? []).length;
  if (links > MAX_LINKS || (links >= 5 && links / Math.max(counts.words, 1) > LINKS_PER_WORD)) return `${links} links in ${counts.words} words`;
  return null;
}

/** Whether a posting is fit to show, and every problem found, each with the reason. */
export function assessQuality(p: QualityInput, now: Date): QualityResult {
  const flags: QualityResult['flags'] = [];
  const title = p.title.trim();
  const description = p.description.trim();
  const counts = countLetters(description);
  const wordCount = counts.words;

  if (!title || title === '(untitled)') flags.push({ code: 'empty', reason: 'no title' });
  if (!/\p{L}/u.test(description)) flags.push({ code: 'empty', reason: 'no description' });
  else if (wordCount < MIN_WORDS) flags.push({ code: 'too_short', reason: `description has ${wordCount} words, fewer than ${MIN_WORDS}` });

  const company = p.company?.trim() ?? '';
  if (!company || NO_COMPANY.test(foldForMatching(company.toLowerCase()))) flags.push({ code: 'missing_company', reason: company ? `placeholder company "${company}"` : 'no company' });

  const url = p.applyUrl?.trim() ?? '';
  if (!/^(?:https?:\/\/[^\s/]+\.[^\s]+|mailto:\S+@\S+)$/iu.test(url)) flags.push({ code: 'missing_apply_url', reason: url ? `not a link: "${url}"` : 'no apply link' });

  const posted = p.postedAt ? Date.parse(p.postedAt) : Number.NaN;
  if (!Number.isNaN(posted)) {
    const days = Math.floor((now.getTime() - posted) / DAY_MS);
    if (days > MAX_AGE_DAYS) flags.push({ code: 'expired', reason: `posted ${days} days ago, more than ${MAX_AGE_DAYS}` });
  }

  const spam = spamReason(title, description, counts);
  if (spam) flags.push({ code: 'spam', reason: spam });

  return { ok: !flags.some((f) => BLOCKING.has(f.code)), flags };
}
