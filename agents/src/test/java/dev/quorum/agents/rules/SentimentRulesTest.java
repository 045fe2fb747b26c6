package dev.quorum.agents.rules;

import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
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
    void should_abstain_for_data_without_news_data() {
        Abstention abstention = RuleInputs.abstention(agent, features(CLOSE, 120.0));
        assertEquals(ErrorCategory.DATA, abstention.category());
        assertTrue(abstention.reason().contains("sentiment_score"), abstention.reason());
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
    void should_abstain_on_news_without_a_score_as_there_is_no_tone_to_judge() {
        Abstention abstention = RuleInputs.abstention(agent, features(TWEET_COUNT_5D, 25L));
        assertEquals(ErrorCategory.DATA, abstention.category());
    }
}
