package dev.quorum.memory.outcomes;

/** What the market did after a decision: the ticker's move and the benchmark's over the same sessions. */
public record MarketOutcome(PriceMove ticker, PriceMove benchmark) {

    /** The ticker's return minus the benchmark's. */
    public double alpha() {
        return ticker.totalReturn() - benchmark.totalReturn();
    }
}
