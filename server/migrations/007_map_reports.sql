-- Map reports (street problems): Open311 service requests, photos, supports, public updates,
-- e-mail subscriptions and the forwarding queue to an external Open311 server.
--
-- A report is a row of `submissions` (kind = 'map-report'): idempotency, `payload` (what the
-- resident sent, photos replaced by their media ids; contact data included, never public),
-- `status` accepted, or rejected (honeypot, too fast). This table is what lists and maps query.
CREATE SEQUENCE map_report_number;

CREATE TABLE map_reports (
  submission_id   text        PRIMARY KEY,
  space_id        text        NOT NULL,
  -- The public Open311 service_request_id ("1042"), one sequence for the whole server.
  number          bigint      NOT NULL UNIQUE DEFAULT nextval('map_report_number'),
  service_code    text        NOT NULL,
  -- open, acknowledged, in_progress, fixed, not_ours
  status          text        NOT NULL DEFAULT 'open',
  lat             double precision,
  long            double precision,
  address_string  text,
  description     text        NOT NULL,
  -- The name shown publicly ("Marie D."), only when the reporter chose it; NULL otherwise.
  public_name     text,
  media_ids       text[]      NOT NULL DEFAULT '{}',
  supports        integer     NOT NULL DEFAULT 0,
  -- false for reports stored `rejected` (honeypot): answered like the others, never shown.
  listed          boolean     NOT NULL DEFAULT true,
  requested_at    timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX map_reports_recent ON map_reports (space_id, requested_at DESC);
CREATE INDEX map_reports_category ON map_reports (space_id, service_code, status);
CREATE INDEX map_reports_position ON map_reports (space_id, lat, long);

-- "Me too": one per device (HMAC of the device token) and report.
CREATE TABLE map_report_supports (
  report_id    text        NOT NULL,
  device_hash  text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, device_hash)
);

-- Public updates posted by the town (a text, a status change, or both).
CREATE TABLE map_report_updates (
  id          text        PRIMARY KEY,
  report_id   text        NOT NULL,
  status      text,
  body        text,
  created_at  timestamptz NOT NULL
);
CREATE INDEX map_report_updates_report ON map_report_updates (report_id, created_at);

-- Photos: the bytes as checked and stripped of metadata, served at /api/media/{id}.
CREATE TABLE media (
  id            text        PRIMARY KEY,
  report_id     text        NOT NULL,
  content_type  text        NOT NULL,
  size          integer     NOT NULL,
  bytes         bytea       NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_report ON media (report_id);

-- E-mail updates: double opt-in, then a mail per public update until unsubscribed.
CREATE TABLE map_report_subscriptions (
  id               text        PRIMARY KEY,
  report_id        text        NOT NULL,
  email            text        NOT NULL,
  lang             text        NOT NULL,
  -- SHA-256 of the secret in the confirmation / unsubscribe links.
  token_hash       text        NOT NULL UNIQUE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  confirmed_at     timestamptz,
  unsubscribed_at  timestamptz
);
CREATE INDEX map_report_subscriptions_report ON map_report_subscriptions (report_id);

-- Forwarding to an external Open311 endpoint: a persisted queue, filled in the transaction that
-- stores the report, emptied by a background job with retries and backoff.
CREATE TABLE open311_forward (
  report_id        text        PRIMARY KEY,
  -- pending (to send or retry), sent, failed (gave up: 4xx answers)
  state            text        NOT NULL DEFAULT 'pending',
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  remote_id        text,
  remote_token     text,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz
);
CREATE INDEX open311_forward_due ON open311_forward (state, next_attempt_at);
