select t.run_id, t.published_at::TIMESTAMP as published_at from (select 1) as one left join snapshot_info t on true
