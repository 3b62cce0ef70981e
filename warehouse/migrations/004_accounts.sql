-- Accounts: password log-in, cookie sessions, password resets, log-in rate limits, and the e-mail
-- outbox that reset links (and later digests and alerts) go through.

ALTER TABLE users ADD COLUMN password_hash VARCHAR;   -- argon2id, PHC string; NULL for the demo user
ALTER TABLE users ADD COLUMN locale VARCHAR DEFAULT 'pt-BR';

-- Only a hash of each session token is stored: a leaked warehouse does not leak live sessions.
CREATE TABLE sessions (
  token_hash   VARCHAR PRIMARY KEY,
  user_id      VARCHAR NOT NULL,
  csrf_token   VARCHAR NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL,
  expires_at   TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE password_resets (
  token_hash VARCHAR PRIMARY KEY,
  user_id    VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at    TIMESTAMPTZ
);

-- Failed log-ins per key ('ip:…' or 'account:…'), for a sliding-window limit that survives restarts.
CREATE TABLE login_failures (
  key       VARCHAR NOT NULL,
  failed_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE email_outbox (
  id              VARCHAR PRIMARY KEY,
  idempotency_key VARCHAR NOT NULL UNIQUE,
  user_id         VARCHAR,
  kind            VARCHAR NOT NULL,   -- password_reset | weekly_digest | match_alert
  to_address      VARCHAR NOT NULL,
  subject         VARCHAR NOT NULL,
  body_text       VARCHAR NOT NULL,
  body_html       VARCHAR,
  status          VARCHAR NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'bounced')),
  created_at      TIMESTAMPTZ NOT NULL,
  sent_at         TIMESTAMPTZ,
  error           VARCHAR
);
