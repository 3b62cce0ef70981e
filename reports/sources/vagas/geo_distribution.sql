select g.*, coalesce(c.name, g.country) as country_name
from (select 1) as one left join geo_distribution g on true
left join countries c using (country)
