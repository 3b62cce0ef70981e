INSERT INTO geo_distribution
SELECT f.month, f.category, f.seniority, f.remote_scope, f.latam_open, f.country, f.tz_window, f.tz_overlaps_brt, count(*)
FROM job_facts f
GROUP BY ALL
