-- Seed 002's remaining error categories, EXCHANGE (a broker or exchange API failed, a rate limit) and MARKET
-- (unexpected market conditions). SQLite cannot alter a CHECK constraint, so the two tables that carry a category
-- are rebuilt with the same columns, rows and indexes; nothing references them. The list keeps BUDGET (V004, the
-- LLM budget category) so that this migration is right whether or not V004 ran before it.
CREATE TABLE agent_signals_v5 (
    id                 INTEGER PRIMARY KEY,
    decision_id        INTEGER NOT NULL REFERENCES decisions (id),
    agent              TEXT    NOT NULL,
    domain             TEXT    NOT NULL,
    abstained          INTEGER NOT NULL CHECK (abstained IN (0, 1)),
    signal             TEXT    CHECK (signal IN ('BULLISH', 'BEARISH', 'NEUTRAL')),
    confidence         REAL    CHECK (confidence BETWEEN 0 AND 1),
    summary            TEXT    NOT NULL,
    key_factors_json   TEXT    NOT NULL,
    error_category     TEXT    CHECK (error_category IN ('NETWORK', 'MODEL', 'DATA', 'LOGIC', 'BUDGET', 'EXCHANGE', 'MARKET')),
    backend            TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    endpoint           TEXT    NOT NULL,
    attempts           INTEGER NOT NULL,
    fallback_path_json TEXT    NOT NULL,
    latency_ms         INTEGER NOT NULL,
    prompt_tokens      INTEGER NOT NULL,
    completion_tokens  INTEGER NOT NULL,
    prompt_id          TEXT    NOT NULL,
    prompt_hash        TEXT    NOT NULL,
    input_json         TEXT    NOT NULL,
    trust_weight       REAL    CHECK (trust_weight >= 0),
    UNIQUE (decision_id, agent),
    CHECK ((abstained = 0 AND signal IS NOT NULL AND confidence IS NOT NULL AND error_category IS NULL)
        OR (abstained = 1 AND signal IS NULL AND confidence IS NULL AND error_category IS NOT NULL))
);
INSERT INTO agent_signals_v5 (id, decision_id, agent, domain, abstained, signal, confidence, summary, key_factors_json,
    error_category, backend, model, endpoint, attempts, fallback_path_json, latency_ms, prompt_tokens,
    completion_tokens, prompt_id, prompt_hash, input_json, trust_weight)
SELECT id, decision_id, agent, domain, abstained, signal, confidence, summary, key_factors_json,
    error_category, backend, model, endpoint, attempts, fallback_path_json, latency_ms, prompt_tokens,
    completion_tokens, prompt_id, prompt_hash, input_json, trust_weight FROM agent_signals;
DROP TABLE agent_signals;
ALTER TABLE agent_signals_v5 RENAME TO agent_signals;

CREATE TABLE agent_errors_v5 (
    id          INTEGER PRIMARY KEY,
    occurred_at TEXT    NOT NULL,
    agent       TEXT    NOT NULL,
    category    TEXT    NOT NULL CHECK (category IN ('NETWORK', 'MODEL', 'DATA', 'LOGIC', 'BUDGET', 'EXCHANGE', 'MARKET')),
    message     TEXT    NOT NULL,
    model       TEXT    NOT NULL,
    endpoint    TEXT    NOT NULL,
    decision_id INTEGER REFERENCES decisions (id)
);
INSERT INTO agent_errors_v5 (id, occurred_at, agent, category, message, model, endpoint, decision_id)
SELECT id, occurred_at, agent, category, message, model, endpoint, decision_id FROM agent_errors;
DROP TABLE agent_errors;
ALTER TABLE agent_errors_v5 RENAME TO agent_errors;
CREATE INDEX agent_errors_by_agent ON agent_errors (agent, occurred_at);
CREATE INDEX agent_errors_by_time ON agent_errors (occurred_at);
