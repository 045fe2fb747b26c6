package dev.quorum.agents.rules;

import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.envelope.Direction;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.quorum.agents.features.FeatureKeys.MACD_HISTOGRAM;
import static dev.quorum.agents.features.FeatureKeys.PRICE_VS_SMA_200;
import static dev.quorum.agents.features.FeatureKeys.PRICE_VS_SMA_50;
import static dev.quorum.agents.features.FeatureKeys.RSI_14;
import static dev.quorum.agents.features.FeatureKeys.SMA_200;
import static dev.quorum.agents.features.FeatureKeys.SMA_50;
import static dev.quorum.agents.rules.RuleInputs.features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TechnicalRulesTest {

    private final TechnicalRules agent = new TechnicalRules();

    private static Map<String, Object> trend(double vs200, double vs50, double sma50, double sma200, double histogram, double rsi) {
        return features(PRICE_VS_SMA_200, vs200, PRICE_VS_SMA_50, vs50, SMA_50, sma50, SMA_200, sma200,
                MACD_HISTOGRAM, histogram, RSI_14, rsi);
    }

    @Test
    void should_be_bullish_with_full_confidence_math_in_a_clean_uptrend() {
        // votes +1 +1 +1 +1 +0.5: net 0.9, confidence 0.5 + 0.45 * 0.9
        AgentSignal signal = RuleInputs.signal(agent, trend(0.12, 0.05, 110, 100, 0.8, 62));
        assertEquals(Direction.BULLISH, signal.signal());
        assertEquals(0.5 + 0.45 * 0.9, signal.confidence(), 1e-12);
        assertEquals(SignalBackend.RULES, signal.telemetry().backend());
        assertEquals("rules-technical@1", signal.telemetry().promptId());
        assertEquals(0, signal.telemetry().attempts());
        assertTrue(signal.keyFactors().get(0).startsWith("price_vs_sma_200=+12.0% above the 200-day average (+1.00)"),
                signal.keyFactors().toString());
        assertTrue(signal.summary().startsWith("Bullish trend-momentum for NVDA on 2024-06-03"), signal.summary());
    }

    @Test
    void should_be_bearish_in_a_downtrend() {
        // -1 -1 -1 -1 and oversold RSI +1: net -0.6
        AgentSignal signal = RuleInputs.signal(agent, trend(-0.10, -0.04, 90, 100, -0.5, 25));
        assertEquals(Direction.BEARISH, signal.signal());
        assertEquals(0.5 + 0.45 * 0.6, signal.confidence(), 1e-12);
    }

    @Test
    void should_count_an_overbought_rsi_against_the_trend() {
        // 0 (within 2% of SMA 200), 0 (within 1% of SMA 50), +1 cross, -1 MACD, -1 RSI > 70: net -0.2
        AgentSignal signal = RuleInputs.signal(agent, trend(0.01, 0.005, 101, 100, -0.1, 75));
        assertEquals(Direction.BEARISH, signal.signal());
        assertTrue(signal.keyFactors().stream().anyMatch(f -> f.startsWith("rsi_14=75.00 overbought (-1.00)")), signal.keyFactors().toString());
    }

    @Test
    void should_be_neutral_when_the_rules_cancel_out() {
        // +1 (vs200) -1 (vs50) -1 (death cross) +1 MACD +0.5 RSI 55: net 0.1
        AgentSignal signal = RuleInputs.signal(agent, trend(0.03, -0.02, 99, 100, 0.2, 55));
        assertEquals(Direction.NEUTRAL, signal.signal());
        assertEquals(0.4, signal.confidence(), 1e-12);
    }

    @Test
    void should_abstain_for_data_without_the_200_day_average() {
        var abstention = RuleInputs.abstention(agent, features(PRICE_VS_SMA_50, 0.01, SMA_50, 100.0, MACD_HISTOGRAM, 0.1, RSI_14, 50.0));
        assertEquals(ErrorCategory.DATA, abstention.category());
        assertTrue(abstention.reason().startsWith("missing or unusable features price_vs_sma_200, sma_200 for NVDA on 2024-06-03"),
                abstention.reason());
        assertEquals(SignalBackend.RULES, abstention.telemetry().backend());
    }

    @Test
    void should_abstain_for_a_feature_of_the_wrong_type() {
        Map<String, Object> features = trend(0.12, 0.05, 110, 100, 0.8, 62);
        features.put(RSI_14, "62");
        assertTrue(RuleInputs.abstention(agent, features).reason().contains("rsi_14"));
    }
}
