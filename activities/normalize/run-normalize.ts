import type { DuckDBConnection } from '@duckdb/node-api';
import { pendingRawPostings, upsertPostings } from '../../warehouse/core.js';
import { adapterFor } from '../ingest/adapters/index.js';
import type { Staging } from '../staging.js';
import { NORMALIZER_VERSION, normalizePosting, type NormalizedPosting } from './normalize-posting.js';
import type { SkillMatcher } from './skills.js';

export interface NormalizeCounts {
  [key: string]: number;
  pending: number;
  normalized: number;
  failed: number;
}

/**
 * raw_postings → postings, for every raw version not normalized yet. A payload that cannot be read
 * is counted as failed and left in raw (so a fixed adapter can normalize it later); it never stops the stage.
 */
export async function runNormalize(
  conn: DuckDBConnection,
  ctx: { runId: string; staging: Staging; skills: SkillMatcher; onError?: (error: Error, row: { sourceId: string; externalId: string }) => void },
): Promise<NormalizeCounts> {
  const pending = await pendingRawPostings(conn, NORMALIZER_VERSION);
  let failed = 0;
  const rows: Record<string, unknown>[] = [];
  for (const raw of pending) {
    try {
      const extracted = adapterFor(raw.adapter).extract(JSON.parse(raw.payload) as Record<string, unknown>);
      const p = normalizePosting(raw.source_id, raw.external_id, extracted, ctx.skills);
      rows.push(postingRow(p, raw.content_hash));
    } catch (error) {
      failed += 1;
      ctx.onError?.(error as Error, { sourceId: raw.source_id, externalId: raw.external_id });
    }
  }
  let normalized = 0;
  if (rows.length > 0) {
    const staged = ctx.staging.writeNdjson(ctx.staging.pathFor(ctx.runId, 'normalize', 'postings'), rows);
    normalized = await upsertPostings(conn, staged.path, ctx.runId);
  }
  return { pending: pending.length, normalized, failed };
}

/** One staged row, named as the postings table's columns (see STAGED_POSTING_COLUMNS in warehouse/core.ts). */
function postingRow(p: NormalizedPosting, rawContentHash: string): Record<string, unknown> {
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
