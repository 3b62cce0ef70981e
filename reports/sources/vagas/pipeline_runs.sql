select t.run_id, t.stage, t.status, t.started_at::TIMESTAMP as started_at, t.duration_ms, t.counts::VARCHAR as counts, t.error
from (select 1) as one left join pipeline_runs t on true
