-- civic-widgets reference backend, initial schema (PostgreSQL dialect; also runs on PGlite).

-- Definitions written by organisers (admin API or demo/content/**/*.json).
CREATE TABLE content (
  kind        text        NOT NULL,
  id          text        NOT NULL,
  definition  jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id)
);

-- Everything residents post (ballots, responses, signatures, reports, comments) and paper tallies.
-- IP addresses and device tokens are only stored as HMAC-SHA256(salt, value).
CREATE TABLE submissions (
  id               text        PRIMARY KEY,
  kind             text        NOT NULL,
  content_id       text        NOT NULL,
  idempotency_key  text        NOT NULL,
  payload_hash     text        NOT NULL,
  payload          jsonb       NOT NULL,
  origin           text        NOT NULL DEFAULT 'web',
  status           text        NOT NULL,
  ip_hash          text,
  device_hash      text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, content_id, idempotency_key)
);

-- One ballot (or response) per device and content.
CREATE UNIQUE INDEX submissions_one_per_device
  ON submissions (kind, content_id, device_hash)
  WHERE device_hash IS NOT NULL;

-- The rolling per-IP window for ballots.
CREATE INDEX submissions_ip_window ON submissions (kind, content_id, ip_hash, created_at);

-- Server-side settings (the random salt generated on first start).
CREATE TABLE settings (
  key    text PRIMARY KEY,
  value  text NOT NULL
);
