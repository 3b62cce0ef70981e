INSERT INTO skill_demand
SELECT f.month, f.category, f.seniority, s.skill_id, count(*), count(*) FILTER (WHERE f.active)
FROM job_facts f, unnest(f.skills) AS s(skill_id)
GROUP BY ALL
