package dev.quorum.memory.outcomes;

/** Where an outcome came from. */
public enum OutcomeSource {
    /** Resolved from daily bars by {@link MarketOutcomeResolver}. */
    MARKET,
    /** Reported by whoever traded the decision (seed 001's feedback payload). */
    FEEDBACK
}
