-- Skill gaps and application tracking (issue #8). No FOREIGN KEY clauses (see 001); every row
-- carries its owner's user_id, and every query filters on it.

-- What a user says about a skill they lack: learning it now, or learned it (then it counts as held).
CREATE TABLE user_skill_progress (
  user_id    VARCHAR NOT NULL,
  skill_id   VARCHAR NOT NULL,
  status     VARCHAR NOT NULL CHECK (status IN ('learning', 'learned')),
  started_at TIMESTAMPTZ NOT NULL,   -- first marked, learning or learned
  learned_at TIMESTAMPTZ,
  updated_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (user_id, skill_id)
);

-- One row per analysis, never updated: the history is how the app shows progress over time.
CREATE TABLE skill_gap_analyses (
  id                 VARCHAR PRIMARY KEY,
  user_id            VARCHAR NOT NULL,
  created_at         TIMESTAMPTZ NOT NULL,
  trigger            VARCHAR NOT NULL CHECK (trigger IN ('user', 'schedule')),
  target_kind        VARCHAR NOT NULL CHECK (target_kind IN ('chosen', 'saved', 'top')),
  target_cluster_ids VARCHAR[] NOT NULL,
  as_of              TIMESTAMPTZ NOT NULL,   -- the market-demand windows (30 / 90 days) end here
  model_version      VARCHAR NOT NULL,
  catalogue_version  VARCHAR NOT NULL,
  missing_count      INTEGER NOT NULL,
  top_missing        VARCHAR[] NOT NULL,
  path_hours         INTEGER NOT NULL,
  current_average    DOUBLE NOT NULL,
  potential_average  DOUBLE NOT NULL,
  result             JSON NOT NULL          -- the whole analysis as the API returns it
);

-- One application per user and job. match_score is the active matcher's score when tracking
-- started, kept for response rates by match band.
CREATE TABLE applications (
  id                VARCHAR PRIMARY KEY,
  user_id           VARCHAR NOT NULL,
  cluster_id        VARCHAR NOT NULL,
  status            VARCHAR NOT NULL CHECK (status IN ('saved', 'applied', 'screening', 'interview', 'offer', 'rejected', 'withdrawn', 'ghosted')),
  source            VARCHAR NOT NULL,   -- where the user applied: a source id, or company_site | referral | recruiter | other
  match_score       DOUBLE,
  next_action       VARCHAR,
  next_action_due   DATE,
  status_changed_at TIMESTAMPTZ NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL,
  updated_at        TIMESTAMPTZ NOT NULL,
  UNIQUE (user_id, cluster_id)
);

CREATE SEQUENCE application_event_seq;

-- Timestamped history: every status change (from → to), note, next action and contact change.
CREATE TABLE application_events (
  id             VARCHAR PRIMARY KEY,
  seq            BIGINT NOT NULL DEFAULT nextval('application_event_seq'),  -- order of events with the same time
  application_id VARCHAR NOT NULL,
  user_id        VARCHAR NOT NULL,
  occurred_at    TIMESTAMPTZ NOT NULL,
  kind           VARCHAR NOT NULL CHECK (kind IN ('status', 'note', 'next_action', 'contact')),
  from_status    VARCHAR,
  to_status      VARCHAR,
  text           VARCHAR
);

CREATE TABLE application_contacts (
  id             VARCHAR PRIMARY KEY,
  application_id VARCHAR NOT NULL,
  user_id        VARCHAR NOT NULL,
  name           VARCHAR NOT NULL,
  role           VARCHAR,
  email          VARCHAR,
  url            VARCHAR,
  note           VARCHAR,
  created_at     TIMESTAMPTZ NOT NULL
);
