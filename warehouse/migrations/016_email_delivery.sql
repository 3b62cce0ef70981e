-- E-mail delivery: who wants which e-mails, what each send attempt did, and addresses never to mail again.

ALTER TABLE users ADD COLUMN email_digest BOOLEAN DEFAULT false;      -- weekly digest: opt-in
ALTER TABLE users ADD COLUMN match_alerts BOOLEAN DEFAULT false;      -- alerts after pipeline runs: opt-in
ALTER TABLE users ADD COLUMN alert_threshold DOUBLE DEFAULT 0.75;     -- alert for matches scoring at least this

-- One row per attempt to hand a message to the provider. An attempt with no finished_at was cut off
-- mid-send (worker crash): the provider may or may not have the message, so it is never sent again.
CREATE TABLE email_send_attempts (
  outbox_id   VARCHAR NOT NULL,
  attempt     INTEGER NOT NULL,
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  outcome     VARCHAR,          -- sent | rejected | retry | interrupted
  http_status INTEGER,
  error       VARCHAR,
  PRIMARY KEY (outbox_id, attempt)
);

-- Bounced, invalid or complained-about addresses: no digest or alert goes to them again.
CREATE TABLE email_suppressions (
  address     VARCHAR PRIMARY KEY,   -- lower-cased
  reason      VARCHAR NOT NULL CHECK (reason IN ('bounce', 'invalid', 'spam_report')),
  detail      VARCHAR,
  recorded_at TIMESTAMPTZ NOT NULL
);
