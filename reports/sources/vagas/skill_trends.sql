select t.*, coalesce(s.name, t.skill_id) as skill
from (select 1) as one left join skill_trends t on true
left join skills s using (skill_id)
