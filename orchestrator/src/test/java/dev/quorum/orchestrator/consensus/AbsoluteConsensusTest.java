package dev.quorum.orchestrator.consensus;

import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.synthesis.AbsoluteConsensusGate;
import dev.quorum.orchestrator.synthesis.RuleSynthesis;
import dev.quorum.orchestrator.synthesis.SynthesisRequest;
import dev.quorum.orchestrator.synthesis.SynthesisMethod;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.quorum.orchestrator.consensus.PanelOutcomes.abstain;
import static dev.quorum.orchestrator.consensus.PanelOutcomes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Seed 000's absolute weighted-consensus rule: summed weights (0.5 + win rate) against consensus_threshold 3.0. */
class AbsoluteConsensusTest {

    private static final double EXACT = 1e-12;
    private final AbsoluteConsensus seed = new AbsoluteConsensus(AbsoluteConsensus.SEED_THRESHOLD);
    private final RuleSynthesis absoluteRules = new RuleSynthesis(0.25, Optional.of(seed));
    private final RuleSynthesis normalisedRules = new RuleSynthesis(0.25);

    private static ConsensusResult fuse(List<AgentOutcome> outcomes, Map<String, Double> weights) {
        return new WeightedConsensus(1).fuse(outcomes, weights);
    }

    @Test
    void should_act_when_three_of_five_untried_agents_agree_as_the_seed_counts_them() {
        // The seed's base case: five agents at the initial weight 1.0, three long, two short: 3.0 >= 3.0.
        // Each vote counts whole, however unsure: the normalised score (0.9 - 0.6) / 5 = 0.06 would hold.
        ConsensusResult c = fuse(List.of(vote("a", Direction.BULLISH, 0.3), vote("b", Direction.BULLISH, 0.3),
                vote("c", Direction.BULLISH, 0.3), vote("d", Direction.BEARISH, 0.3), vote("e", Direction.BEARISH, 0.3)), Map.of());

        AbsoluteConsensus.Tally tally = seed.tally(c);
        assertEquals(3.0, tally.bullishWeight(), EXACT);
        assertEquals(2.0, tally.bearishWeight(), EXACT);
        assertEquals(Direction.BULLISH, tally.reached());
        SynthesisVerdict v = absoluteRules.decide(c);
        assertEquals(Verdict.BUY, v.verdict());
        assertEquals(0.9 / 5.0, v.confidence(), EXACT); // bullish strength 3 x 1.0 x 0.3 over the voters' weight 5.0
        assertEquals("Absolute weighted consensus is bullish (bullish weight 3.00, bearish 2.00, threshold 3.00).", v.reasoning());
        assertEquals(0.06, c.ensembleScore(), EXACT);
        assertEquals(Verdict.HOLD, normalisedRules.decide(c).verdict());
    }

    @Test
    void should_bound_a_synthesis_by_the_absolute_rule_not_by_the_normalised_score() {
        // Three of five at 0.3: the rule gives BUY 0.18 where the normalised score is only +0.06. The evidence bound
        // must follow the configured rule: its own BUY passes untouched, an LLM's BUY 0.9 is capped at the rule's 0.18,
        // and a SELL the rule does not support is held at 0.
        ConsensusResult c = fuse(List.of(vote("a", Direction.BULLISH, 0.3), vote("b", Direction.BULLISH, 0.3),
                vote("c", Direction.BULLISH, 0.3), vote("d", Direction.BEARISH, 0.3), vote("e", Direction.BEARISH, 0.3)), Map.of());
        SynthesisVerdict own = absoluteRules.decide(c);
        assertEquals(Optional.empty(), absoluteRules.bound(own, c).note());

        RuleSynthesis.Bounded sure = absoluteRules.bound(new SynthesisVerdict(Verdict.BUY, 0.9, "Sure.", SynthesisMethod.Step.LLM), c);
        assertEquals(Verdict.BUY, sure.verdict().verdict());
        assertEquals(0.9 / 5.0, sure.verdict().confidence(), EXACT);
        assertEquals("llm synthesis said BUY 0.90; confidence capped at 0.180, what seed 000's absolute rule (BUY 0.180) supports",
                sure.note().orElseThrow());

        RuleSynthesis.Bounded against = absoluteRules.bound(new SynthesisVerdict(Verdict.SELL, 0.4, "No.", SynthesisMethod.Step.LLM), c);
        assertEquals(Verdict.HOLD, against.verdict().verdict());
        assertEquals(0.0, against.verdict().confidence(), EXACT);
    }

