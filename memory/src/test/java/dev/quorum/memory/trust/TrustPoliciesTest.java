package dev.quorum.memory.trust;

import dev.quorum.envelope.Direction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each policy's arithmetic, against values computed by hand from the seeds' rules. */
class TrustPoliciesTest {

    private static final double EXACT = 1e-12;
    private static final Instant AT = Instant.parse("2023-06-08T21:00:00Z");

    private final TrustPolicy ema = TrustPolicies.byName("outcome-ema");
    private final TrustPolicy winRate = TrustPolicies.byName("win-rate");
    private final TrustPolicy consensus = TrustPolicies.byName("consensus-agreement");
    private final TrustPolicy equal = TrustPolicies.byName("equal");

    private static ScoredCall call(Direction signal, double confidence, double r, boolean correct, boolean agreed) {
        return new ScoredCall("technical", signal, confidence, r, correct, signal.sign() * r, agreed);
    }

    private static AgentPerformance none() {
        return AgentPerformance.none("technical", 1.0, AT);
    }

    @Test
    void should_raise_a_right_call_by_the_seed_001_ema() {
        // update = 1 + 0.8 x 0.05 x 5 = 1.2; new = 0.1 x 1.2 + 0.9 x 1.0 = 1.02
        assertEquals(1.02, ema.nextWeight(1.0, call(Direction.BULLISH, 0.8, 0.05, true, true), none()), EXACT);
    }

    @Test
    void should_lower_a_wrong_call_by_the_seed_001_ema() {
        // update = 1 - 0.6 x 0.05 x 5 = 0.85; new = 0.1 x 0.85 + 0.9 x 1.0 = 0.985
        assertEquals(0.985, ema.nextWeight(1.0, call(Direction.BEARISH, 0.6, 0.05, false, false), none()), EXACT);
        // a wrong call on a falling market is still lowered: the step uses |return|
        // update = 1 - 0.5 x 0.04 x 5 = 0.9; new = 0.09 + 0.9 x 1.2 = 1.17
        assertEquals(1.17, ema.nextWeight(1.2, call(Direction.BULLISH, 0.5, -0.04, false, false), none()), EXACT);
    }

    @Test
    void should_clip_the_ema_to_the_seed_bounds() {
        // update = 1 + 1 x 0.4 x 5 = 3; new = 0.3 + 1.8 = 2.1 -> 2.0
        assertEquals(2.0, ema.nextWeight(2.0, call(Direction.BULLISH, 1.0, 0.4, true, true), none()), EXACT);
        // update = 1 - 2 = -1; new = -0.1 + 0.09 = -0.01 -> 0.1
        assertEquals(0.1, ema.nextWeight(0.1, call(Direction.BULLISH, 1.0, -0.4, false, true), none()), EXACT);
    }

    @Test
    void should_weigh_by_half_plus_the_win_rate() {
        AgentPerformance threeWinsOneLoss = none();
        threeWinsOneLoss = threeWinsOneLoss.counting(call(Direction.BULLISH, 0.7, 0.02, true, true), AT);
        threeWinsOneLoss = threeWinsOneLoss.counting(call(Direction.BEARISH, 0.7, -0.03, true, true), AT);
        threeWinsOneLoss = threeWinsOneLoss.counting(call(Direction.BULLISH, 0.7, -0.01, false, true), AT);
        threeWinsOneLoss = threeWinsOneLoss.counting(call(Direction.BULLISH, 0.7, 0.01, true, true), AT);

        assertEquals(1.25, winRate.nextWeight(1.0, call(Direction.BULLISH, 0.7, 0.01, true, true), threeWinsOneLoss), EXACT);
        // a NEUTRAL call is no trade: the weight stays
        assertEquals(0.9, winRate.nextWeight(0.9, call(Direction.NEUTRAL, 0.7, 0.01, true, false), threeWinsOneLoss), EXACT);
        // never won: 0.5
        AgentPerformance oneLoss = none().counting(call(Direction.BEARISH, 0.7, 0.02, false, true), AT);
        assertEquals(0.5, winRate.nextWeight(1.0, call(Direction.BEARISH, 0.7, 0.02, false, true), oneLoss), EXACT);
    }

    @Test
    void should_reward_agreement_and_lightly_penalise_dissent_within_bounds() {
        assertEquals(1.05, consensus.nextWeight(1.0, call(Direction.BULLISH, 0.7, -0.05, false, true), none()), EXACT);
        assertEquals(0.97, consensus.nextWeight(1.0, call(Direction.BEARISH, 0.7, -0.05, true, false), none()), EXACT);
        assertEquals(2.0, consensus.nextWeight(1.98, call(Direction.BULLISH, 0.7, 0.0, false, true), none()), EXACT);
        assertEquals(0.1, consensus.nextWeight(0.12, call(Direction.BULLISH, 0.7, 0.0, false, false), none()), EXACT);
    }

    @Test
    void should_keep_every_agent_at_one_under_equal_weights() {
        assertEquals(1.0, equal.nextWeight(1.7, call(Direction.BULLISH, 0.9, 0.2, true, true), none()), EXACT);
    }

    @Test
    void should_derive_accuracy_sharpe_and_win_rate_from_the_calls() {
        AgentPerformance p = none();
        p = p.counting(call(Direction.BULLISH, 0.7, 0.02, true, true), AT);     // contribution +0.02, win
        p = p.counting(call(Direction.BEARISH, 0.7, 0.01, false, true), AT);    // contribution -0.01, loss
        p = p.counting(call(Direction.NEUTRAL, 0.7, 0.003, true, true), AT);    // contribution 0, no trade

        assertEquals(3, p.totalDecisions());
        assertEquals(2, p.correctDecisions());
        assertEquals(2.0 / 3.0, p.accuracy().getAsDouble(), EXACT);
        assertEquals(0.01 / 3.0, p.avgProfitContribution().getAsDouble(), EXACT);
        // contributions 0.02, -0.01, 0: mean 0.003333, sample sd 0.015275 -> 0.218218
        assertEquals(0.2182178902359924, p.sharpeRatio().getAsDouble(), 1e-9);
        assertEquals(0.5, p.winRate().getAsDouble(), EXACT);
    }

    @Test
    void should_name_the_known_policies_when_asked_for_an_unknown_one() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TrustPolicies.byName("ema"));

        assertTrue(refused.getMessage().contains("'ema'"), refused.getMessage());
        assertEquals(List.of("outcome-ema", "win-rate", "consensus-agreement", "equal"), TrustPolicies.names());
    }
}
