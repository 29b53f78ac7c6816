-- Edit windows the author can extend (WCAG 2.2.1 Timing adjustable, RGAA 13.1; docs/protocol.md
-- "Comments"): POST /api/threads/{id}/comments/{cid}/extend moves the deadline to now + the
-- thread's editWindowSeconds, at most 10 times per comment.
--
-- edit_until: the deadline once extended; NULL: created_at + editWindowSeconds (rows written
-- before this migration, and comments never extended). edit_extensions: extensions used.
ALTER TABLE comments ADD COLUMN edit_until timestamptz;
ALTER TABLE comments ADD COLUMN edit_extensions integer NOT NULL DEFAULT 0;
