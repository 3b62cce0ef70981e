-- Raw and core layers (ARCHITECTURE.md "Warehouse").
-- No FOREIGN KEY clauses: DuckDB forbids updating rows that a foreign key references, which would
-- block the upserts every stage relies on for idempotency. Integrity is checked by warehouse tests.

CREATE TABLE sources (
  id            VARCHAR PRIMARY KEY,
  name          VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL CHECK (kind IN ('rss', 'json_api')),
  adapter       VARCHAR NOT NULL,
  url           VARCHAR NOT NULL,
  enabled       BOOLEAN NOT NULL DEFAULT true,
  owner_user_id VARCHAR,                 -- NULL for built-in sources
  timeout_ms    INTEGER NOT NULL DEFAULT 15000,
  max_bytes     BIGINT  NOT NULL DEFAULT 10485760,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Append-only: a changed payload is a new row (new content_hash); the same payload is never stored twice.
CREATE TABLE raw_postings (
  source_id    VARCHAR NOT NULL,
  external_id  VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,
  fetched_at   TIMESTAMPTZ NOT NULL,
  run_id       VARCHAR NOT NULL,
  payload      JSON NOT NULL,
  PRIMARY KEY (source_id, external_id, content_hash)
);

-- One row per source posting; id = hash(source_id, external_id), so it is stable across runs.
CREATE TABLE postings (
  id               VARCHAR PRIMARY KEY,
  source_id        VARCHAR NOT NULL,
  external_id      VARCHAR NOT NULL,
  raw_content_hash VARCHAR NOT NULL,     -- which raw_postings version this row was built from
  title            VARCHAR NOT NULL,
  company          VARCHAR,
  location         VARCHAR,
  remote_scope     VARCHAR NOT NULL,     -- global | latam | brazil | restricted | unknown
  seniority        VARCHAR,              -- junior | mid | senior | lead | NULL
  salary_text      VARCHAR,
  salary_usd_month DOUBLE,
  posted_at        TIMESTAMPTZ,
  apply_url        VARCHAR,
  canonical_url    VARCHAR,
  description_text VARCHAR NOT NULL,
  skills           VARCHAR[] NOT NULL,
  evidence         JSON NOT NULL,        -- what each normalized field was parsed from
  content_hash     VARCHAR NOT NULL,     -- hash of normalized title + company + description, for dedupe
  run_id           VARCHAR NOT NULL,
  normalized_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE job_clusters (
  id                   VARCHAR PRIMARY KEY,  -- derived from the first member; never changes
  canonical_posting_id VARCHAR NOT NULL,
  title                VARCHAR NOT NULL,
  company              VARCHAR,
  member_count         INTEGER NOT NULL,
  first_seen_at        TIMESTAMPTZ NOT NULL,
  updated_at           TIMESTAMPTZ NOT NULL
);

-- Every source posting of a cluster, so a job shows every place to apply.
CREATE TABLE cluster_members (
  posting_id VARCHAR PRIMARY KEY,
  cluster_id VARCHAR NOT NULL,
  matched_by VARCHAR NOT NULL CHECK (matched_by IN ('first', 'canonical_url', 'content_hash')),
  run_id     VARCHAR NOT NULL,
  added_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE source_health (
  source_id   VARCHAR NOT NULL,
  run_id      VARCHAR NOT NULL,
  checked_at  TIMESTAMPTZ NOT NULL,
  ok          BOOLEAN NOT NULL,
  items       INTEGER NOT NULL,
  new_items   INTEGER NOT NULL,
  error       VARCHAR,
  PRIMARY KEY (source_id, run_id)
);

-- One row per stage of a pipeline run, written in the same transaction as the stage's own writes.
CREATE TABLE pipeline_runs (
  run_id      VARCHAR NOT NULL,
  workflow_id VARCHAR NOT NULL,
  stage       VARCHAR NOT NULL CHECK (stage IN ('ingest', 'normalize', 'dedupe', 'score', 'trend', 'publish')),
  status      VARCHAR NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  duration_ms BIGINT NOT NULL,
  counts      JSON NOT NULL,
  error       VARCHAR,
  PRIMARY KEY (run_id, stage)
);
