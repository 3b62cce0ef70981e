select t.* from (select 1) as one left join market_monthly t on true
