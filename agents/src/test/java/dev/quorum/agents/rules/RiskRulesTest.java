package dev.quorum.agents.rules;

import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import org.junit.jupiter.api.Test;

import static dev.quorum.agents.features.FeatureKeys.ATR_14_PCT;
import static dev.quorum.agents.features.FeatureKeys.BETA_60D_SPY;
import static dev.quorum.agents.features.FeatureKeys.MAX_DRAWDOWN_60D;
import static dev.quorum.agents.features.FeatureKeys.REALIZED_VOL_20D;
import static dev.quorum.agents.features.FeatureKeys.VIX_LEVEL;
import static dev.quorum.agents.rules.RuleInputs.features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskRulesTest {

    private final RiskRules agent = new RiskRules();

    @Test
    void should_be_bullish_when_risk_is_low() {
        AgentSignal signal = RuleInputs.signal(agent, features(REALIZED_VOL_20D, 0.18, MAX_DRAWDOWN_60D, -0.03, ATR_14_PCT, 0.015));
        assertEquals(Direction.BULLISH, signal.signal());
        assertEquals(0.95, signal.confidence(), 1e-12);
    }

    @Test
    void should_be_bearish_when_volatile_and_falling() {
        AgentSignal signal = RuleInputs.signal(agent, features(REALIZED_VOL_20D, 0.60, MAX_DRAWDOWN_60D, -0.22, ATR_14_PCT, 0.05,
                BETA_60D_SPY, 1.8, VIX_LEVEL, 31.0));
        assertEquals(Direction.BEARISH, signal.signal());
        assertEquals(0.95, signal.confidence(), 1e-12);
        assertTrue(signal.keyFactors().contains("beta_60d_spy=1.80 high beta with VIX above 25 (-1.00)"), signal.keyFactors().toString());
    }

    @Test
    void should_weigh_high_beta_less_in_a_calm_market() {
        // 0 (vol 30%), 0 (drawdown -10%), 0 (ATR 3%), -0.5 (beta 1.6, VIX 14): net -0.125, inside the neutral band
        AgentSignal signal = RuleInputs.signal(agent, features(REALIZED_VOL_20D, 0.30, MAX_DRAWDOWN_60D, -0.10, ATR_14_PCT, 0.03,
                BETA_60D_SPY, 1.6, VIX_LEVEL, 14.0));
        assertEquals(Direction.NEUTRAL, signal.signal());
        assertEquals(0.5 - 0.125, signal.confidence(), 1e-12);
    }

    @Test
    void should_abstain_for_data_without_volatility() {
        assertEquals(ErrorCategory.DATA, RuleInputs.abstention(agent, features(MAX_DRAWDOWN_60D, -0.03, ATR_14_PCT, 0.015)).category());
    }
}
