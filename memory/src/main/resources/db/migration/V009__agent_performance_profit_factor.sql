-- Seed 001's profit_factor in agent_performance: gross profit / gross loss of an agent's profit contributions
-- (+return for a BULLISH call, -return for a BEARISH one, 0 for NEUTRAL), NULL while it has no losing call.
-- The two sums it is derived from are kept beside it, like the Sharpe ratio's; existing rows are recomputed from
-- the calls stored with their outcomes.
ALTER TABLE agent_performance ADD COLUMN gross_profit REAL NOT NULL DEFAULT 0;
ALTER TABLE agent_performance ADD COLUMN gross_loss REAL NOT NULL DEFAULT 0;
ALTER TABLE agent_performance ADD COLUMN profit_factor REAL;

UPDATE agent_performance SET
    gross_profit = COALESCE((SELECT SUM(c.profit_contribution) FROM outcome_agent_calls c
                             WHERE c.agent = agent_performance.agent AND c.profit_contribution > 0), 0),
    gross_loss   = COALESCE((SELECT -SUM(c.profit_contribution) FROM outcome_agent_calls c
                             WHERE c.agent = agent_performance.agent AND c.profit_contribution < 0), 0);
UPDATE agent_performance SET profit_factor = CASE WHEN gross_loss > 0 THEN gross_profit / gross_loss END;
