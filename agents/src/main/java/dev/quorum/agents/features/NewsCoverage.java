package dev.quorum.agents.features;

import dev.quorum.agents.AgentInput;

import java.util.Optional;

/**
 * Whether there is any news to judge for a decision. A news-sentiment agent with none abstains (category DATA)
 * instead of voting NEUTRAL: "no news" is no opinion, and an abstention is kept out of the quorum, the ensemble
 * score, trust learning and accuracy figures, where a NEUTRAL vote would count.
 */
public final class NewsCoverage {

    private NewsCoverage() {
    }

    /**
     * The reason there is nothing to judge, when the input has no sentiment score, no tweet or headline coverage
     * and no headline text; empty when there is some news.
     */
    public static Optional<String> absent(AgentInput input) {
        boolean none = !input.features().containsKey(FeatureKeys.SENTIMENT_SCORE)
                && !input.features().containsKey(FeatureKeys.TWEET_COUNT_5D)
                && !input.features().containsKey(FeatureKeys.HEADLINE_COUNT_5D)
                && input.headlines().isEmpty();
        return none ? Optional.of("no news data for " + input.ticker() + " on " + input.tradeDate()
                + " (no sentiment score, tweet or headline coverage, no headlines)") : Optional.empty();
    }
}
