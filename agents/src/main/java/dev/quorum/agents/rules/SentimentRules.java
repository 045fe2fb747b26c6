package dev.quorum.agents.rules;

import dev.quorum.agents.features.FeatureKeys;

import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code sentiment} (news-sentiment). Votes, combined by {@link Scorecard}:
 * <ol>
 *   <li><b>Sentiment</b> {@code sentiment_score} (1..5, latest known): &ge; 3.5 → +1; &ge; 3.2 → +0.5;
 *       &le; 2.5 → -1; &le; 2.8 → -0.5; else 0.</li>
 *   <li><b>Attention</b> {@code tweet_count_5d + headline_count_5d}: not a direction, a weight: with fewer than
 *       3 items in 5 sessions (or no counts at all) the confidence is capped at 0.6 (thin news flow).</li>
 * </ol>
 * Requires a sentiment score: without one (no news data, or counts with no score) there is no tone to judge, so
 * the agent abstains (DATA) instead of voting NEUTRAL, and is kept out of the quorum, the ensemble score, trust
 * learning and accuracy (version 2; version 1 voted NEUTRAL at 0.1 and 0.3 there).
 */
public final class SentimentRules extends RulesAgent {

    public static final String NAME = "sentiment";
    public static final String DOMAIN = "news-sentiment";
    static final double THIN_NEWS_CONFIDENCE = 0.6;

    public SentimentRules() {
        super(NAME, DOMAIN, 2, List.of(FeatureKeys.SENTIMENT_SCORE));
    }

    @Override
    void score(Features f, Scorecard card) {
        OptionalDouble tweets = f.number(FeatureKeys.TWEET_COUNT_5D);
        OptionalDouble headlines = f.number(FeatureKeys.HEADLINE_COUNT_5D);
        boolean counted = tweets.isPresent() || headlines.isPresent();
        double items = tweets.orElse(0) + headlines.orElse(0);
        double s = f.number(FeatureKeys.SENTIMENT_SCORE).orElseThrow();
        double vote = s >= 3.5 ? 1 : s >= 3.2 ? 0.5 : s <= 2.5 ? -1 : s <= 2.8 ? -0.5 : 0;
        card.vote(FeatureKeys.SENTIMENT_SCORE, Scorecard.plain(s), vote, s >= 3.2 ? "positive news tone"
                : s <= 2.8 ? "negative news tone" : "neutral news tone");
        if (!counted || items < 3) {
            card.capConfidence(THIN_NEWS_CONFIDENCE, counted ? "news_items_5d=" + (long) items + " thin news flow"
                    : "no tweet or headline counts: news flow unknown");
        }
    }
}
