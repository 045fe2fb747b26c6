package dev.quorum.memory.recall;

/** Which past situations a recall may return. */
public enum RecallScope {
    /** Only the ticker being decided. */
    SAME_TICKER,
    /** Any ticker: a similar setup elsewhere is informative too. */
    ANY_TICKER
}
