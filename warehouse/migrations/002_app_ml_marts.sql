-- The first tables of the app, ml and marts layers: what the score and trend stages write.
-- Later issues extend them (accounts, résumés, feedback, more marts) through new migrations.

CREATE TABLE users (
  id           VARCHAR PRIMARY KEY,
  email        VARCHAR UNIQUE,
  display_name VARCHAR NOT NULL,
  role         VARCHAR NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE profiles (
  user_id                VARCHAR PRIMARY KEY,
  skills                 VARCHAR[] NOT NULL,
  years_experience       DOUBLE NOT NULL,
  seniority              VARCHAR,
  country                VARCHAR,
  timezone               VARCHAR,
  salary_floor_usd_month DOUBLE,
  remote_scopes          VARCHAR[] NOT NULL,
  languages              VARCHAR[] NOT NULL,
  updated_at             TIMESTAMPTZ NOT NULL
);

CREATE TABLE model_versions (
  name       VARCHAR NOT NULL,
  version    VARCHAR NOT NULL,
  path       VARCHAR NOT NULL,
  sha256     VARCHAR NOT NULL,
  metrics    JSON NOT NULL,
  status     VARCHAR NOT NULL CHECK (status IN ('candidate', 'active', 'retired')),
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE TABLE matches (
  user_id       VARCHAR NOT NULL,
  cluster_id    VARCHAR NOT NULL,
  model_version VARCHAR NOT NULL,
  score         DOUBLE NOT NULL,
  components    JSON NOT NULL,
  computed_at   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (user_id, cluster_id, model_version)
);

CREATE TABLE skill_demand_monthly (
  month    DATE NOT NULL,
  skill_id VARCHAR NOT NULL,
  clusters INTEGER NOT NULL,   -- distinct jobs asking for the skill
  postings INTEGER NOT NULL,   -- source postings, duplicates included
  PRIMARY KEY (month, skill_id)
);
