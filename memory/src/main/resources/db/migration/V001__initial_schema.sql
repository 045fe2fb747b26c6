-- Quorum's system of record. Times are ISO-8601 UTC instants; trade dates are ISO yyyy-MM-dd.
-- Nothing here cascades deletes: the store never deletes user data on its own.

CREATE TABLE decisions (
    id                      INTEGER PRIMARY KEY,
    correlation_id          TEXT    NOT NULL UNIQUE,
    ticker                  TEXT    NOT NULL,
    trade_date              TEXT    NOT NULL,
    verdict                 TEXT    NOT NULL CHECK (verdict IN ('BUY', 'HOLD', 'SELL')),
    confidence              REAL    NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    ensemble_score          REAL    NOT NULL CHECK (ensemble_score BETWEEN -1 AND 1),
    envelope_json           TEXT    NOT NULL,
    prompt_hashes_json      TEXT    NOT NULL,
    meta_learner_prediction REAL,
    created_at              TEXT    NOT NULL,
    -- A re-decided (ticker, trade_date) keeps its old row, pointing at the decision that replaced it.
    superseded_by           TEXT    REFERENCES decisions (correlation_id) DEFERRABLE INITIALLY DEFERRED,
    superseded_at           TEXT
);
-- One current decision per (ticker, trade date); superseded ones stay for the audit trail.
CREATE UNIQUE INDEX decisions_current_per_ticker_day ON decisions (ticker, trade_date) WHERE superseded_by IS NULL;
CREATE INDEX decisions_by_created ON decisions (created_at);

CREATE TABLE agent_signals (
    id                 INTEGER PRIMARY KEY,
    decision_id        INTEGER NOT NULL REFERENCES decisions (id),
    agent              TEXT    NOT NULL,
    domain             TEXT    NOT NULL,
    abstained          INTEGER NOT NULL CHECK (abstained IN (0, 1)),
    signal             TEXT    CHECK (signal IN ('BULLISH', 'BEARISH', 'NEUTRAL')),
    confidence         REAL    CHECK (confidence BETWEEN 0 AND 1),
    summary            TEXT    NOT NULL,
    key_factors_json   TEXT    NOT NULL,
    error_category     TEXT    CHECK (error_category IN ('NETWORK', 'MODEL', 'DATA', 'LOGIC')),
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
    -- The exact dev.quorum.agents.AgentInput the agent saw, so the decision can be replayed with another prompt.
    input_json         TEXT    NOT NULL,
    UNIQUE (decision_id, agent),
    CHECK ((abstained = 0 AND signal IS NOT NULL AND confidence IS NOT NULL AND error_category IS NULL)
        OR (abstained = 1 AND signal IS NULL AND confidence IS NULL AND error_category IS NOT NULL))
);

-- Seed 002's error store: every failure of an agent, whether or not a fallback answered in the end.
CREATE TABLE agent_errors (
    id          INTEGER PRIMARY KEY,
    occurred_at TEXT    NOT NULL,
    agent       TEXT    NOT NULL,
    category    TEXT    NOT NULL CHECK (category IN ('NETWORK', 'MODEL', 'DATA', 'LOGIC')),
    message     TEXT    NOT NULL,
    model       TEXT    NOT NULL,
    endpoint    TEXT    NOT NULL,
    decision_id INTEGER REFERENCES decisions (id)
);
CREATE INDEX agent_errors_by_agent ON agent_errors (agent, occurred_at);
CREATE INDEX agent_errors_by_time ON agent_errors (occurred_at);

CREATE TABLE outcomes (
    id                INTEGER PRIMARY KEY,
    decision_id       INTEGER NOT NULL UNIQUE REFERENCES decisions (id),
    source            TEXT    NOT NULL CHECK (source IN ('market', 'feedback')),
    entry_date        TEXT,
    exit_date         TEXT,
    entry_price       REAL    NOT NULL CHECK (entry_price > 0),
    exit_price        REAL    NOT NULL CHECK (exit_price > 0),
    horizon_sessions  INTEGER NOT NULL CHECK (horizon_sessions >= 1),
    realized_return   REAL    NOT NULL,
    benchmark_return  REAL,
    alpha             REAL,
    actual_profit     REAL,
    neutral_band      REAL    NOT NULL CHECK (neutral_band >= 0),
    payload_json      TEXT,
    resolved_at       TEXT    NOT NULL
);

-- How each agent's call on a decision turned out.
CREATE TABLE outcome_agent_calls (
    outcome_id          INTEGER NOT NULL REFERENCES outcomes (id),
    agent               TEXT    NOT NULL,
    signal              TEXT    NOT NULL CHECK (signal IN ('BULLISH', 'BEARISH', 'NEUTRAL')),
    confidence          REAL    NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    correct             INTEGER NOT NULL CHECK (correct IN (0, 1)),
    profit_contribution REAL    NOT NULL,
    agreed_with_verdict INTEGER NOT NULL CHECK (agreed_with_verdict IN (0, 1)),
    PRIMARY KEY (outcome_id, agent)
);

-- Seed 001, plus the running sums its statistics are derived from.
CREATE TABLE agent_performance (
    agent                      TEXT    PRIMARY KEY,
    total_decisions            INTEGER NOT NULL DEFAULT 0,
    correct_decisions          INTEGER NOT NULL DEFAULT 0,
    accuracy                   REAL,
    avg_profit_contribution    REAL,
    current_weight             REAL    NOT NULL DEFAULT 1.0,
    sharpe_ratio               REAL,
    win_rate                   REAL,
    wins                       INTEGER NOT NULL DEFAULT 0,
    losses                     INTEGER NOT NULL DEFAULT 0,
    sum_profit_contribution    REAL    NOT NULL DEFAULT 0,
    sum_sq_profit_contribution REAL    NOT NULL DEFAULT 0,
    updated_at                 TEXT    NOT NULL
);

CREATE TABLE trust_weight_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    agent       TEXT    NOT NULL,
    old_weight  REAL    NOT NULL,
    new_weight  REAL    NOT NULL,
    policy      TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    outcome_id  INTEGER REFERENCES outcomes (id),
    snapshot_id INTEGER REFERENCES trust_weight_snapshots (id),
    created_at  TEXT    NOT NULL
);
CREATE INDEX trust_weight_events_by_agent ON trust_weight_events (agent, id);

CREATE TABLE trust_weight_snapshots (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    weights_json  TEXT    NOT NULL,
    policy        TEXT    NOT NULL,
    update_count  INTEGER NOT NULL,
    reason        TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);

CREATE TABLE outbox (
    -- AUTOINCREMENT: ids are never reused, so the id order is the insertion order forever.
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    correlation_id  TEXT    NOT NULL,
    stream          TEXT    NOT NULL,
    envelope_json   TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    last_attempt_at TEXT,
    published_at    TEXT,
    stream_id       TEXT
);
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;
