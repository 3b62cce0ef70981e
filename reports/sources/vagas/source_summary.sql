select t.source_id, t.name, t.enabled, t.postings, t.listed_now, t.fetches, t.failed_fetches,
       t.last_success_at::TIMESTAMP as last_success_at, t.last_checked_at::TIMESTAMP as last_checked_at,
       date_diff('hour', t.last_success_at, (select published_at from snapshot_info)) as hours_since_success
from (select 1) as one left join source_summary t on true
