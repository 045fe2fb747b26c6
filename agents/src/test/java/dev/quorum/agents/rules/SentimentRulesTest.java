package dev.quorum.agents.rules;

import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.envelope.Direction;
import org.junit.jupiter.api.Test;

import static dev.quorum.agents.features.FeatureKeys.CLOSE;
import static dev.quorum.agents.features.FeatureKeys.HEADLINE_COUNT_5D;
import static dev.quorum.agents.features.FeatureKeys.SENTIMENT_SCORE;
import static dev.quorum.agents.features.FeatureKeys.TWEET_COUNT_5D;
import static dev.quorum.agents.rules.RuleInputs.features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentimentRulesTest {

    private final SentimentRules agent = new SentimentRules();

    @Test
    void should_be_neutral_with_low_confidence_without_news_data() {
        AgentSignal signal = RuleInputs.signal(agent, features(CLOSE, 120.0));
        assertEquals(Direction.NEUTRAL, signal.signal());
        assertEquals(SentimentRules.NO_NEWS_CONFIDENCE, signal.confidence(), 1e-12);
        assertTrue(signal.keyFactors().get(0).startsWith("no news data"), signal.keyFactors().toString());
        assertEquals("Neutral news-sentiment for NVDA on 2024-06-03: no rule could vote (no news data (no sentiment score, "
                + "tweet or headline coverage)).", signal.summary());
    }

    @Test
    void should_follow_a_positive_score_with_busy_news_flow() {
        AgentSignal signal = RuleInputs.signal(agent, features(SENTIMENT_SCORE, 4.2, TWEET_COUNT_5D, 40L, HEADLINE_COUNT_5D, 3L));
        assertEquals(Direction.BULLISH, signal.signal());
        assertEquals(0.95, signal.confidence(), 1e-12);
    }

    @Test
    void should_cap_confidence_when_news_flow_is_thin() {
        AgentSignal signal = RuleInputs.signal(agent, features(SENTIMENT_SCORE, 2.1, HEADLINE_COUNT_5D, 1L));
        assertEquals(Direction.BEARISH, signal.signal());
        assertEquals(SentimentRules.THIN_NEWS_CONFIDENCE, signal.confidence(), 1e-12);
    }

    @Test
    void should_lean_half_way_on_a_mildly_positive_score() {
        AgentSignal signal = RuleInputs.signal(agent, features(SENTIMENT_SCORE, 3.3, TWEET_COUNT_5D, 12L));
        assertEquals(Direction.BULLISH, signal.signal());
        assertEquals(0.5 + 0.45 * 0.5, signal.confidence(), 1e-12);
    }

    @Test
    void should_stay_neutral_on_news_without_a_score() {
        AgentSignal signal = RuleInputs.signal(agent, features(TWEET_COUNT_5D, 25L));
        assertEquals(Direction.NEUTRAL, signal.signal());
        assertEquals(SentimentRules.UNSCORED_NEWS_CONFIDENCE, signal.confidence(), 1e-12);
    }
}
