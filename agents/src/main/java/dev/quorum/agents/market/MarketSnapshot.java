package dev.quorum.agents.market;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything known at one trade date's close: bars up to and including that session, VIX closes up to it,
 * news belonging to sessions up to it, sentiment scores of earlier days, and macro values already published.
 * Lists are oldest first and unmodifiable. Cheap to create: nothing is copied.
 */
public final class MarketSnapshot {

    private final LocalDate tradeDate;
    private final MarketHistory history;
    private final TradingCalendar calendar;

    MarketSnapshot(LocalDate tradeDate, MarketHistory history, TradingCalendar calendar) {
        this.tradeDate = Objects.requireNonNull(tradeDate, "tradeDate");
        this.history = history;
        this.calendar = calendar;
    }

    public LocalDate tradeDate() {
        return tradeDate;
    }

    public TradingCalendar calendar() {
        return calendar;
    }

    /**
     * The ticker's bars up to and including the trade date.
     *
     * @throws MarketDataException when the ticker has no prices
     */
    public List<PriceBar> bars(String ticker) {
        return history.bars(ticker).knownOn(tradeDate);
    }

    public List<DailyValue> vixCloses() {
        return history.vixCloses().knownOn(tradeDate);
    }

    public List<MacroObservation> macro(MacroSeries series) {
        return history.macro(series).knownOn(tradeDate);
    }

    /** Daily 10-year yields published by the trade date's close (a day's value the session after it); may be empty. */
    public List<DailyValue> us10yDaily() {
        return history.us10yDaily().knownOn(tradeDate);
    }

    public List<NewsItem> news(String ticker) {
        return history.news(ticker).knownOn(tradeDate);
    }

    public List<SentimentScore> dailySentiment(String ticker) {
        return history.dailySentiment(ticker).knownOn(tradeDate);
    }
}
