select c.*, coalesce(a.name, c.skill_a) as skill_a_name, coalesce(b.name, c.skill_b) as skill_b_name
from (select 1) as one left join skill_cooccurrence c on true
left join skills a on a.skill_id = c.skill_a
left join skills b on b.skill_id = c.skill_b
