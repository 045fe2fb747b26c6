package dev.quorum.agents.features;

import dev.quorum.agents.market.MarketSnapshot;
import dev.quorum.agents.market.NewsItem;
import dev.quorum.agents.market.NewsSource;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Picks the news text an agent sees: the ticker's items of the last {@value FeatureCalculator#RECENT_SESSIONS}
 * sessions known at the trade date's close, oldest first / newest last, at most {@code maxItems} (the newest
 * ones). Each line is {@code <session> <source>: <text>}; the text stays untrusted data for the prompts.
 */
public final class HeadlineSelector {

    public static final int DEFAULT_MAX_ITEMS = 20;

    private final int maxItems;

    public HeadlineSelector(int maxItems) {
        if (maxItems < 0) {
            throw new IllegalArgumentException("maxItems must not be negative, was " + maxItems);
        }
        this.maxItems = maxItems;
    }

    public HeadlineSelector() {
        this(DEFAULT_MAX_ITEMS);
    }

    public List<String> headlines(MarketSnapshot snapshot, String ticker) {
        LocalDate recentStart = snapshot.calendar().sessionsBefore(snapshot.tradeDate(), FeatureCalculator.RECENT_SESSIONS - 1);
        List<NewsItem> news = snapshot.news(ticker);
        Deque<String> newestFirst = new ArrayDeque<>();
        for (int i = news.size() - 1; i >= 0 && newestFirst.size() < maxItems; i--) {
            NewsItem item = news.get(i);
            if (item.session().isBefore(recentStart)) {
                break;
            }
            newestFirst.addFirst(item.session() + " " + label(item.source()) + ": " + item.text().strip());
        }
        return new ArrayList<>(newestFirst);
    }

    private static String label(NewsSource source) {
        return switch (source) {
            case TWEET -> "tweet";
            case ANALYST_HEADLINE -> "analyst headline";
            case NEWS_HEADLINE -> "news";
        };
    }
}
