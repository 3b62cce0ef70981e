-- User-defined ("custom") sources: RSS feeds, JSON APIs and scraped job boards that a user (or an
-- operator, for everyone) configures. They live in `sources` like the built-in ones, so health,
-- raw postings, listings and normalize treat them alike; `config` holds the validated
-- configuration (activities/ingest/custom/config.ts) and marks a source as custom. The existing
-- `owner_user_id` says whose it is: NULL for built-in sources and for operators' global ones.
ALTER TABLE sources ADD COLUMN config JSON;
-- A removed custom source keeps its row: its postings, health and raw payloads still refer to it.
ALTER TABLE sources ADD COLUMN removed_at TIMESTAMPTZ;

-- Scraped boards are a third kind ('html'). DuckDB can neither alter nor drop a CHECK constraint,
-- but dropping the column drops it. Nor can it rebuild the table's index (as ADD/DROP COLUMN and
-- SET NOT NULL do) after an UPDATE in the same transaction: so the kinds are set aside, the column
-- replaced, and the kinds put back last. The new column stays nullable; sourceSchema in
-- warehouse/core.ts guards the values from now on.
CREATE TEMP TABLE source_kinds AS SELECT id, kind FROM sources;
ALTER TABLE sources DROP COLUMN kind;
ALTER TABLE sources ADD COLUMN kind VARCHAR;
UPDATE sources SET kind = (SELECT k.kind FROM source_kinds k WHERE k.id = sources.id);
DROP TABLE source_kinds;
