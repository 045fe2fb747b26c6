package dev.quorum.envelope;

/** One specialist's directional call, as it appears on the wire in {@code agent_signals[].signal}. */
public enum Direction {
    BULLISH,
    BEARISH,
    NEUTRAL;

    /** +1 for bullish, -1 for bearish, 0 for neutral: the sign a vote contributes to the ensemble score. */
    public int sign() {
        return switch (this) {
            case BULLISH -> 1;
            case BEARISH -> -1;
            case NEUTRAL -> 0;
        };
    }
}
