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
-- Skills counted for the ranked companies' own slices only, not for every slice of every company
-- that ranks anywhere.
top_skills AS (
  SELECT period, cat, sen, company, string_agg(skill_id, ', ' ORDER BY n DESC, skill_id) AS skills
  FROM (
    SELECT r.period, r.cat, r.sen, r.company, s.skill_id, count(*) AS n,
           row_number() OVER (PARTITION BY r.period, r.cat, r.sen, r.company ORDER BY count(*) DESC, s.skill_id) AS rank
    FROM ranked r
    JOIN report_periods p ON p.period = r.period
    JOIN job_facts f ON f.company = r.company AND f.month BETWEEN p.start_month AND p.end_month
                    AND r.cat IN ('all', f.category) AND r.sen IN ('all', f.seniority),
    unnest(f.skills) AS s(skill_id)
    GROUP BY r.period, r.cat, r.sen, r.company, s.skill_id
  )
  WHERE rank <= 5
  GROUP BY period, cat, sen, company
)
SELECT r.period, r.cat, r.sen, r.company, r.jobs, r.active_jobs, r.latam_jobs, coalesce(t.skills, '')
FROM ranked r LEFT JOIN top_skills t USING (period, cat, sen, company)
