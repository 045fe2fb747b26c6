package dev.quorum.envelope;

/** The synthesis verdict for one (ticker, trade date), as it appears on the wire in {@code synthesis.verdict}. */
public enum Verdict {
    BUY,
    HOLD,
    SELL
}
