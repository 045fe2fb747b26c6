package dev.quorum.agents.market;

/** Where a news item comes from. */
public enum NewsSource {
    /** A cashtag tweet ({@code news/tweets/<TICKER>.csv}). */
    TWEET,
    /** An analyst-rating headline ({@code news/analyst_headlines.csv}). */
    ANALYST_HEADLINE
}
