-- Petitions: double opt-in, fraud signals, retention.
--
-- A signature is a row of `submissions` (kind = 'petition'): `payload` holds what the signer typed
-- (erased by the retention job), `device_hash` the HMAC of the normalised e-mail (so the unique
-- index submissions_one_per_device gives one signature per e-mail and petition), `status`
-- pending -> accepted (confirmed by the e-mail link) -> withdrawn, or rejected (honeypot, too fast)
-- and invalidated (admin). Paper signatures are rows with origin 'paper', accepted at once.
-- This table adds what only signatures have.
CREATE TABLE petition_signatures (
  submission_id  text        PRIMARY KEY,
  petition_id    text        NOT NULL,
  -- SHA-256 of the secret in the confirmation / withdrawal links (never the secret itself).
  token_hash     text        NOT NULL UNIQUE,
  -- Lower-case domain of the e-mail: per-domain limits and burst reports; erased with the payload.
  email_domain   text,
  -- Why it is not counted although it answered like the others: honeypot, too_fast.
  flag           text,
  fill_ms        integer,
  created_at     timestamptz NOT NULL DEFAULT now(),
  mailed_at      timestamptz,
  confirmed_at   timestamptz,
  withdrawn_at   timestamptz,
  erased_at      timestamptz
);

CREATE INDEX petition_signatures_domain_window ON petition_signatures (petition_id, email_domain, created_at);

-- Counts per status and origin without reading every signature's payload.
CREATE INDEX submissions_status ON submissions (kind, content_id, status, origin);

-- Mails kept in the database when no SMTP server is configured (demo: GET /api/dev/mails).
CREATE TABLE dev_mails (
  id          text        PRIMARY KEY,
  recipient   text        NOT NULL,
  subject     text        NOT NULL,
  body        text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
