package dev.quorum.trader.policy;

/**
 * The book's position in one ticker, as the policy sees it.
 *
 * @param longSide true for a long, false for a short
 * @param notional |shares| x entry price (the reference price while the entry is not filled yet)
 */
public record Holding(String correlationId, boolean longSide, double notional) {
}
