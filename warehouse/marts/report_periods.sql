-- The period filter's windows: the last 3, 6 or 12 months up to the newest month with jobs, or all.
INSERT INTO report_periods
WITH span AS (
  SELECT coalesce(min(month), date_trunc('month', now())::DATE) AS first_month,
         coalesce(max(month), date_trunc('month', now())::DATE) AS last_month
  FROM job_facts
)
SELECT w.period,
       CASE WHEN w.months IS NULL THEN s.first_month ELSE (s.last_month - to_months(w.months - 1))::DATE END,
       s.last_month,
       w.sort
FROM span s, (VALUES ('3m', 3, 1), ('6m', 6, 2), ('12m', 12, 3), ('all', NULL, 4)) AS w(period, months, sort)
