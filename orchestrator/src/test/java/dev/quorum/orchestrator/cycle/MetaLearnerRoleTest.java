package dev.quorum.orchestrator.cycle;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.metalearner.MetaLearnerStatus;
import dev.quorum.memory.metalearner.TrainingStep;
import dev.quorum.orchestrator.synthesis.SynthesisMethod;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaLearnerRoleTest {

    private static final SynthesisVerdict BUY = new SynthesisVerdict(Verdict.BUY, 0.4, "bullish panel", SynthesisMethod.Step.RULES);
    private static final SynthesisVerdict SELL = new SynthesisVerdict(Verdict.SELL, 0.4, "bearish panel", SynthesisMethod.Step.RULES);

    private static Optional<MetaLearnerStatus> fitted(Double rSquared, int window) {
        return fitted(rSquared, window, 0);
    }

    /**
     * A status whose last {@code window} validation steps have 60 % positive outcomes and a prediction whose sign is
     * right on {@code right} of them (the first {@code right} steps right, the others wrong).
     */
    private static Optional<MetaLearnerStatus> fitted(Double rSquared, int window, int right) {
        List<TrainingStep> curve = new ArrayList<>();
        for (int i = 0; i < window; i++) {
            double actual = i % 5 < 3 ? 0.01 : -0.01;
            curve.add(new TrainingStep(i + 1, "d" + i, i < right ? actual : -actual, actual, 1e-4));
        }
        return Optional.of(new MetaLearnerStatus(window, 0.001, rSquared, window, 0, curve));
    }

    @Test
    void should_count_the_sign_against_the_base_rate_with_a_hand_computed_binomial_tail() {
        // Binomial(10, 0.6): P(X >= 9) = 10 x 0.6^9 x 0.4 + 0.6^10 = 0.0403107840 + 0.0060466176 = 0.0463574016
        assertEquals(0.0463574016, MetaLearnerRole.SignSkill.upperTail(9, 10, 0.6), 1e-12);
        assertEquals(1.0, MetaLearnerRole.SignSkill.upperTail(0, 10, 0.6), 1e-12);
        MetaLearnerRole.SignSkill skill = MetaLearnerRole.SignSkill.of(List.of(
                new TrainingStep(1, "a", 0.02, 0.01, 0), new TrainingStep(2, "b", -0.02, 0.01, 0),
                new TrainingStep(3, "c", 0.02, -0.03, 0), new TrainingStep(4, "d", 0.01, 0.0, 0)));
        assertEquals(1, skill.right());
        assertEquals(3, skill.calls(), "an outcome of exactly 0 names no sign");
        assertEquals(2.0 / 3.0, skill.baseRate(), 1e-12);
    }

    @Test
    void should_stay_inert_with_a_positive_r2_whose_sign_is_no_better_than_the_base_rate() {
        // 60 % of outcomes up; 64 of 100 signs right: P(X >= 64 | 100, 0.6) is about 0.24, no evidence of skill.
        MetaLearnerRole lucky = MetaLearnerRole.of(fitted(0.015, 100, 64));
        assertFalse(lucky.active());
        assertTrue(lucky.description().startsWith("inert: validation R² 0.015 > 0, sign right 64 of 100 (base rate 60 %, p 0.2"),
                lucky.description());
        assertSame(BUY, lucky.apply(BUY, OptionalDouble.of(-0.03)));
    }

    @Test
    void should_stay_inert_without_positive_validation_skill() {
        MetaLearnerRole unproven = MetaLearnerRole.of(fitted(-0.041, 100));
        assertFalse(unproven.active());
        assertEquals("inert: validation R² -0.041 <= 0 over the last 100 outcomes", unproven.description());
        assertSame(BUY, unproven.apply(BUY, OptionalDouble.of(-0.03)), "reported, never moving a decision");

        MetaLearnerRole young = MetaLearnerRole.of(fitted(0.2, 49));
        assertFalse(young.active());
        assertEquals("inert: 49 validation outcomes, 50 needed", young.description());
        assertFalse(MetaLearnerRole.of(Optional.empty()).active());
    }

    @Test
    void should_only_veto_a_trade_against_its_prediction_once_its_skill_is_positive() {
        MetaLearnerRole proven = MetaLearnerRole.of(fitted(0.031, 100, 75));
        assertTrue(proven.active());
        assertTrue(proven.description().startsWith("active: validation R² 0.031 > 0, sign right 75 of 100 (base rate 60 %, p 0.00"),
                proven.description());

        SynthesisVerdict held = proven.apply(BUY, OptionalDouble.of(-0.012));
        assertEquals(Verdict.HOLD, held.verdict());
        assertEquals(0.0, held.confidence());
        assertEquals(SynthesisMethod.Step.META_LEARNER, held.method());
        assertEquals(Verdict.HOLD, proven.apply(SELL, OptionalDouble.of(0.004)).verdict());
        assertSame(BUY, proven.apply(BUY, OptionalDouble.of(0.012)), "agreeing: untouched");
        assertSame(BUY, proven.apply(BUY, OptionalDouble.empty()), "no prediction: untouched");
        SynthesisVerdict hold = new SynthesisVerdict(Verdict.HOLD, 0.7, "undecided", SynthesisMethod.Step.RULES);
        assertSame(hold, proven.apply(hold, OptionalDouble.of(0.05)), "it never creates a trade");
    }
}
