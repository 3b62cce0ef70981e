import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import { commitSoFar } from '../../warehouse/db.js';
import { DEFAULT_MINHASH, minhashSignature, signatureVersion } from '../dedupe/minhash.js';
import { signatureText } from '../dedupe/verify.js';
import { Staging } from '../staging.js';
import { NORMALIZER_VERSION } from './normalize-posting.js';
import { runNormalize } from './run-normalize.js';
import { SkillMatcher, loadTaxonomy } from './skills.js';

const fixture = useFixtureWarehouse();

describe('the normalize stage in the warehouse', () => {
  it('stores every derived field, with its evidence, for every posting', async () => {
    const [row] = await fixture.warehouse.query<Record<string, number>>(
      `SELECT count(*) AS postings,
              count(*) FILTER (WHERE normalizer_version = $1) AS current,
              count(language) AS language, count(quality_ok) AS quality, count(quality_flags) AS quality_flags,
              count(*) FILTER (WHERE remote_scope <> 'unknown') AS scoped,
              count(*) FILTER (WHERE len(skills) > 0) AS with_skills,
              count(skills_required) AS skills_required,
              count(salary_currency) AS salaries,
              count(*) FILTER (WHERE salary_currency IS NOT NULL AND (salary_usd_month_min IS NULL OR salary_brl_month_min IS NULL OR fx_date IS NULL)) AS salaries_unconverted,
              count(*) FILTER (WHERE salary_currency IS NOT NULL AND json_extract_string(evidence, '$.salary.text') IS NULL) AS salaries_without_evidence,
              count(*) FILTER (WHERE remote_scope <> 'unknown' AND json_array_length(json_extract(evidence, '$.remote')) = 0) AS scopes_without_reasons,
              count(employment_type) AS employment
       FROM postings`,
      [NORMALIZER_VERSION],
    );
    expect(row).toMatchObject({ postings: 24, current: 24, language: 24, quality: 24, quality_flags: 24, with_skills: 24, skills_required: 24 });
    expect(row?.scoped).toBeGreaterThanOrEqual(20);
    expect(row?.salaries).toBeGreaterThanOrEqual(12);
    expect(row?.employment).toBeGreaterThanOrEqual(20);
    expect(row).toMatchObject({ salaries_unconverted: 0, salaries_without_evidence: 0, scopes_without_reasons: 0 });
  });

  it('re-derives rows written by an older normalizer from raw postings, once', async () => {
    const ctx = { runId: 'upgrade', staging: new Staging(join(fixture.dir, 'staging')), skills: new SkillMatcher(loadTaxonomy()) };
    expect(await fixture.warehouse.transaction((conn) => runNormalize(conn, ctx))).toMatchObject({ pending: 0, normalized: 0 });
    await fixture.warehouse.query(`UPDATE postings SET normalizer_version = 1, language = NULL WHERE source_id = 'demo-wwr'`);
    expect(await fixture.warehouse.transaction((conn) => runNormalize(conn, ctx))).toEqual({ pending: 10, normalized: 10, failed: 0 });
    expect(await fixture.warehouse.query('SELECT count(*) AS n FROM postings WHERE language IS NULL')).toEqual([{ n: 0 }]);
    expect(await fixture.warehouse.transaction((conn) => runNormalize(conn, ctx))).toMatchObject({ pending: 0 });
  });

  it('signs every posting it stores for dedupe, as the dedupe stage would have', async () => {
    const ctx = { runId: 'signed', staging: new Staging(join(fixture.dir, 'staging')), skills: new SkillMatcher(loadTaxonomy()) };
    await fixture.warehouse.query('DELETE FROM minhash_signatures');
    await fixture.warehouse.query('UPDATE postings SET normalizer_version = 1');
    expect(await fixture.warehouse.transaction((conn) => runNormalize(conn, ctx))).toMatchObject({ normalized: 24 });
    const rows = await fixture.warehouse.query<{ title: string; company: string | null; text: string; version: string; current: boolean; signature: string }>(
      `SELECT p.title, p.company, p.description_text AS text, s.version, s.content_hash = p.content_hash AS current, to_base64(s.signature) AS signature
       FROM postings p JOIN minhash_signatures s ON s.posting_id = p.id`,
    );
    expect(rows).toHaveLength(24);
    for (const row of rows) {
      const expected = minhashSignature(signatureText(row), DEFAULT_MINHASH);
      expect(row).toMatchObject({ version: signatureVersion(), current: true, signature: Buffer.from(expected.buffer).toString('base64') });
    }
  });

  it('goes a page at a time past postings that fail, and reaches every one', async () => {
    const ctx = { runId: 'paged', staging: new Staging(join(fixture.dir, 'staging')), skills: new SkillMatcher(loadTaxonomy()), pageSize: 4 };
    await fixture.warehouse.query(`UPDATE postings SET normalizer_version = 1, title = 'stale'`);
    // An unreadable payload in the first page: it is counted, and the pages after it still come.
    await fixture.warehouse.query(
      `INSERT INTO raw_postings (source_id, external_id, content_hash, fetched_at, run_id, payload)
       SELECT source_id, '!broken', 'h', now(), 'paged', '"not an object"' FROM raw_postings ORDER BY source_id LIMIT 1`,
    );
    expect(await fixture.warehouse.transaction((conn) => runNormalize(conn, ctx))).toEqual({ pending: 25, normalized: 24, failed: 1 });
    expect(await fixture.warehouse.query(`SELECT count(*) AS n FROM postings WHERE title = 'stale' OR normalizer_version = 1`)).toEqual([{ n: 0 }]);
    expect(await fixture.warehouse.transaction((conn) => runNormalize(conn, ctx))).toEqual({ pending: 1, normalized: 0, failed: 1 });
  });

  it('keeps the pages it loaded when it fails part way, and its retry normalizes only the rest', async () => {
    await fixture.warehouse.query(`UPDATE postings SET normalizer_version = 1, title = 'stale'`);
    let pages = 0;
    const ctx = { runId: 'cut', staging: new Staging(join(fixture.dir, 'staging')), skills: new SkillMatcher(loadTaxonomy()), pageSize: 4 };
    const cut = fixture.warehouse.transaction((conn) =>
      runNormalize(conn, {
        ...ctx,
        pageLoaded: async () => {
          // The worker dies as the third page is loaded: the two before it are kept, the third is rolled back.
          if (++pages === 3) throw new Error('worker lost');
          await commitSoFar(conn);
        },
      }),
    );
    await expect(cut).rejects.toThrow('worker lost');
    const [{ kept } = { kept: 0 }] = await fixture.warehouse.query<{ kept: number }>(`SELECT count(*) FILTER (WHERE title <> 'stale') AS kept FROM postings`);
    // Two pages of four raw postings, one of them the unreadable one the test before left.
    expect(kept).toBe(7);
    // The retry reads what is left, the unreadable one again among it.
    expect(await fixture.warehouse.transaction((conn) => runNormalize(conn, ctx))).toEqual({ pending: 24 - kept + 1, normalized: 24 - kept, failed: 1 });
    expect(await fixture.warehouse.query(`SELECT count(*) AS n FROM postings WHERE title = 'stale' OR normalizer_version = 1`)).toEqual([{ n: 0 }]);
  });
});
