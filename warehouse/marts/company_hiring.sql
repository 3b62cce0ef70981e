-- The 50 companies with the most jobs per period, category and seniority ('all' included), each
-- with the five skills it asks for most.
INSERT INTO company_hiring
WITH monthly AS (
  SELECT f.month, f.category, f.seniority, f.company, count(*) AS jobs,
         count(*) FILTER (WHERE f.active) AS active_jobs, count(*) FILTER (WHERE f.latam_open) AS latam_jobs
  FROM job_facts f
  WHERE f.company <> 'unknown'
  GROUP BY ALL
),
ranked AS (
  SELECT r.period, coalesce(m.category, 'all') AS cat, coalesce(m.seniority, 'all') AS sen, m.company,
         sum(m.jobs) AS jobs, sum(m.active_jobs) AS active_jobs, sum(m.latam_jobs) AS latam_jobs
  FROM monthly m JOIN report_periods r ON m.month BETWEEN r.start_month AND r.end_month
  GROUP BY r.period, m.company, CUBE (m.category, m.seniority)
  QUALIFY row_number() OVER (PARTITION BY r.period, cat, sen ORDER BY sum(m.jobs) DESC, m.company) <= 50
),
company_skills AS (
  SELECT r.period, f.category, f.seniority, f.company, s.skill_id, count(*) AS n
  FROM job_facts f
  JOIN report_periods r ON f.month BETWEEN r.start_month AND r.end_month,
  unnest(f.skills) AS s(skill_id)
  WHERE f.company IN (SELECT company FROM ranked)
  GROUP BY ALL
),
top_skills AS (
  SELECT c.period, coalesce(c.category, 'all') AS cat, coalesce(c.seniority, 'all') AS sen, c.company,
         string_agg(c.skill_id, ', ' ORDER BY n DESC, c.skill_id) FILTER (WHERE rank <= 5) AS skills
  FROM (
    SELECT c.period, c.category, c.seniority, c.company, c.skill_id, sum(c.n) AS n,
           row_number() OVER (PARTITION BY c.period, c.category, c.seniority, c.company ORDER BY sum(c.n) DESC, c.skill_id) AS rank
    FROM company_skills c
    GROUP BY c.period, c.company, c.skill_id, CUBE (c.category, c.seniority)
  ) c
  GROUP BY ALL
)
SELECT r.period, r.cat, r.sen, r.company, r.jobs, r.active_jobs, r.latam_jobs, coalesce(t.skills, '')
FROM ranked r LEFT JOIN top_skills t USING (period, cat, sen, company)
