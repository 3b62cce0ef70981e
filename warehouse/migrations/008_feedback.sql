-- What a user told us about a job: saved, dismissed, a 1–5 rating. One row per user and job; the
-- matcher's retraining learns from it.
CREATE TABLE feedback (
  user_id    VARCHAR NOT NULL,
  cluster_id VARCHAR NOT NULL,
  saved      BOOLEAN NOT NULL DEFAULT false,
  dismissed  BOOLEAN NOT NULL DEFAULT false,
  rating     INTEGER CHECK (rating BETWEEN 1 AND 5),
  updated_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (user_id, cluster_id)
);
