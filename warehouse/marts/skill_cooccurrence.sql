-- The 25 pairs of (top) skills most often asked for together, per period, category and seniority ('all'
-- included), with their lift: P(a and b) / (P(a) P(b)) among the group's jobs. Counted per month
-- first, then summed into the (nested) period windows, so the pair explosion happens once.
INSERT INTO skill_cooccurrence
WITH top_skills AS (
  -- Pairs among the 60 most asked-for skills only: a job lists 15-25 skills, and all their pairs
  -- over a million jobs would be far more work than the answer is worth.
  SELECT s.skill FROM job_facts f, unnest(f.skills) AS s(skill)
  GROUP BY s.skill ORDER BY count(*) DESC, s.skill LIMIT 60
),
job_top_skills AS (
  SELECT f.cluster_id, f.month, f.category, f.seniority, s.skill
  FROM job_facts f, unnest(f.skills) AS s(skill)
  WHERE s.skill IN (SELECT skill FROM top_skills)
),
monthly_pairs AS (
  SELECT a.month, a.category, a.seniority, a.skill AS skill_a, b.skill AS skill_b, count(*) AS n
  FROM job_top_skills a JOIN job_top_skills b ON b.cluster_id = a.cluster_id AND a.skill < b.skill
  GROUP BY ALL
),
monthly_skills AS (
  SELECT f.month, f.category, f.seniority, s.skill, count(*) AS n
  FROM job_facts f, unnest(f.skills) AS s(skill)
  GROUP BY ALL
),
monthly_jobs AS (
  SELECT f.month, f.category, f.seniority, count(*) AS n FROM job_facts f GROUP BY ALL
),
pairs AS (
  SELECT r.period, coalesce(p.category, 'all') AS cat, coalesce(p.seniority, 'all') AS sen, p.skill_a, p.skill_b, sum(p.n) AS n
  FROM monthly_pairs p JOIN report_periods r ON p.month BETWEEN r.start_month AND r.end_month
  GROUP BY r.period, p.skill_a, p.skill_b, CUBE (p.category, p.seniority)
  QUALIFY row_number() OVER (PARTITION BY r.period, cat, sen ORDER BY sum(p.n) DESC, p.skill_a, p.skill_b) <= 25
),
skills AS (
  SELECT r.period, coalesce(s.category, 'all') AS cat, coalesce(s.seniority, 'all') AS sen, s.skill, sum(s.n) AS n
  FROM monthly_skills s JOIN report_periods r ON s.month BETWEEN r.start_month AND r.end_month
  GROUP BY r.period, s.skill, CUBE (s.category, s.seniority)
),
jobs AS (
  SELECT r.period, coalesce(j.category, 'all') AS cat, coalesce(j.seniority, 'all') AS sen, sum(j.n) AS n
  FROM monthly_jobs j JOIN report_periods r ON j.month BETWEEN r.start_month AND r.end_month
  GROUP BY r.period, CUBE (j.category, j.seniority)
)
SELECT p.period, p.cat, p.sen, p.skill_a, p.skill_b, p.n, p.n * j.n / (sa.n * sb.n)
FROM pairs p
JOIN jobs j USING (period, cat, sen)
JOIN skills sa ON sa.period = p.period AND sa.cat = p.cat AND sa.sen = p.sen AND sa.skill = p.skill_a
JOIN skills sb ON sb.period = p.period AND sb.cat = p.cat AND sb.sen = p.sen AND sb.skill = p.skill_b
