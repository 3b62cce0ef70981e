-- Skills and countries by name; every other value is a code the pages label.
select st.*,
       case st.dimension
         when 'skill' then coalesce(s.name, st.value)
         when 'country' then coalesce(c.name, st.value)
         else st.value
       end as label
from (select 1) as one left join salary_stats st on true
left join skills s on st.dimension = 'skill' and s.skill_id = st.value
left join countries c on st.dimension = 'country' and c.country = st.value
