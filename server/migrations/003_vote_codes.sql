-- Invitation codes of private votes (`access: 'codes'`). Only an HMAC of each code is kept (the
-- codes are shown once, when issued), with its optional district and whether it was used. Which
-- ballot a code cast is never recorded: the ballot row holds neither the code nor its hash.
CREATE TABLE vote_codes (
  vote_id    text        NOT NULL,
  code_hash  text        NOT NULL,
  district   text,
  used       boolean     NOT NULL DEFAULT false,
  issued_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (vote_id, code_hash)
);
