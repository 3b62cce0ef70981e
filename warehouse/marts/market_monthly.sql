INSERT INTO market_monthly
SELECT f.month, f.category, f.seniority, f.remote_scope, f.latam_open,
       count(*), count(*) FILTER (WHERE f.active), count(*) FILTER (WHERE f.new_7d), sum(f.postings), count(f.salary_usd_month)
FROM job_facts f
GROUP BY ALL
