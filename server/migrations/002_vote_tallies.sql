-- Running counts of accepted ballots, kept in the same transaction as every ballot insert (web
-- ballots, paper/booth tallies) and removed with the vote, so that results cost O(options) and not
-- a scan of every ballot. A recount from `submissions` must always give the same numbers.

-- Choices per option and origin.
CREATE TABLE vote_tallies (
  vote_id    text    NOT NULL,
  option_id  text    NOT NULL,
  origin     text    NOT NULL,
  count      integer NOT NULL,
  PRIMARY KEY (vote_id, option_id, origin)
);

-- Ballots per origin, with the time of the newest one (results' updatedAt).
CREATE TABLE vote_ballots (
  vote_id  text        NOT NULL,
  origin   text        NOT NULL,
  count    integer     NOT NULL,
  last_at  timestamptz NOT NULL,
  PRIMARY KEY (vote_id, origin)
);

-- Backfill from the ballots stored before this migration.
INSERT INTO vote_tallies (vote_id, option_id, origin, count)
SELECT s.content_id, c.choice, s.origin, count(*)::int
  FROM submissions s, jsonb_array_elements_text(s.payload -> 'choices') AS c(choice)
 WHERE s.kind = 'vote' AND s.status = 'accepted'
 GROUP BY s.content_id, c.choice, s.origin;

INSERT INTO vote_ballots (vote_id, origin, count, last_at)
SELECT content_id, origin, count(*)::int, max(created_at)
  FROM submissions
 WHERE kind = 'vote' AND status = 'accepted'
 GROUP BY content_id, origin;
