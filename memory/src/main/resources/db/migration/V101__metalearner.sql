-- The meta-learner (seed 001), owned by dev.quorum.memory.metalearner.

-- One row per update (seed 001 metalearner_training_log), with the exact network input so the updates made
-- after the latest checkpoint are replayed on restart: a crash loses no learning.
CREATE TABLE metalearner_training_log (
    step        INTEGER PRIMARY KEY CHECK (step >= 1),
    decision_id TEXT    NOT NULL,
    predicted   REAL    NOT NULL,  -- made just before the update: an out-of-sample estimate of skill
    actual      REAL    NOT NULL,  -- realised return, fraction
    loss        REAL    NOT NULL,  -- (predicted - actual)^2
    inputs_json TEXT    NOT NULL,  -- JSON array: per roster agent signal, confidence, trust weight
    recorded_at TEXT    NOT NULL
);

-- Every N updates (seed 001: 10) the whole network and optimiser state (seed 001 metalearner_weights), with the
-- running fit at that point. Rows are kept: any of them, plus the log after it, reproduces the learner.
CREATE TABLE metalearner_checkpoints (
    step         INTEGER PRIMARY KEY CHECK (step >= 1),
    roster_json  TEXT    NOT NULL,  -- JSON array of agent names, in input order
    running_loss REAL,
    r_squared    REAL,
    state        BLOB    NOT NULL,  -- binary checkpoint (format "QML1"), doubles bit for bit
    created_at   TEXT    NOT NULL
);
