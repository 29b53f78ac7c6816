-- Comments (threads are `content` rows of kind 'comments'). server/comments.ts keeps the counters.
--
-- status: accepted (visible) | pending (waits for a moderator) | hidden (moderator or flags) |
-- rejected (moderator) | deleted (by its author: author and body erased) | spam (honeypot, too
-- fast, banned identity: answered like a held comment, never shown but to its own device).
-- shown: whether readers get it: accepted, or a placeholder (any other status but spam) while
-- reply_count > 0. reply_count counts the shown direct replies. Both are kept by
-- `settle()` in the same transaction as every status change; `recount()` recomputes them.
CREATE TABLE comments (
  id               text        PRIMARY KEY,
  thread_id        text        NOT NULL,
  parent_id        text,
  depth            smallint    NOT NULL,
  author           text        NOT NULL,
  body             text        NOT NULL,
  stance           text,
  official         boolean     NOT NULL DEFAULT false,
  status           text        NOT NULL,
  reason           text,
  shown            boolean     NOT NULL DEFAULT false,
  supports         integer     NOT NULL DEFAULT 0,
  reply_count      integer     NOT NULL DEFAULT 0,
  flag_count       integer     NOT NULL DEFAULT 0,
  idempotency_key  text        NOT NULL,
  payload_hash     text        NOT NULL,
  -- HMACs (never the token or the IP itself); NULL for official and seeded comments.
  device_hash      text,
  ip_hash          text,
  created_at       timestamptz NOT NULL,
  edited_at        timestamptz,
  -- First time it became visible (reply notifications are sent once; "first" moderation trusts it).
  visible_at       timestamptz,
  UNIQUE (thread_id, idempotency_key)
);

-- Keyset pages, only shown rows: top-level comments by time or by supports, replies by time.
-- (Top-level ones get their own indexes: the planner does not take `parent_id IS NULL` as an
-- equality, so an index led by (thread_id, parent_id) would not give their order.)
CREATE INDEX comments_top_time ON comments (thread_id, created_at, id) WHERE shown AND parent_id IS NULL;
CREATE INDEX comments_top_supports ON comments (thread_id, supports, created_at, id) WHERE shown AND parent_id IS NULL;
CREATE INDEX comments_replies ON comments (thread_id, parent_id, created_at, id) WHERE shown AND parent_id IS NOT NULL;
-- A device's own comments (pending ones in pages, "first" moderation, edits).
CREATE INDEX comments_device ON comments (thread_id, device_hash) WHERE device_hash IS NOT NULL;
-- Rate limits per hashed IP, all threads.
CREATE INDEX comments_ip_window ON comments (ip_hash, created_at) WHERE ip_hash IS NOT NULL;
-- Moderation queues.
CREATE INDEX comments_queue ON comments (status, created_at, id) WHERE status <> 'accepted' AND status <> 'deleted';
CREATE INDEX comments_flagged ON comments (created_at, id) WHERE flag_count > 0;

-- Counters per thread: accepted comments (all levels), shown top-level ones, and accepted
-- top-level comments per stance.
CREATE TABLE comment_threads (
  thread_id       text    PRIMARY KEY,
  visible         integer NOT NULL DEFAULT 0,
  top_level       integer NOT NULL DEFAULT 0,
  stance_for      integer NOT NULL DEFAULT 0,
  stance_against  integer NOT NULL DEFAULT 0,
  stance_neutral  integer NOT NULL DEFAULT 0
);

-- One support per device and comment.
CREATE TABLE comment_supports (
  comment_id   text        NOT NULL,
  device_hash  text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (comment_id, device_hash)
);
CREATE INDEX comment_supports_device ON comment_supports (device_hash);

-- One flag per device and comment.
CREATE TABLE comment_flags (
  comment_id   text        NOT NULL,
  device_hash  text        NOT NULL,
  reason       text        NOT NULL,
  detail       text,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (comment_id, device_hash)
);
CREATE INDEX comment_flags_device ON comment_flags (device_hash);

-- Banned hashed identities: 'device:<hmac>' or 'ip:<hmac>'.
CREATE TABLE comment_bans (
  identity    text        PRIMARY KEY,
  reason      text        NOT NULL,
  until       timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Every moderation action (who: admin, or system for flags and word rules).
CREATE TABLE comment_moderation_log (
  id          bigserial   PRIMARY KEY,
  at          timestamptz NOT NULL,
  who         text        NOT NULL,
  action      text        NOT NULL,
  comment_id  text,
  thread_id   text,
  reason      text,
  identity    text
);

-- Reply notifications: the address in clear (it is needed to send), only once it is asked for;
-- deleted on unsubscription. token_hash: SHA-256 of the secret in the mail links.
CREATE TABLE comment_subscriptions (
  id            text        PRIMARY KEY,
  comment_id    text        NOT NULL,
  thread_id     text        NOT NULL,
  email         text        NOT NULL,
  lang          text        NOT NULL,
  return_url    text,
  token_hash    text        NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL,
  confirmed_at  timestamptz
);
CREATE INDEX comment_subscriptions_comment ON comment_subscriptions (comment_id);
CREATE INDEX comment_subscriptions_email ON comment_subscriptions (email);
