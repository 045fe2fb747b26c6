-- The outbox kept its own copy of each decision's envelope: the same text as decisions.envelope_json, written in the
-- same transaction (3 KiB a row, a third of the database). Marking a row published rewrote the page holding that copy:
-- a batch of 250 marks wrote 250 pages to the WAL, and checkpointing them was most of the mark's cost. The outbox
-- now reads the envelope from its decision. Refused, with nothing changed, if any row's copy is not its decision's
-- envelope (the SQLite error names the constraint below).
CREATE TEMP TABLE outbox_copies_checked (
    differing INTEGER CONSTRAINT every_outbox_envelope_is_its_decisions_envelope CHECK (differing = 0)
);
INSERT INTO outbox_copies_checked
SELECT COUNT(*) FROM outbox x LEFT JOIN decisions d ON d.correlation_id = x.correlation_id
WHERE d.envelope_json IS NOT x.envelope_json;
DROP TABLE outbox_copies_checked;

-- Rebuilt rather than ALTER TABLE ... DROP COLUMN, which checks every view and fails on metalearner_training_history
-- until V101 has created its table. Dropping the table drops its AUTOINCREMENT counter, which is put back as it was,
-- so no id is ever handed out twice.
CREATE TEMP TABLE outbox_rows AS
SELECT id, correlation_id, stream, created_at, attempts, last_error, last_attempt_at, published_at, stream_id FROM outbox;
CREATE TEMP TABLE outbox_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
CREATE TABLE outbox (
    -- AUTOINCREMENT: ids are never reused, so the id order is the insertion order forever.
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The envelope is decisions.envelope_json of this correlation id.
    correlation_id  TEXT    NOT NULL,
    stream          TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    last_attempt_at TEXT,
    published_at    TEXT,
    stream_id       TEXT
);
INSERT INTO outbox (id, correlation_id, stream, created_at, attempts, last_error, last_attempt_at, published_at, stream_id)
SELECT id, correlation_id, stream, created_at, attempts, last_error, last_attempt_at, published_at, stream_id
FROM outbox_rows ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'outbox';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', seq FROM outbox_sequence;
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;
DROP TABLE outbox_rows;
DROP TABLE outbox_sequence;
