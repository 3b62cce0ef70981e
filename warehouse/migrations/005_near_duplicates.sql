-- Near-duplicate and operator-split memberships. DuckDB cannot alter a CHECK constraint, so the
-- membership table is rebuilt with the wider one (and the verification score of near duplicates).

CREATE TABLE cluster_members_v2 (
  posting_id VARCHAR PRIMARY KEY,
  cluster_id VARCHAR NOT NULL,
  matched_by VARCHAR NOT NULL CHECK (matched_by IN ('first', 'canonical_url', 'content_hash', 'near_duplicate', 'operator_split')),
  score      DOUBLE,            -- verification score, for near duplicates
  run_id     VARCHAR NOT NULL,
  added_at   TIMESTAMPTZ NOT NULL
);
INSERT INTO cluster_members_v2 (posting_id, cluster_id, matched_by, score, run_id, added_at)
  SELECT posting_id, cluster_id, matched_by, NULL, run_id, added_at FROM cluster_members;
DROP TABLE cluster_members;
ALTER TABLE cluster_members_v2 RENAME TO cluster_members;
