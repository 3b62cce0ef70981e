-- One row per public job cluster, read from its canonical posting. $latam: ISO codes of Latin America;
-- The ACTIVE_CLUSTER placeholder: warehouse/core.ts's condition for a job that some source still lists.
-- Jobs found only on users' own sources (visible_to set, migration 018) are theirs, not the market's;
-- a public job's postings and sources are counted from public sources alone.
INSERT INTO job_facts
WITH jobs AS (
  SELECT c.id AS cluster_id, pub.member_count, p.*, coalesce(p.posted_at, c.first_seen_at) AS posted,
         strip_accents(lower(c.title)) AS t, pub.source_ids,
         {{ACTIVE_CLUSTER}} AS active
  FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id,
       LATERAL (SELECT count(*)::INTEGER AS member_count, coalesce(list(DISTINCT sp.source_id ORDER BY sp.source_id), []) AS source_ids
                FROM cluster_members sm JOIN postings sp ON sp.id = sm.posting_id LEFT JOIN sources ss ON ss.id = sp.source_id
                WHERE sm.cluster_id = c.id AND ss.owner_user_id IS NULL) pub
  -- Postings flagged as spam, expired or empty would skew the market figures.
  WHERE coalesce(p.quality_ok, true) AND c.visible_to IS NULL
)
SELECT cluster_id,
       date_trunc('month', posted)::DATE,
       posted,
       -- Job family from the title, in English, Portuguese and Spanish; the first family that matches wins.
       CASE
         WHEN regexp_matches(t, '(machine learning|\bml\b|mlops|\bai\b|\bia\b|\bllms?\b|\bnlp\b|natural language|linguagem natural|lenguaje natural|computer vision|visao computacional|vision por computador|deep learning|aprendizado de maquina|aprendizaje automatico|applied scientist|research scientist|genai|generativ|inteligencia artificial|artificial intelligence)') THEN 'ai_ml'
         WHEN regexp_matches(t, '(data scien|cientista de dados|cientific[oa](/a)? de datos|scientist)') THEN 'data_science'
         WHEN regexp_matches(t, '(data engineer|analytics engineer|engenheir[oa](\(a\))? de dados|ingenier[oa](/a)? de datos|data platform|etl|big data|data architect|arquitet[oa] de dados)') THEN 'data_engineering'
         WHEN regexp_matches(t, '(analyst|analista|analytics|\bbi\b|business intelligence|dados|datos|\bdata\b)') THEN 'analytics'
         ELSE 'other'
       END,
       coalesce(seniority, 'unknown'),
       remote_scope,
       remote_scope IN ('global', 'latam', 'americas', 'brazil')
         OR (remote_scope = 'countries' AND list_has_any(coalesce(remote_countries, []), $latam)),
       CASE
         WHEN len(location_countries) = 1 THEN location_countries[1]
         WHEN len(remote_countries) = 1 THEN remote_countries[1]
         ELSE 'unknown'
       END,
       coalesce(nullif(trim(company), ''), 'unknown'),
       coalesce(contract_type, 'unknown'),
       CASE WHEN tz_min_utc_offset IS NULL THEN 'unknown'
            ELSE printf('UTC%+g … UTC%+g', tz_min_utc_offset, coalesce(tz_max_utc_offset, tz_min_utc_offset)) END,
       -3 BETWEEN tz_min_utc_offset AND coalesce(tz_max_utc_offset, tz_min_utc_offset),
       (coalesce(salary_usd_month_min, salary_usd_month_max) + coalesce(salary_usd_month_max, salary_usd_month_min)) / 2,
       (coalesce(salary_brl_month_min, salary_brl_month_max) + coalesce(salary_brl_month_max, salary_brl_month_min)) / 2,
       list_distinct(skills),
       active,
       posted >= now() - INTERVAL 7 DAY,
       member_count,
       source_ids
FROM jobs
