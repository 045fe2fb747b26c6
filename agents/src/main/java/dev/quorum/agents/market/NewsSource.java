package dev.quorum.agents.market;

/** Where a news item comes from. */
public enum NewsSource {
    /** A cashtag tweet ({@code news/tweets/<TICKER>.csv}). */
    TWEET,
    /** An analyst-rating headline ({@code news/analyst_headlines.csv}). */
    ANALYST_HEADLINE,
    /** A news headline synced from a provider ({@code news/headlines/<TICKER>.csv}, {@code quorum data sync}). */
    NEWS_HEADLINE
}
