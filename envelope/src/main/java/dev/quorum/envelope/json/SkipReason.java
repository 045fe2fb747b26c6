package dev.quorum.envelope.json;

/** Why a payload was not turned into an envelope; consumers count skips by reason. */
public enum SkipReason {
    /** Not JSON at all, or not valid UTF-8. */
    MALFORMED_JSON,
    /** {@code schema_version} other than "1": a newer publisher; this consumer speaks v1. */
    UNSUPPORTED_SCHEMA_VERSION,
    /** JSON with schema_version "1" whose body breaks the contract (missing field, out of bounds, wrong type). */
    INVALID_BODY,
    /**
     * {@code decision.target.ticker} is not a ticker (upper case, digits, {@code . ^ -}, at most 15): a control
     * character or a line break there would reach terminals, logs and Redis keys.
     */
    INVALID_TICKER,
    /** A stream entry without the {@code data} field (not written by an envelope publisher, or trimmed away). */
    NO_DATA_FIELD
}
