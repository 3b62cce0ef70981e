import type { DuckDBConnection } from '@duckdb/node-api';
import { pendingRawPostings, upsertPostings } from '../../warehouse/core.js';
import { adapterFor } from '../ingest/adapters/index.js';
import type { Staging } from '../staging.js';
import { normalizePosting } from './normalize-posting.js';
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
  const pending = await pendingRawPostings(conn);
  let failed = 0;
  const rows: Record<string, unknown>[] = [];
  for (const raw of pending) {
    try {
      const extracted = adapterFor(raw.adapter).extract(JSON.parse(raw.payload) as Record<string, unknown>);
      const p = normalizePosting(raw.source_id, raw.external_id, extracted, ctx.skills);
      rows.push({
        id: p.id,
        source_id: p.sourceId,
        external_id: p.externalId,
        raw_content_hash: raw.content_hash,
        title: p.title,
        company: p.company,
        location: p.location,
        remote_scope: p.remoteScope,
        seniority: p.seniority,
        salary_text: p.salaryText,
        salary_usd_month: p.salaryUsdMonth,
        posted_at: p.postedAt,
        apply_url: p.applyUrl,
        canonical_url: p.canonicalUrl,
        description_text: p.descriptionText,
        skills: p.skills,
        evidence: p.evidence,
        content_hash: p.contentHash,
      });
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
