package dev.quorum.orchestrator.config;

/**
 * How a decision's outcome is resolved from market data: entry at the next session's open, exit at the close
 * {@code horizon_sessions} later; a BULLISH vote was right when the return beat {@code +epsilon}, BEARISH below
 * {@code -epsilon}, NEUTRAL inside.
 */
public record OutcomeConfig(Integer horizonSessions, Double epsilon) {

    public OutcomeConfig {
        ConfigCheck.between("horizon_sessions", horizonSessions, 1, 250);
        ConfigCheck.between("epsilon", epsilon, 0.0, 0.5);
    }
}
