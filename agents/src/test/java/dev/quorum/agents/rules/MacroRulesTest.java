package dev.quorum.agents.rules;

import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import org.junit.jupiter.api.Test;

import static dev.quorum.agents.features.FeatureKeys.REGIME;
import static dev.quorum.agents.features.FeatureKeys.SPY_PRICE_VS_SMA_200;
import static dev.quorum.agents.features.FeatureKeys.SPY_RETURN_20D;
import static dev.quorum.agents.features.FeatureKeys.US10Y_CHANGE_3M;
import static dev.quorum.agents.features.FeatureKeys.VIX_CHANGE_20D;
import static dev.quorum.agents.features.FeatureKeys.VIX_LEVEL;
import static dev.quorum.agents.rules.RuleInputs.features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MacroRulesTest {

    private final MacroRules agent = new MacroRules();

    @Test
    void should_be_bullish_in_a_calm_bull_market() {
        AgentSignal signal = RuleInputs.signal(agent, features(REGIME, "bull", SPY_PRICE_VS_SMA_200, 0.08, VIX_LEVEL, 12.5,
                VIX_CHANGE_20D, -1.0, SPY_RETURN_20D, 0.04, US10Y_CHANGE_3M, 0.1));
        // +1 +1 +1 0 +1 0: net 4/6
        assertEquals(Direction.BULLISH, signal.signal());
        assertEquals(0.5 + 0.45 * 4 / 6, signal.confidence(), 1e-12);
    }

    @Test
    void should_be_bearish_in_high_volatility_with_rising_fear_and_yields() {
        AgentSignal signal = RuleInputs.signal(agent, features(REGIME, "high-volatility", SPY_PRICE_VS_SMA_200, -0.06, VIX_LEVEL, 34.0,
                VIX_CHANGE_20D, 12.0, SPY_RETURN_20D, -0.08, US10Y_CHANGE_3M, 0.7));
        assertEquals(Direction.BEARISH, signal.signal());
        assertEquals(0.95, signal.confidence(), 1e-12);
        assertTrue(signal.keyFactors().contains("us10y_change_3m=+0.70pp yields rising fast (-1.00)"), signal.keyFactors().toString());
    }

    @Test
    void should_be_neutral_in_a_sideways_market_with_only_required_features() {
        AgentSignal signal = RuleInputs.signal(agent, features(REGIME, "sideways", SPY_PRICE_VS_SMA_200, 0.01, VIX_LEVEL, 19.0));
        assertEquals(Direction.NEUTRAL, signal.signal());
        assertEquals(0.5, signal.confidence(), 1e-12);
        assertEquals(3, signal.keyFactors().size());
    }

    @Test
    void should_abstain_for_data_on_an_unknown_regime() {
        var abstention = RuleInputs.abstention(agent, features(REGIME, "euphoric", SPY_PRICE_VS_SMA_200, 0.01, VIX_LEVEL, 19.0));
        assertEquals(ErrorCategory.DATA, abstention.category());
        assertTrue(abstention.reason().contains("regime"), abstention.reason());
    }
}
