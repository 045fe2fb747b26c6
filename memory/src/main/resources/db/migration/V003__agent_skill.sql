-- What each agent has proven about direction (dev.quorum.memory.trust.AgentSkill): the forgotten counts of right
-- and wrong directional calls behind its Beta posterior, and the same per confidence bin for its calibration map
-- (JSON arrays of 5 numbers). Updated in the transaction that records each outcome, so the state used for a
-- decision on D only holds outcomes known by D.
CREATE TABLE agent_skill (
    agent             TEXT    PRIMARY KEY,
    right_calls       REAL    NOT NULL CHECK (right_calls >= 0),
    wrong_calls       REAL    NOT NULL CHECK (wrong_calls >= 0),
    bin_right_json    TEXT    NOT NULL,
    bin_wrong_json    TEXT    NOT NULL,
    directional_calls INTEGER NOT NULL CHECK (directional_calls >= 0),
    updated_at        TEXT    NOT NULL
);
