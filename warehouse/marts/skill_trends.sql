-- Each skill's share of the jobs posted in the newest month against its share the month before.
-- Columns are always qualified: CUBE must group by the table's columns, not by the output names.
INSERT INTO skill_trends
WITH newest AS (SELECT max(month) AS m FROM job_facts),
recent AS (
  SELECT f.category, f.seniority, f.skills, f.month = n.m AS is_new
  FROM job_facts f, newest n
  WHERE f.month >= n.m - INTERVAL 1 MONTH
),
totals AS (
  SELECT coalesce(r.category, 'all') AS cat, coalesce(r.seniority, 'all') AS sen,
         count(*) FILTER (WHERE r.is_new) AS n_new, count(*) FILTER (WHERE NOT r.is_new) AS n_prev
  FROM recent r
  GROUP BY CUBE (r.category, r.seniority)
),
counts AS (
  SELECT coalesce(r.category, 'all') AS cat, coalesce(r.seniority, 'all') AS sen, s.skill_id,
         count(*) FILTER (WHERE r.is_new) AS jobs, count(*) FILTER (WHERE NOT r.is_new) AS prev_jobs
  FROM recent r, unnest(r.skills) AS s(skill_id)
  GROUP BY s.skill_id, CUBE (r.category, r.seniority)
)
SELECT c.cat, c.sen, c.skill_id, n.m, c.jobs, c.prev_jobs,
       coalesce(c.jobs / nullif(t.n_new, 0), 0), coalesce(c.prev_jobs / nullif(t.n_prev, 0), 0)
FROM counts c JOIN totals t USING (cat, sen), newest n
