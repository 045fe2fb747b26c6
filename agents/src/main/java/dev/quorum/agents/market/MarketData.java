package dev.quorum.agents.market;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Prices, VIX, macro and news for a set of tickers. The full-history accessors serve outcome resolution
 * (what happened after a decision); features must only read {@link #asOf}, which cannot see the future.
 * Implementations load lazily, cache, and are safe to share between threads.
 */
public interface MarketData {

    /** The tickers that have price bars. */
    Set<String> tickers();

    /** The exchange's trading sessions. */
    TradingCalendar calendar();

    /**
     * Every daily bar of {@code ticker}, oldest first, including bars after any decision date.
     *
     * @throws MarketDataException when the ticker has no prices (the message lists the known tickers)
     */
    List<PriceBar> dailyBars(String ticker);

    /**
     * What was known at {@code tradeDate}'s close.
     *
     * @throws MarketDataException when {@code tradeDate} is not a trading session
     */
    MarketSnapshot asOf(LocalDate tradeDate);
}
