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
 * No news data at all (no score and no counts): NEUTRAL with confidence 0.1 rather than an abstention, because
 * "no news" is a normal state, not a failure. Counts without a score: NEUTRAL with confidence at most 0.3.
 * Requires nothing, never abstains for data.
 */
public final class SentimentRules extends RulesAgent {

    public static final String NAME = "sentiment";
    public static final String DOMAIN = "news-sentiment";
    static final double NO_NEWS_CONFIDENCE = 0.1;
    static final double UNSCORED_NEWS_CONFIDENCE = 0.3;
    static final double THIN_NEWS_CONFIDENCE = 0.6;

    public SentimentRules() {
        super(NAME, DOMAIN, 1, List.of());
    }

    @Override
    void score(Features f, Scorecard card) {
        OptionalDouble score = f.number(FeatureKeys.SENTIMENT_SCORE);
        OptionalDouble tweets = f.number(FeatureKeys.TWEET_COUNT_5D);
        OptionalDouble headlines = f.number(FeatureKeys.HEADLINE_COUNT_5D);
        if (score.isEmpty() && tweets.isEmpty() && headlines.isEmpty()) {
            card.capConfidence(NO_NEWS_CONFIDENCE, "no news data (no sentiment score, tweet or headline coverage)");
            return;
        }
        boolean counted = tweets.isPresent() || headlines.isPresent();
        double items = tweets.orElse(0) + headlines.orElse(0);
        if (score.isEmpty()) {
            card.capConfidence(UNSCORED_NEWS_CONFIDENCE, "news_items_5d=" + (long) items + " without a sentiment score");
            return;
        }
        double s = score.getAsDouble();
        double vote = s >= 3.5 ? 1 : s >= 3.2 ? 0.5 : s <= 2.5 ? -1 : s <= 2.8 ? -0.5 : 0;
        card.vote(FeatureKeys.SENTIMENT_SCORE, Scorecard.plain(s), vote, s >= 3.2 ? "positive news tone"
                : s <= 2.8 ? "negative news tone" : "neutral news tone");
        if (!counted || items < 3) {
            card.capConfidence(THIN_NEWS_CONFIDENCE, counted ? "news_items_5d=" + (long) items + " thin news flow"
                    : "no tweet or headline counts: news flow unknown");
        }
    }
}
