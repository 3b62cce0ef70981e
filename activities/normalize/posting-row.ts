import { adapterFor, type ExtractedPosting } from '../ingest/adapters/index.js';
import { NORMALIZER_VERSION, normalizePosting, type NormalizedPosting } from './normalize-posting.js';
import type { SkillMatcher } from './skills.js';

/**
 * One posting to normalize and the raw version it came from: what its adapter extracted, or the raw
 * payload with the adapter that reads it. The stage sends raw payloads, read where the job runs: a
 * worker thread parses them in parallel, and a string crosses threads in a fraction of the time its
 * object graph takes.
 */
export type NormalizeJob = { sourceId: string; externalId: string; rawContentHash: string } & ({ extracted: ExtractedPosting } | { adapter: string; payload: string });

/**
 * A posting's staged row as its NDJSON line, or why it could not be normalized. A line rather than
 * the row: from a worker thread a string crosses in a fraction of the time the row's object graph
 * takes, and the row would only be written as JSON on the other side.
 */
export type NormalizeResult = { line: string } | { error: string };

export function normalizeToLine(job: NormalizeJob, skills: SkillMatcher): NormalizeResult {
  try {
    const extracted = 'extracted' in job ? job.extracted : adapterFor(job.adapter).extract(JSON.parse(job.payload) as Record<string, unknown>);
    return { line: JSON.stringify(postingRow(normalizePosting(job.sourceId, job.externalId, extracted, skills), job.rawContentHash)) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** One staged row, named as the postings table's columns (see STAGED_POSTING_COLUMNS in warehouse/core.ts). */
export function postingRow(p: NormalizedPosting, rawContentHash: string): Record<string, unknown> {
  const usd = p.salary?.usdMonth;
  return {
    id: p.id,
    source_id: p.sourceId,
    external_id: p.externalId,
    raw_content_hash: rawContentHash,
    title: p.title,
    company: p.company,
    location: p.location,
    remote_scope: p.remote.scope,
    seniority: p.seniority,
    salary_text: p.salaryText,
    salary_usd_month: usd ? (usd.min + usd.max) / 2 : null,
    posted_at: p.postedAt,
    apply_url: p.applyUrl,
    canonical_url: p.canonicalUrl,
    description_text: p.descriptionText,
    skills: p.skills,
    evidence: p.evidence,
    content_hash: p.contentHash,
    normalizer_version: NORMALIZER_VERSION,
    language: p.language,
    remote_countries: p.remote.countries,
    location_countries: p.locationCountries,
    location_cities: p.locationCities,
    tz_min_utc_offset: p.timezone?.minUtcOffset ?? null,
    tz_max_utc_offset: p.timezone?.maxUtcOffset ?? null,
    years_required: p.yearsRequired,
    employment_type: p.employmentType,
    contract_type: p.contractType,
    salary_min: p.salary?.min ?? null,
    salary_max: p.salary?.max ?? null,
    salary_currency: p.salary?.currency ?? null,
    salary_period: p.salary?.period ?? null,
    salary_usd_month_min: usd?.min ?? null,
    salary_usd_month_max: usd?.max ?? null,
    salary_brl_month_min: p.salary?.brlMonth.min ?? null,
    salary_brl_month_max: p.salary?.brlMonth.max ?? null,
    fx_date: p.salary?.fxDate ?? null,
    skills_required: p.skillsRequired,
    skills_nice: p.skillsNice,
    quality_ok: p.quality.ok,
    quality_flags: p.quality.flags,
  };
}
