-- Salary quartiles (USD and BRL per month, midpoint of each job's range) per period, category and
-- seniority ('all' included), overall and by skill, seniority, country, remote scope and contract.
-- Quartiles do not add up, so each group is computed from the jobs themselves; n is the sample size.
INSERT INTO salary_stats
WITH points AS (
  SELECT r.period, f.category, f.seniority, d.dimension, d.value, f.salary_usd_month AS usd, f.salary_brl_month AS brl
  FROM job_facts f
  JOIN report_periods r ON f.month BETWEEN r.start_month AND r.end_month,
  unnest([{'dimension': 'all', 'value': 'all'},
          {'dimension': 'seniority', 'value': f.seniority},
          {'dimension': 'country', 'value': f.country},
          {'dimension': 'remote_scope', 'value': f.remote_scope},
          {'dimension': 'contract', 'value': f.contract_type}]
         || [{'dimension': 'skill', 'value': s} FOR s IN f.skills]) AS u(d)
  WHERE f.salary_usd_month IS NOT NULL AND f.salary_brl_month IS NOT NULL
),
stats AS (
  SELECT p.period, coalesce(p.category, 'all') AS cat, coalesce(p.seniority, 'all') AS sen, p.dimension, p.value, count(*) AS n,
         quantile_cont(p.usd, [0.25, 0.5, 0.75]) AS usd, quantile_cont(p.brl, [0.25, 0.5, 0.75]) AS brl
  FROM points p
  GROUP BY p.period, p.dimension, p.value, CUBE (p.category, p.seniority)
)
SELECT period, cat, sen, dimension, value, n, usd[1], usd[2], usd[3], brl[1], brl[2], brl[3]
FROM stats
