-- Which source postings each source still lists. A posting missing from INACTIVE_AFTER complete,
-- successful fetches in a row is inactive (the job was filled or withdrawn); it is never deleted,
-- and comes back to active if the board lists it again.
CREATE TABLE source_listings (
  source_id     VARCHAR NOT NULL,
  external_id   VARCHAR NOT NULL,
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at  TIMESTAMPTZ NOT NULL,
  missed_runs   INTEGER NOT NULL,
  active        BOOLEAN NOT NULL,
  PRIMARY KEY (source_id, external_id)
);
-- Everything already ingested was listed when it was fetched.
INSERT INTO source_listings
  SELECT source_id, external_id, min(fetched_at), max(fetched_at), 0, true FROM raw_postings GROUP BY ALL;
