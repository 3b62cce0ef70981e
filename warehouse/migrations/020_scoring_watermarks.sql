-- The score stage keeps each profile's best matches only (MATCHES_PER_PROFILE in warehouse/ml.ts):
-- scoring every profile against every job and storing every pair grows as users × jobs, and at a
-- thousand profiles and 100,000 jobs that is 82 million rows nobody reads. With rows dropped, the
-- newest computed_at of a profile's matches no longer says how far it has been scored (no new job may
-- have made its best list), so that watermark gets its own table.
CREATE TABLE scoring_watermarks (
  user_id        VARCHAR NOT NULL,
  model_version  VARCHAR NOT NULL,
  scored_through TIMESTAMPTZ NOT NULL,  -- every job changed up to here has been scored for the profile
  PRIMARY KEY (user_id, model_version)
);

INSERT INTO scoring_watermarks
SELECT user_id, model_version, max(computed_at) FROM matches GROUP BY user_id, model_version;
