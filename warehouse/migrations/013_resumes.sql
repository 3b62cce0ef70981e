-- Uploaded résumés (issue #6): one row per upload, so re-uploading keeps the history. The file is
-- stored once per content hash outside the warehouse (DATA_DIR/resumes/<sha256[0..2]>/<sha256>);
-- a row refers to it by sha256. No FOREIGN KEY clauses (see 001): every query filters on user_id.
CREATE TABLE resumes (
  id              VARCHAR PRIMARY KEY,
  user_id         VARCHAR NOT NULL,
  sha256          VARCHAR NOT NULL,
  size_bytes      BIGINT NOT NULL,
  media_type      VARCHAR NOT NULL CHECK (media_type IN ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  file_name       VARCHAR,                -- as the browser sent it: shown to the user, never used as a path
  uploaded_at     TIMESTAMPTZ NOT NULL,
  workflow_id     VARCHAR NOT NULL,       -- the resumeWorkflow that parses it
  status          VARCHAR NOT NULL CHECK (status IN ('queued', 'parsing', 'draft', 'accepted', 'failed')),
  error_code      VARCHAR,                -- why parsing failed: too_large | empty | unsupported_type | corrupt | encrypted | scanned | zip_bomb | internal
  error_message   VARCHAR,                -- the same, in words for the user
  parse_path      VARCHAR CHECK (parse_path IN ('offline', 'anthropic')),
  parse_model     VARCHAR,                -- the Anthropic model, on that path
  parse_fallback  VARCHAR,                -- why the offline parser ran although a key was set
  pages           INTEGER,
  text            VARCHAR,                -- the extracted text: every evidence offset points into it
  draft           JSON,                   -- the parsed draft, each field with its evidence span
  parsed_at       TIMESTAMPTZ,
  accepted        JSON,                   -- what the user accepted after editing the draft
  accepted_at     TIMESTAMPTZ,
  skill_gaps      JSON,                   -- the top missing skills across the user's top matches after accepting
  skill_gaps_at   TIMESTAMPTZ
);
