-- The trust ledger weighs each scored call by the agent's directional calls on the same trade date (a session's calls
-- share one observation): it counts them at every outcome, so the current decisions are found by trade date.
CREATE INDEX decisions_current_by_trade_date ON decisions (trade_date) WHERE superseded_by IS NULL;