    @Test
    void should_weigh_agents_by_win_rate_and_hold_below_the_threshold() {
        // 0.5 + win rate: "a" won 4 of 4 (1.5), "b" won 1 of 2 (1.0), "c" lost its only trade (0.5); NEUTRAL and
        // abstentions add to neither side.
        Map<String, Double> weights = Map.of("a", 1.5, "b", 1.0, "c", 0.5, "d", 1.0, "e", 1.0);
        ConsensusResult shortOf = fuse(List.of(vote("a", Direction.BEARISH, 0.9), vote("b", Direction.BEARISH, 0.8),
                vote("c", Direction.BEARISH, 0.7), vote("d", Direction.NEUTRAL, 0.5), abstain("e", ErrorCategory.DATA)), weights);
        AbsoluteConsensus.Tally tally = seed.tally(shortOf);
        assertEquals(3.0, tally.bearishWeight(), EXACT);
        assertEquals(Direction.BEARISH, tally.reached(), "1.5 + 1.0 + 0.5 = 3.0 reaches 3.0");
        SynthesisVerdict sell = absoluteRules.decide(shortOf);
        assertEquals(Verdict.SELL, sell.verdict());
        // (1.5 x 0.9 + 1.0 x 0.8 + 0.5 x 0.7) / (1.5 + 1.0 + 0.5 + 1.0) = 2.5 / 4.0
        assertEquals(0.625, sell.confidence(), EXACT);

        ConsensusResult weaker = fuse(List.of(vote("a", Direction.BEARISH, 0.9), vote("c", Direction.BEARISH, 0.7),
                vote("d", Direction.NEUTRAL, 0.5)), weights);
        SynthesisVerdict hold = absoluteRules.decide(weaker);
        assertEquals(Verdict.HOLD, hold.verdict());
        assertEquals(1.0 - 2.0 / 3.0, hold.confidence(), EXACT); // 1 - max side weight / threshold
    }

    @Test
    void should_skip_a_weighted_tie_as_the_seed_does() {
        ConsensusResult tie = fuse(List.of(vote("a", Direction.BULLISH, 0.9), vote("b", Direction.BULLISH, 0.9),
                vote("c", Direction.BULLISH, 0.9), vote("d", Direction.BEARISH, 0.2), vote("e", Direction.BEARISH, 0.2)),
                Map.of("d", 1.5, "e", 1.5));
        AbsoluteConsensus.Tally tally = seed.tally(tie);
        assertEquals(3.0, tally.bullishWeight(), EXACT);
        assertEquals(3.0, tally.bearishWeight(), EXACT);
        assertEquals(Direction.NEUTRAL, tally.reached());
        SynthesisVerdict v = absoluteRules.decide(tie);
        assertEquals(Verdict.HOLD, v.verdict());
        assertEquals(0.0, v.confidence(), EXACT);
    }

    @Test
    void should_hold_a_verdict_of_another_synthesis_that_lacks_the_absolute_consensus() {
        // The gate in front of a synthesis deciding by itself (here the normalised rules stand in for the LLM one):
        // two confident BULLISH votes score 0.9 (BUY) but weigh 2.0 < 3.0, so the BUY is held.
        AbsoluteConsensusGate gate = new AbsoluteConsensusGate(normalisedRules, seed);
        ConsensusResult two = fuse(List.of(vote("a", Direction.BULLISH, 0.9), vote("b", Direction.BULLISH, 0.9)), Map.of());
        SynthesisVerdict held = gate.synthesise(new SynthesisRequest(null, List.of(), two, null));
        assertEquals(Verdict.HOLD, held.verdict());
        assertEquals(0.0, held.confidence(), EXACT);
        assertEquals(SynthesisMethod.Step.ABSOLUTE_CONSENSUS, held.method());
        assertEquals("Held: BUY (rules synthesis) lacks the absolute weighted consensus (bullish weight 2.00, bearish 0.00,"
                + " threshold 3.00).", held.reasoning());

        ConsensusResult three = fuse(List.of(vote("a", Direction.BULLISH, 0.9), vote("b", Direction.BULLISH, 0.9),
                vote("c", Direction.BULLISH, 0.9)), Map.of());
        SynthesisVerdict kept = gate.synthesise(new SynthesisRequest(null, List.of(), three, null));
        assertEquals(Verdict.BUY, kept.verdict());
        assertEquals(0.9, kept.confidence(), EXACT);
        assertEquals(SynthesisMethod.Step.RULES, kept.method());
    }

    @Test
    void should_refuse_a_threshold_that_is_not_positive() {
        assertThrows(IllegalArgumentException.class, () -> new AbsoluteConsensus(0.0));
        assertThrows(IllegalArgumentException.class, () -> new AbsoluteConsensus(Double.NaN));
    }
}
