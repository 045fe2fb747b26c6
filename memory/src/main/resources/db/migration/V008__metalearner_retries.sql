-- Meta-learner updates that failed (the database refused the training log row) and wait to be retried, in order,
-- before the next outcome's update (dev.quorum.memory.metalearner.MetaLearnerRetries). Kept here, not in memory,
-- so that a restart between the failure and the retry loses none. A row whose decision_id has reached
-- metalearner_training_log is learnt (its removal may have failed) and is never trained on again.
CREATE TABLE metalearner_retries (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,  -- retry order: the order the outcomes arrived in
    decision_id TEXT    NOT NULL,
    votes_json  TEXT    NOT NULL,  -- JSON object: agent -> {signal, confidence, trustWeight} as weighted at decision time
    actual      REAL    NOT NULL,  -- realised return, fraction
    hold_days   INTEGER,           -- seed 001's hold_duration in days; NULL when not known
    error       TEXT    NOT NULL,  -- why the update failed
    queued_at   TEXT    NOT NULL
);
