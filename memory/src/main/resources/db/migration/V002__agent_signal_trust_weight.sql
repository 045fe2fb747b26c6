-- The trust weight each vote carried in the consensus, so learning from the outcome (the meta-learner's
-- inputs, audits of the ensemble score) sees the weights as they were when the decision was made.
-- NULL for rows written before this migration.
ALTER TABLE agent_signals ADD COLUMN trust_weight REAL CHECK (trust_weight >= 0);
