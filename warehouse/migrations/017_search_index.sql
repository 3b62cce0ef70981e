-- Job search (issue #10). DuckDB's fts extension cannot be installed offline, so the pipeline keeps
-- its own read model: one row per job with everything search filters, sorts and shows, and an
-- inverted index from folded words to those rows. Both are refreshed incrementally by the dedupe
-- stage (warehouse/search-index.ts); they are derived data and can be rebuilt from the core tables.

CREATE TABLE search_docs (
  cluster_id         VARCHAR PRIMARY KEY,
  doc_id             INTEGER NOT NULL,     -- dense and never reused: what search_terms refers to (4 bytes, not a 28-byte id)
  posting_id         VARCHAR NOT NULL,     -- the canonical posting the row was built from
  source_changed_at  TIMESTAMPTZ NOT NULL, -- greatest(cluster updated_at, posting normalized_at) when built: newer means rebuild
  active             BOOLEAN NOT NULL,     -- some source still lists the job (core.ts ACTIVE_CLUSTER), as of the last refresh
  first_seen_us      BIGINT NOT NULL,      -- first_seen_at in epoch microseconds: exact keys for keyset pages
  first_seen_at      TIMESTAMPTZ NOT NULL,
  title              VARCHAR NOT NULL,
  company            VARCHAR,
  location           VARCHAR,
  member_count       INTEGER NOT NULL,
  remote_scope       VARCHAR NOT NULL,
  remote_countries   VARCHAR[],
  latam_open         BOOLEAN NOT NULL,     -- someone living in Latin America may apply (the job_facts mart's definition)
  seniority          VARCHAR,
  language           VARCHAR,
  contract_type      VARCHAR,
  skills             VARCHAR[] NOT NULL,
  salary_usd_month_min DOUBLE,
  salary_usd_month_max DOUBLE,
  salary_brl_month_min DOUBLE,
  salary_brl_month_max DOUBLE,
  source_ids         VARCHAR[] NOT NULL,
  members            JSON NOT NULL         -- every place to apply, as the API's JobSource list
);

-- One row per distinct word of a job's title, company and description (accent-folded, lower case,
-- stop words left out). Kept sorted by token, so a word's rows sit in a few row groups that DuckDB's
-- zone maps find without reading the rest; rows added since the last sort are merged in when they
-- grow past a share of the table.
CREATE TABLE search_terms (
  token  VARCHAR NOT NULL,
  doc_id INTEGER NOT NULL
);

CREATE TABLE search_index_state (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  sorted_rows  BIGINT NOT NULL,            -- search_terms rows at the last sort
  appended_rows BIGINT NOT NULL,           -- rows added since then, out of order at the end of the table
  source_names JSON,                       -- {source id: name} at the last refresh: a rename rebuilds its jobs' members
  refreshed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO search_index_state VALUES (1, 0, 0, NULL, now());
