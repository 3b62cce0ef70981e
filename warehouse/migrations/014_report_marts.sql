-- Marts the trend stage rebuilds whole after every run and the publish stage copies into the report
-- snapshot, plus the history of report builds. The report filters by period, job category and
-- seniority: marts that add up (counts per month) carry the month; marts that do not (percentiles,
-- top-N lists) are computed per period window, with 'all' rows for "any category / any seniority".

-- One row per deduplicated job, flat: what every other mart is grouped from.
CREATE TABLE job_facts (
  cluster_id       VARCHAR PRIMARY KEY,
  month            DATE NOT NULL,          -- month the job was posted (first seen, if the board gives no date)
  posted_at        TIMESTAMPTZ NOT NULL,
  category         VARCHAR NOT NULL,       -- ai_ml | data_science | data_engineering | analytics | other
  seniority        VARCHAR NOT NULL,       -- intern … lead, or unknown
  remote_scope     VARCHAR NOT NULL,
  latam_open       BOOLEAN NOT NULL,       -- someone living in Latin America may apply
  country          VARCHAR NOT NULL,       -- ISO 3166-1 alpha-2 where the job is, or unknown
  company          VARCHAR NOT NULL,
  contract_type    VARCHAR NOT NULL,       -- clt | pj | contractor | freelance | internship | unknown
  tz_window        VARCHAR NOT NULL,       -- 'UTC-5 … UTC-3', or unknown
  tz_overlaps_brt  BOOLEAN,                -- the window includes Brasília time (UTC-3); NULL when not stated
  salary_usd_month DOUBLE,                 -- midpoint of the stated range
  salary_brl_month DOUBLE,
  skills           VARCHAR[] NOT NULL,
  active           BOOLEAN NOT NULL,
  new_7d           BOOLEAN NOT NULL,       -- posted in the 7 days before the trend stage ran
  postings         INTEGER NOT NULL,       -- source postings in the cluster
  source_ids       VARCHAR[] NOT NULL
);

-- The report's period filter: the last N months up to the newest month with jobs.
CREATE TABLE report_periods (
  period      VARCHAR PRIMARY KEY,         -- 3m | 6m | 12m | all
  start_month DATE NOT NULL,
  end_month   DATE NOT NULL,
  sort        INTEGER NOT NULL
);

CREATE TABLE market_monthly (
  month        DATE NOT NULL,
  category     VARCHAR NOT NULL,
  seniority    VARCHAR NOT NULL,
  remote_scope VARCHAR NOT NULL,
  latam_open   BOOLEAN NOT NULL,
  jobs         INTEGER NOT NULL,
  active_jobs  INTEGER NOT NULL,
  new_7d       INTEGER NOT NULL,
  postings     INTEGER NOT NULL,
  with_salary  INTEGER NOT NULL
);

-- skill_demand_monthly (002) counts every posting; this one is per job and filterable.
CREATE TABLE skill_demand (
  month       DATE NOT NULL,
  category    VARCHAR NOT NULL,
  seniority   VARCHAR NOT NULL,
  skill_id    VARCHAR NOT NULL,
  jobs        INTEGER NOT NULL,
  active_jobs INTEGER NOT NULL
);

-- Newest month against the month before, per category and seniority ('all' included).
CREATE TABLE skill_trends (
  category    VARCHAR NOT NULL,
  seniority   VARCHAR NOT NULL,
  skill_id    VARCHAR NOT NULL,
  month       DATE NOT NULL,
  jobs        INTEGER NOT NULL,
  prev_jobs   INTEGER NOT NULL,
  share       DOUBLE NOT NULL,             -- of the group's jobs that month
  prev_share  DOUBLE NOT NULL
);

CREATE TABLE skill_cooccurrence (
  period    VARCHAR NOT NULL,
  category  VARCHAR NOT NULL,
  seniority VARCHAR NOT NULL,
  skill_a   VARCHAR NOT NULL,              -- skill_a < skill_b
  skill_b   VARCHAR NOT NULL,
  jobs      INTEGER NOT NULL,              -- jobs asking for both
  lift      DOUBLE NOT NULL                -- how much more often together than by chance
);

CREATE TABLE salary_stats (
  period    VARCHAR NOT NULL,
  category  VARCHAR NOT NULL,
  seniority VARCHAR NOT NULL,
  dimension VARCHAR NOT NULL,              -- all | skill | seniority | country | remote_scope | contract
  value     VARCHAR NOT NULL,
  n         INTEGER NOT NULL,              -- jobs with a salary: the sample size
  usd_p25   DOUBLE NOT NULL,
  usd_p50   DOUBLE NOT NULL,
  usd_p75   DOUBLE NOT NULL,
  brl_p25   DOUBLE NOT NULL,
  brl_p50   DOUBLE NOT NULL,
  brl_p75   DOUBLE NOT NULL
);

CREATE TABLE geo_distribution (
  month        DATE NOT NULL,
  category     VARCHAR NOT NULL,
  seniority    VARCHAR NOT NULL,
  remote_scope VARCHAR NOT NULL,
  latam_open   BOOLEAN NOT NULL,
  country      VARCHAR NOT NULL,
  tz_window    VARCHAR NOT NULL,
  tz_overlaps_brt BOOLEAN,
  jobs         INTEGER NOT NULL
);

CREATE TABLE company_hiring (
  period      VARCHAR NOT NULL,
  category    VARCHAR NOT NULL,
  seniority   VARCHAR NOT NULL,
  company     VARCHAR NOT NULL,
  jobs        INTEGER NOT NULL,
  active_jobs INTEGER NOT NULL,
  latam_jobs  INTEGER NOT NULL,
  top_skills  VARCHAR NOT NULL             -- its most asked-for skills, most first
);

-- Every attempt to build the Evidence site; a failed one leaves the previous site in place.
CREATE TABLE report_builds (
  run_id      VARCHAR NOT NULL,            -- the pipeline run whose snapshot was built
  attempt     INTEGER NOT NULL,
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  duration_ms BIGINT NOT NULL,
  status      VARCHAR NOT NULL CHECK (status IN ('ok', 'failed', 'timeout')),
  error       VARCHAR,                     -- the tail of the build's output when it failed
  PRIMARY KEY (run_id, attempt)
);
