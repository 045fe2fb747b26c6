-- Seed 001's meta-learner tables as its callers read them. The meta-learner's own tables (V101, the recall series,
-- which a fresh database creates after this one) are left as they are; the views below read them when queried.

-- The columns of seed 001's metalearner_training_log that Quorum's log lacks, one row per training step: the votes
-- the step was trained on and how long the position was held.
CREATE TABLE metalearner_training_votes (
    step          INTEGER PRIMARY KEY CHECK (step >= 1),
    agent_votes   TEXT    NOT NULL,  -- JSON object: {"technical": {"direction": "BULLISH", "confidence": 0.8, "weight": 1.02}, ...}
    hold_duration INTEGER CHECK (hold_duration IS NULL OR hold_duration >= 0)  -- days from entry to exit
);

-- Seed 001's metalearner_training_log, column for column (id and training_step are the step).
CREATE VIEW metalearner_training_history AS
SELECT l.step          AS id,
       l.recorded_at   AS timestamp,
       l.step          AS training_step,
       l.decision_id   AS decision_id,
       v.agent_votes   AS agent_votes,
       l.predicted     AS predicted_profit,
       l.actual        AS actual_profit,
       l.loss          AS loss,
       v.hold_duration AS hold_duration
FROM metalearner_training_log l LEFT JOIN metalearner_training_votes v ON v.step = l.step;

-- Seed 001's metalearner_weights: a snapshot per checkpoint (every 10 updates) with the running fit, and the agent
-- trust weights as they stood then (the latest trust_weight_snapshots row taken at or before the checkpoint).
CREATE VIEW metalearner_weights AS
SELECT c.step         AS id,
       c.created_at   AS timestamp,
       (SELECT s.weights_json FROM trust_weight_snapshots s
        WHERE julianday(s.created_at) <= julianday(c.created_at)
        ORDER BY s.id DESC LIMIT 1) AS agent_weights,
       c.step         AS training_step,
       c.running_loss AS training_loss,
       c.r_squared    AS prediction_accuracy
FROM metalearner_checkpoints c;
