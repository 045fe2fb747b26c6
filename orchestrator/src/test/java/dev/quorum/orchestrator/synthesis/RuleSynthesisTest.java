package dev.quorum.orchestrator.synthesis;

import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.consensus.ConsensusResult;
import dev.quorum.orchestrator.consensus.WeightedConsensus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quorum.orchestrator.consensus.PanelOutcomes.abstain;
import static dev.quorum.orchestrator.consensus.PanelOutcomes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleSynthesisTest {

    private final RuleSynthesis rules = new RuleSynthesis(0.25);

    private static ConsensusResult score(double bullish, double bearish) {
        return new WeightedConsensus(1).fuse(List.of(vote("a", Direction.BULLISH, bullish), vote("b", Direction.BEARISH, bearish)), Map.of());
    }

    @Test
    void should_buy_above_the_threshold_with_the_score_as_confidence() {
        ConsensusResult c = score(0.9, 0.1); // (0.9 - 0.1) / (1 + 1) = 0.4
        SynthesisVerdict v = rules.decide(c);
        assertEquals(Verdict.BUY, v.verdict());
        assertEquals(0.4, v.confidence(), 1e-12);
        assertEquals(SynthesisMethod.Step.RULES, v.method());
    }

    @Test
    void should_sell_below_the_negative_threshold() {
        SynthesisVerdict v = rules.decide(score(0.1, 0.9));
        assertEquals(Verdict.SELL, v.verdict());
        assertEquals(0.4, v.confidence(), 1e-12);
    }

    @Test
    void should_never_be_more_confident_than_the_panel() {
        List<dev.quorum.agents.signal.AgentOutcome> weak = List.of(vote("a", Direction.BULLISH, 0.2),
                vote("b", Direction.BULLISH, 0.2), vote("c", Direction.BULLISH, 0.2), vote("d", Direction.BULLISH, 0.2));
        SynthesisVerdict hesitant = rules.decide(new WeightedConsensus(1).fuse(weak, Map.of()));
        assertEquals(Verdict.HOLD, hesitant.verdict(), "four votes at 0.2 are no reason to act");
        List<dev.quorum.agents.signal.AgentOutcome> strong = List.of(vote("a", Direction.BULLISH, 0.9),
                vote("b", Direction.BULLISH, 0.9), vote("c", Direction.BULLISH, 0.9), vote("d", Direction.BULLISH, 0.9));
        SynthesisVerdict convinced = rules.decide(new WeightedConsensus(1).fuse(strong, Map.of()));
        assertEquals(Verdict.BUY, convinced.verdict());
        assertEquals(0.9, convinced.confidence(), 1e-12);
    }

    @Test
    void should_hold_inside_the_band_with_confidence_falling_toward_the_threshold() {
        SynthesisVerdict atZero = rules.decide(score(0.5, 0.5));
        assertEquals(Verdict.HOLD, atZero.verdict());
        assertEquals(1.0, atZero.confidence(), 1e-12);
        SynthesisVerdict nearEdge = rules.decide(score(0.8, 0.4)); // (0.8 - 0.4) / 2 = 0.2
        assertEquals(Verdict.HOLD, nearEdge.verdict());
        assertEquals(1.0 - 0.2 / 0.25, nearEdge.confidence(), 1e-9);
    }

    @Test
    void should_hold_exactly_at_the_threshold() {
        ConsensusResult c = new WeightedConsensus(1).fuse(List.of(vote("a", Direction.BULLISH, 0.5), vote("b", Direction.NEUTRAL, 0.75)), Map.of());
        assertEquals(0.25, c.ensembleScore(), 1e-12);
        SynthesisVerdict v = rules.decide(c);
        assertEquals(Verdict.HOLD, v.verdict());
        assertEquals(0.0, v.confidence(), 1e-12);
    }

    @Test
    void should_hold_with_zero_confidence_when_the_quorum_is_not_met() {
        ConsensusResult c = new WeightedConsensus(2).fuse(List.of(vote("a", Direction.BULLISH, 1.0), abstain("b", ErrorCategory.NETWORK)), Map.of());
        SynthesisVerdict v = rules.decide(c);
        assertEquals(Verdict.HOLD, v.verdict());
        assertEquals(0.0, v.confidence());
        assertEquals(SynthesisMethod.Step.QUORUM_NOT_MET, v.method());
        assertTrue(v.reasoning().contains("quorum not met"), v.reasoning());
    }

    @Test
    void should_bound_any_synthesis_by_what_the_score_supports_and_never_bound_its_own_verdicts() {
        // +0.4 supports BUY 0.4, SELL nothing, HOLD max(0, 1 - 0.4 / 0.25) = 0.
        assertEquals(0.4, rules.supported(Verdict.BUY, 0.4), 1e-12);
        assertEquals(0.0, rules.supported(Verdict.SELL, 0.4), 1e-12);
        assertEquals(0.0, rules.supported(Verdict.HOLD, 0.4), 1e-12);
        assertEquals(1.0 - 0.1 / 0.25, rules.supported(Verdict.HOLD, -0.1), 1e-12);

        RuleSynthesis.Bounded capped = rules.bound(new SynthesisVerdict(Verdict.BUY, 0.95, "Sure.", SynthesisMethod.Step.LLM), 0.4);
        assertEquals(Verdict.BUY, capped.verdict().verdict());
        assertEquals(0.4, capped.verdict().confidence(), 1e-12);
        assertEquals(SynthesisMethod.Step.LLM, capped.verdict().method());
        assertTrue(capped.note().orElseThrow().contains("capped at 0.400"), capped.note().toString());
        RuleSynthesis.Bounded against = rules.bound(new SynthesisVerdict(Verdict.SELL, 0.3, "Contrarian.", SynthesisMethod.Step.LLM), 0.4);
        assertEquals(Verdict.HOLD, against.verdict().verdict());
        assertEquals(0.0, against.verdict().confidence());
        assertEquals(SynthesisMethod.Step.BOUND, against.verdict().method());
        RuleSynthesis.Bounded within = rules.bound(new SynthesisVerdict(Verdict.BUY, 0.3, "Modest.", SynthesisMethod.Step.LLM), 0.4);
        assertTrue(within.note().isEmpty());
        assertEquals(0.3, within.verdict().confidence());

        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 1000; i++) {
            ConsensusResult c = score(random.nextDouble(), random.nextDouble());
            SynthesisVerdict own = rules.decide(c);
            assertTrue(rules.bound(own, c.ensembleScore()).note().isEmpty(), "the rules' own verdict is within the bound: " + own);
        }
    }
}
