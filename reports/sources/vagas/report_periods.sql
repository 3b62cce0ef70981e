select t.* from (select 1) as one left join report_periods t on true
