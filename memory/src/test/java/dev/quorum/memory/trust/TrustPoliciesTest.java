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
    private final TrustPolicy step = TrustPolicies.byName("correctness-step");
    private final TrustPolicy beta = TrustPolicies.byName("beta-log-odds");
    private static final AgentSkill NO_SKILL = AgentSkill.none("technical");

    private static ScoredCall call(Direction signal, double confidence, double r, boolean correct, boolean agreed) {
        return new ScoredCall("technical", signal, confidence, r, correct, signal.sign() * r, agreed);
    }

    private static AgentPerformance none() {
        return AgentPerformance.none("technical", 1.0, AT);
    }

    @Test
    void should_raise_a_right_call_by_the_seed_001_ema() {
        // update = 1 + 0.8 x 0.05 x 5 = 1.2; new = 0.1 x 1.2 + 0.9 x 1.0 = 1.02
        assertEquals(1.02, ema.nextWeight(1.0, call(Direction.BULLISH, 0.8, 0.05, true, true), none(), NO_SKILL), EXACT);
    }

    @Test
    void should_lower_a_wrong_call_by_the_seed_001_ema() {
        // update = 1 - 0.6 x 0.05 x 5 = 0.85; new = 0.1 x 0.85 + 0.9 x 1.0 = 0.985
        assertEquals(0.985, ema.nextWeight(1.0, call(Direction.BEARISH, 0.6, 0.05, false, false), none(), NO_SKILL), EXACT);
        // a wrong call on a falling market is still lowered: the step uses |return|
        // update = 1 - 0.5 x 0.04 x 5 = 0.9; new = 0.09 + 0.9 x 1.2 = 1.17
        assertEquals(1.17, ema.nextWeight(1.2, call(Direction.BULLISH, 0.5, -0.04, false, false), none(), NO_SKILL), EXACT);
    }

    @Test
    void should_clip_the_ema_to_the_seed_bounds() {
        // update = 1 + 1 x 0.4 x 5 = 3; new = 0.3 + 1.8 = 2.1 -> 2.0
        assertEquals(2.0, ema.nextWeight(2.0, call(Direction.BULLISH, 1.0, 0.4, true, true), none(), NO_SKILL), EXACT);
        // update = 1 - 2 = -1; new = -0.1 + 0.09 = -0.01 -> 0.1
        assertEquals(0.1, ema.nextWeight(0.1, call(Direction.BULLISH, 1.0, -0.4, false, true), none(), NO_SKILL), EXACT);
    }

    @Test
    void should_weigh_by_half_plus_the_win_rate() {
        AgentPerformance threeWinsOneLoss = none();
        threeWinsOneLoss = threeWinsOneLoss.counting(call(Direction.BULLISH, 0.7, 0.02, true, true), AT);
        threeWinsOneLoss = threeWinsOneLoss.counting(call(Direction.BEARISH, 0.7, -0.03, true, true), AT);
        threeWinsOneLoss = threeWinsOneLoss.counting(call(Direction.BULLISH, 0.7, -0.01, false, true), AT);
        threeWinsOneLoss = threeWinsOneLoss.counting(call(Direction.BULLISH, 0.7, 0.01, true, true), AT);

        assertEquals(1.25, winRate.nextWeight(1.0, call(Direction.BULLISH, 0.7, 0.01, true, true), threeWinsOneLoss, NO_SKILL), EXACT);
        // a NEUTRAL call is no trade: the weight stays
        assertEquals(0.9, winRate.nextWeight(0.9, call(Direction.NEUTRAL, 0.7, 0.01, true, false), threeWinsOneLoss, NO_SKILL), EXACT);
        // never won: 0.5
        AgentPerformance oneLoss = none().counting(call(Direction.BEARISH, 0.7, 0.02, false, true), AT);
        assertEquals(0.5, winRate.nextWeight(1.0, call(Direction.BEARISH, 0.7, 0.02, false, true), oneLoss, NO_SKILL), EXACT);
    }

    @Test
    void should_reward_agreement_and_lightly_penalise_dissent_within_bounds() {
        assertEquals(1.05, consensus.nextWeight(1.0, call(Direction.BULLISH, 0.7, -0.05, false, true), none(), NO_SKILL), EXACT);
        assertEquals(0.97, consensus.nextWeight(1.0, call(Direction.BEARISH, 0.7, -0.05, true, false), none(), NO_SKILL), EXACT);
        assertEquals(2.0, consensus.nextWeight(1.98, call(Direction.BULLISH, 0.7, 0.0, false, true), none(), NO_SKILL), EXACT);
        assertEquals(0.1, consensus.nextWeight(0.12, call(Direction.BULLISH, 0.7, 0.0, false, false), none(), NO_SKILL), EXACT);
    }

    @Test
    void should_keep_every_agent_at_one_under_equal_weights() {
        assertEquals(1.0, equal.nextWeight(1.7, call(Direction.BULLISH, 0.9, 0.2, true, true), none(), NO_SKILL), EXACT);
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
        assertEquals(List.of("beta-log-odds", "outcome-ema", "win-rate", "consensus-agreement", "correctness-step", "equal"),
                TrustPolicies.names());
        assertEquals("beta-log-odds", TrustPolicies.DEFAULT);
    }

    @Test
    void should_step_on_being_right_not_on_agreeing_under_correctness_step() {
        // Right but against the verdict: +0.05; wrong but with the verdict: -0.03; bounds [0.1, 2.0].
        assertEquals(1.05, step.nextWeight(1.0, call(Direction.BULLISH, 0.7, 0.05, true, false), none(), NO_SKILL), EXACT);
        assertEquals(0.97, step.nextWeight(1.0, call(Direction.BEARISH, 0.7, 0.05, false, true), none(), NO_SKILL), EXACT);
        assertEquals(2.0, step.nextWeight(1.98, call(Direction.BULLISH, 0.7, 0.05, true, true), none(), NO_SKILL), EXACT);
        assertEquals(0.1, step.nextWeight(0.12, call(Direction.BULLISH, 0.7, -0.05, false, true), none(), NO_SKILL), EXACT);
    }

    @Test
    void should_weigh_by_the_log_odds_of_the_beta_posterior_under_beta_log_odds() {
        // Three right directional calls, one wrong, forgetting 0.995:
        // right calls: r = (1 x .995 + 1) x .995 + 1 = 2.985025; the wrong one forgets once more: r = 2.985025 x .995, w = 1.
        AgentSkill skill = NO_SKILL;
        skill = skill.after(call(Direction.BULLISH, 0.7, 0.02, true, true), SessionEvidence.WHOLE);
        skill = skill.after(call(Direction.BEARISH, 0.7, -0.03, true, true), SessionEvidence.WHOLE);
        skill = skill.after(call(Direction.BULLISH, 0.7, 0.01, true, true), SessionEvidence.WHOLE);
        skill = skill.after(call(Direction.BULLISH, 0.7, -0.02, false, true), SessionEvidence.WHOLE);
        skill = skill.after(call(Direction.NEUTRAL, 0.7, 0.04, false, true), SessionEvidence.WHOLE); // no direction: nothing learned
        assertEquals(2.985025 * 0.995, skill.right(), 1e-12);
        assertEquals(1.0, skill.wrong(), EXACT);
        assertEquals(4, skill.directionalCalls());
        double p = (5.0 + 2.985025 * 0.995) / (10.0 + 2.985025 * 0.995 + 1.0);
        assertEquals(p, skill.accuracy(), EXACT);
        assertEquals(Math.log(p / (1 - p)), beta.nextWeight(0.05, call(Direction.BULLISH, 0.7, -0.02, false, true), none(), skill), EXACT);
    }

    @Test
    void should_floor_a_coin_flip_and_a_reliably_wrong_agent_and_start_new_agents_at_the_floor() {
        AgentSkill wrong = NO_SKILL;
        for (int i = 0; i < 50; i++) {
            wrong = wrong.after(call(Direction.BULLISH, 0.7, -0.02, false, true), SessionEvidence.WHOLE);
        }
        assertTrue(wrong.logOdds() < -2.0, "reliably wrong: " + wrong.logOdds());
        assertEquals(BetaLogOddsPolicy.FLOOR, beta.nextWeight(1.0, call(Direction.BULLISH, 0.7, -0.02, false, true), none(), wrong), EXACT);
        assertEquals(BetaLogOddsPolicy.FLOOR, beta.nextWeight(1.0, call(Direction.BULLISH, 0.7, 0.02, true, true), none(), NO_SKILL), EXACT);
        assertEquals(BetaLogOddsPolicy.FLOOR, beta.initialWeight(), EXACT);
        AgentSkill right = NO_SKILL;
        for (int i = 0; i < 2000; i++) {
            right = right.after(call(Direction.BULLISH, 0.7, 0.02, true, true), SessionEvidence.WHOLE);
        }
        assertEquals(BetaLogOddsPolicy.CAP, beta.nextWeight(1.0, call(Direction.BULLISH, 0.7, 0.02, true, true), none(), right), EXACT);
        assertEquals(1.0, ema.initialWeight(), EXACT);
    }

    @Test
    void should_calibrate_confidence_to_accuracy_shrunk_to_the_agent_and_non_decreasing() {
        assertEquals(0.5, NO_SKILL.calibrated(0.9), EXACT);
        // Two calls at 0.3 wrong, then four at 0.9 right: bin 1 below the agent's accuracy, bin 4 above, bins 2-3 at it.
        AgentSkill skill = NO_SKILL;
        skill = skill.after(call(Direction.BULLISH, 0.3, -0.02, false, true), SessionEvidence.WHOLE);
        skill = skill.after(call(Direction.BULLISH, 0.3, -0.02, false, true), SessionEvidence.WHOLE);
        for (int i = 0; i < 4; i++) {
            skill = skill.after(call(Direction.BULLISH, 0.9, 0.02, true, true), SessionEvidence.WHOLE);
        }
        double p = skill.accuracy();
        double w1 = skill.binWrong().get(1);
        double r4 = skill.binRight().get(4);
        assertEquals((0.995 + 1) * Math.pow(0.995, 4), w1, EXACT);
        // Bin 1 alone, (0 + 10 p) / (w1 + 10), lies below the empty bin 0 (at p): the two are pooled, weights 10 and w1 + 10.
        assertEquals(20 * p / (20 + w1), skill.calibrated(0.3), EXACT);
        assertEquals(skill.calibrated(0.1), skill.calibrated(0.3), EXACT);
        assertEquals((r4 + 10 * p) / (r4 + 10), skill.calibrated(0.95), EXACT);
        assertTrue(skill.calibrated(0.3) < p && p < skill.calibrated(0.95));
        assertEquals(p, skill.calibrated(0.5), EXACT, "a bin with no evidence is the agent's accuracy");
        // A bin above that is worse than the one below is pooled with it (isotonic).
        assertEquals(List.of(1.5, 1.5, 3.0), java.util.Arrays.stream(AgentSkill.isotonic(new double[] {2, 1, 3}, new double[] {1, 1, 1}))
                .boxed().toList());
    }

    @Test
    void should_pool_the_stated_confidence_until_evidence_moves_it_toward_the_calibration_map() {
        assertEquals(0.9, NO_SKILL.pooledConfidence(0.9), EXACT, "no evidence: taken at its word");
        // One wrong call at 0.9: p = 5 / 11; bin 4 alone (0 + 10 x 5/11) / 11 = 50/121 lies below bins 0-3 (5/11, weight 10
        // each), so all five pool to (4 x 10 x 5/11 + 11 x 50/121) / 51 = 250/561; pooled (1 x 250/561 + 2 x 0.9) / 3 = 6299/8415.
        AgentSkill once = NO_SKILL.after(call(Direction.BULLISH, 0.9, -0.02, false, true), SessionEvidence.WHOLE);
        assertEquals(250.0 / 561.0, once.calibrated(0.9), EXACT);
        assertEquals(6299.0 / 8415.0, once.pooledConfidence(0.9), EXACT);
        // Right half the time at 0.9 for long: 0.9 counts as about a coin flip.
        AgentSkill coin = NO_SKILL;
        for (int i = 0; i < 1000; i++) {
            coin = coin.after(call(Direction.BULLISH, 0.9, i % 2 == 0 ? 0.02 : -0.02, i % 2 == 0, true), SessionEvidence.WHOLE);
        }
        assertEquals(0.5, coin.calibrated(0.9), 0.01);
        assertTrue(coin.pooledConfidence(0.9) < 0.53, "pooled " + coin.pooledConfidence(0.9));
    }
}
