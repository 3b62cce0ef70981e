select t.* from (select 1) as one left join company_hiring t on true
