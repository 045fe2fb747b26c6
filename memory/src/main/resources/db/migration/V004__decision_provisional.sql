-- A decision degraded by infrastructure (the models were unreachable or failed, so the quorum was not met) is
-- provisional: it is published so consumers see the day, but the next cycle decides its (ticker, trade date)
-- again and supersedes it, whether or not decisions.redecide is on. 0 for rows written before this migration.
ALTER TABLE decisions ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1));
