select d.*, coalesce(s.name, d.skill_id) as skill
from (select 1) as one left join skill_demand d on true
left join skills s using (skill_id)
