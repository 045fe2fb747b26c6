package dev.quorum.envelope.redis;

/** The Redis key names of the trading_intelligence arena, shared with the Python side (seed 004). */
public final class ArenaKeys {

    /** The stream envelopes are appended to, unless configured otherwise. */
    public static final String DEFAULT_STREAM = "maf:arena:trading_intelligence:output";

    /** The one field of every stream entry; its value is the envelope JSON. */
    public static final String DATA_FIELD = "data";

    public static final String DECISION_HASH_PREFIX = "maf:arena:trading_intelligence:decisions";

    private ArenaKeys() {
    }

    /** {@code maf:arena:trading_intelligence:decisions:NVDA:2026-05-11}: the latest decision for one target. */
    public static String decisionHash(String ticker, String tradeDate) {
        return DECISION_HASH_PREFIX + ":" + ticker + ":" + tradeDate;
    }
}
