package dev.quorum.agents.market;

/**
 * The point-in-time series behind a {@link MarketData}: every item with the date from which it is known.
 * {@link MarketSnapshot} cuts them at its trade date; nothing else should read them for features.
 */
interface MarketHistory {

    /** @throws MarketDataException when the ticker has no prices */
    PointInTimeSeries<PriceBar> bars(String ticker);

    PointInTimeSeries<DailyValue> vixCloses();

    PointInTimeSeries<MacroObservation> macro(MacroSeries series);

    /** The daily 10-year yield, each value known from the session after its date; empty without the daily file. */
    PointInTimeSeries<DailyValue> us10yDaily();

    /** Tweets and analyst headlines of the ticker, by session; empty when there are none. */
    PointInTimeSeries<NewsItem> news(String ticker);

    /** Daily news-sentiment scores of the ticker; empty when there are none. */
    PointInTimeSeries<SentimentScore> dailySentiment(String ticker);
}
