-- Assisted mode (docs/assisted.md): submissions made on a mediator's terminal are counted as their
-- own channel (origin = 'assisted'), with the mediator's optional code. The code names who helped
-- (a France Services counter, "FS-Lyon-3"), not who answered: it is stored as given, at most 64
-- characters (checked by the protocol schema).
ALTER TABLE submissions ADD COLUMN mediator text;

-- Comments are not rows of `submissions`: they get the same two columns.
ALTER TABLE comments ADD COLUMN origin text NOT NULL DEFAULT 'web';
ALTER TABLE comments ADD COLUMN mediator text;
