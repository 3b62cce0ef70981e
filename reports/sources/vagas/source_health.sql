select t.source_id, t.run_id, t.checked_at::TIMESTAMP as checked_at, t.ok, t.items, t.new_items, t.error
from (select 1) as one left join source_health t on true
