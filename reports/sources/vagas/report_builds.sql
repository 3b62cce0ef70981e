select t.run_id, t.attempt, t.started_at::TIMESTAMP as started_at, t.duration_ms, t.status, t.error
from (select 1) as one left join report_builds t on true
