package dev.quorum.orchestrator.backtest.metrics;

/**
 * The decisions under one weighting, traded with the stated strategy.
 *
 * @param hitRate verdicts whose direction was right (BUY above +epsilon, SELL below -epsilon, HOLD inside)
 */
public record VariantResult(String name, long buys, long holds, long sells, HitRate hitRate, TradeStats trades,
                            ReturnStats returns) {
}
