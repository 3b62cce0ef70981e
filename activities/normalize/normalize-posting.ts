import { createHash } from 'node:crypto';
import type { ExtractedPosting } from '../ingest/adapters/index.js';
import { canonicalUrl } from '../dedupe/canonical-url.js';
import { postingContentHash } from '../dedupe/content-hash.js';
import { cleanLine, htmlToPlainText } from './html-text.js';
import { classifyRemoteScope, type RemoteScope } from './remote-scope.js';
import { parseUsdSalary } from './salary.js';
import { classifySeniority, type Seniority } from './seniority.js';
import type { SkillMatcher, SkillMention } from './skills.js';

export interface NormalizedPosting {
  id: string;
  sourceId: string;
  externalId: string;
  title: string;
  company: string | null;
  location: string | null;
  remoteScope: RemoteScope;
  seniority: Seniority | null;
  salaryText: string | null;
  salaryUsdMonth: number | null;
  postedAt: string | null;
  applyUrl: string | null;
  canonicalUrl: string | null;
  descriptionText: string;
  skills: string[];
  evidence: {
    skills: SkillMention[];
    remoteScope: { field: 'location'; text: string | null };
    seniority: { field: 'title'; text: string } | null;
    salary: { field: 'salary'; text: string } | null;
  };
  contentHash: string;
}

/** Stable across runs: the same source posting always gets the same id. */
export function postingId(sourceId: string, externalId: string): string {
  return createHash('sha256').update(`${sourceId}\u0000${externalId}`).digest('hex').slice(0, 24);
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  // Boards publish local times without an offset; read those as UTC rather than the server's zone.
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(value) || !/T\d\d:/.test(value) ? value : `${value}Z`;
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function normalizePosting(sourceId: string, externalId: string, raw: ExtractedPosting, skills: SkillMatcher): NormalizedPosting {
  const title = cleanLine(raw.title) ?? '(untitled)';
  const company = cleanLine(raw.company);
  const location = cleanLine(raw.location);
  const descriptionText = htmlToPlainText(raw.descriptionHtml);
  const salaryText = cleanLine(raw.salaryText);
  const salary = parseUsdSalary(salaryText);
  const seniority = classifySeniority(title);
  const mentions = skills.find({ title, tags: raw.tags.join(', '), description: descriptionText });
  return {
    id: postingId(sourceId, externalId),
    sourceId,
    externalId,
    title,
    company,
    location,
    remoteScope: classifyRemoteScope(location),
    seniority: seniority?.level ?? null,
    salaryText,
    salaryUsdMonth: salary?.usdPerMonth ?? null,
    postedAt: isoDate(raw.postedAt),
    applyUrl: raw.applyUrl,
    canonicalUrl: canonicalUrl(raw.applyUrl),
    descriptionText,
    skills: mentions.map((m) => m.skill).sort(),
    evidence: {
      skills: mentions,
      remoteScope: { field: 'location', text: location },
      seniority: seniority ? { field: 'title', text: seniority.text } : null,
      salary: salary ? { field: 'salary', text: salary.text } : null,
    },
    contentHash: postingContentHash(title, company, descriptionText),
  };
}
