package dev.quorum.orchestrator.cycle;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.metalearner.MetaLearnerStatus;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaLearnerRoleTest {

    private static final SynthesisVerdict BUY = new SynthesisVerdict(Verdict.BUY, 0.4, "bullish panel", "rules");
    private static final SynthesisVerdict SELL = new SynthesisVerdict(Verdict.SELL, 0.4, "bearish panel", "rules");

    private static Optional<MetaLearnerStatus> fitted(Double rSquared, int window) {
        return Optional.of(new MetaLearnerStatus(window, 0.001, rSquared, window, 0, List.of()));
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
        MetaLearnerRole proven = MetaLearnerRole.of(fitted(0.031, 100));
        assertTrue(proven.active());
        assertEquals("active: validation R² 0.031 > 0 over the last 100 outcomes", proven.description());

        SynthesisVerdict held = proven.apply(BUY, OptionalDouble.of(-0.012));
        assertEquals(Verdict.HOLD, held.verdict());
        assertEquals(0.0, held.confidence());
        assertEquals("meta-learner", held.method());
        assertEquals(Verdict.HOLD, proven.apply(SELL, OptionalDouble.of(0.004)).verdict());
        assertSame(BUY, proven.apply(BUY, OptionalDouble.of(0.012)), "agreeing: untouched");
        assertSame(BUY, proven.apply(BUY, OptionalDouble.empty()), "no prediction: untouched");
        SynthesisVerdict hold = new SynthesisVerdict(Verdict.HOLD, 0.7, "undecided", "rules");
        assertSame(hold, proven.apply(hold, OptionalDouble.of(0.05)), "it never creates a trade");
    }
}
