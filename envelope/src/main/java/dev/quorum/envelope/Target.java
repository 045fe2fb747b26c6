package dev.quorum.envelope;

/**
 * What the decision is about. {@code ticker} may be empty only for a degraded run (the seed's tolerant
 * path); such an envelope is published to the stream but gets no decision hash.
 *
 * @param tradeDate ISO date {@code 2026-05-11}, as text because the wire carries it as text
 */
public record Target(String ticker, String tradeDate, String exchange, String assetClass) {

    public static final String DEFAULT_ASSET_CLASS = "equity";
    /** The problem a ticker that is not one is refused with; decoders tell that skip reason by it. */
    public static final String NOT_A_TICKER = "is not a ticker";

    public Target {
        WireRules.ticker("ticker", ticker);
        WireRules.present("trade_date", tradeDate);
        WireRules.present("exchange", exchange);
        WireRules.present("asset_class", assetClass);
    }

    /** An equity on an unnamed exchange, the common case. */
    public static Target equity(String ticker, String tradeDate) {
        return new Target(ticker, tradeDate, "", DEFAULT_ASSET_CLASS);
    }
}
