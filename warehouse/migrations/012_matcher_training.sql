-- Matcher retraining (issue #7): what a registered version was trained on, and every change of the
-- active version, so a rollback knows where to go back to and operators can see who replaced what.

ALTER TABLE model_versions ADD COLUMN features VARCHAR[];             -- the card's feature list, in input order
ALTER TABLE model_versions ADD COLUMN training_data_sha256 VARCHAR;   -- NULL for versions not trained on data (v1)

CREATE TABLE model_activations (
  name             VARCHAR NOT NULL,
  version          VARCHAR NOT NULL,
  previous_version VARCHAR,              -- the version it replaced
  action           VARCHAR NOT NULL CHECK (action IN ('promote', 'rollback')),
  reason           VARCHAR NOT NULL,
  activated_at     TIMESTAMPTZ NOT NULL
);
