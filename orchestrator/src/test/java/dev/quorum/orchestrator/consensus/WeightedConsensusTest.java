package dev.quorum.orchestrator.consensus;

import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.memory.trust.SessionEvidence;
import dev.quorum.memory.trust.TrustPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quorum.orchestrator.consensus.PanelOutcomes.abstain;
import static dev.quorum.orchestrator.consensus.PanelOutcomes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightedConsensusTest {

    private static final double EPS = 1e-12;

    @Test
    void should_fuse_seed_003_example_as_the_trust_weighted_mean_of_signed_confidences() {
        // Seed 003: xgb BUY 0.85 (trust 1.05), patchtst BUY 0.78 (1.0), nhits SELL 0.65 (0.97).
        ConsensusResult r = new WeightedConsensus(2).fuse(List.of(
                        vote("xgb", Direction.BULLISH, 0.85), vote("patchtst", Direction.BULLISH, 0.78),
                        vote("nhits", Direction.BEARISH, 0.65)),
                Map.of("xgb", 1.05, "patchtst", 1.0, "nhits", 0.97));
        double buy = 1.05 * 0.85 + 1.0 * 0.78;
        double sell = 0.97 * 0.65;
        assertEquals((buy - sell) / (1.05 + 1.0 + 0.97), r.ensembleScore(), EPS);
        assertEquals(Direction.BULLISH, r.leading());
        assertEquals(2.0 / 3.0, r.agreement(), EPS); // seed 003's agreement_pct 0.667
        assertEquals(2, r.distribution().get(Direction.BULLISH).agents());
        assertEquals(buy / (buy + sell), r.distribution().get(Direction.BULLISH).strengthShare(), EPS);
        assertEquals(sell / (buy + sell), r.distribution().get(Direction.BEARISH).strengthShare(), EPS);
        assertEquals(0.0, r.distribution().get(Direction.NEUTRAL).strengthShare(), EPS);
        assertTrue(r.quorumMet());
    }

    @Test
    void should_exclude_abstentions_instead_of_counting_them_neutral() {
        ConsensusResult r = new WeightedConsensus(1).fuse(List.of(
                vote("technical", Direction.BULLISH, 0.8), abstain("sentiment", ErrorCategory.NETWORK)), Map.of());
        assertEquals(0.8, r.ensembleScore(), EPS, "the abstention is not in the denominator");
        assertEquals(1, r.votes().size());
        assertEquals("sentiment", r.abstentions().get(0).agent());
        assertEquals(1.0, r.agreement(), EPS);
    }

    @Test
    void should_let_neutral_votes_dilute_the_score() {
        ConsensusResult r = new WeightedConsensus(1).fuse(List.of(
                vote("a", Direction.BULLISH, 0.6), vote("b", Direction.NEUTRAL, 0.6)), Map.of());
        assertEquals(0.3, r.ensembleScore(), EPS);
    }

    @Test
    void should_keep_the_conviction_of_unanimous_votes() {
        // Four agents agree: the score is as convinced as they are, not +1 whatever their confidence.
        List<dev.quorum.agents.signal.AgentOutcome> weak = List.of(vote("a", Direction.BULLISH, 0.2),
                vote("b", Direction.BULLISH, 0.2), vote("c", Direction.BULLISH, 0.2), vote("d", Direction.BULLISH, 0.2));
        List<dev.quorum.agents.signal.AgentOutcome> strong = List.of(vote("a", Direction.BULLISH, 0.9),
                vote("b", Direction.BULLISH, 0.9), vote("c", Direction.BULLISH, 0.9), vote("d", Direction.BULLISH, 0.9));
        Map<String, Double> weights = Map.of("a", 0.4, "b", 1.0, "c", 1.7, "d", 0.1);
        assertEquals(0.2, new WeightedConsensus(1).fuse(weak, weights).ensembleScore(), EPS);
        assertEquals(0.9, new WeightedConsensus(1).fuse(strong, weights).ensembleScore(), EPS);
    }

    @Test
    void should_score_zero_when_every_voter_weighs_zero() {
        ConsensusResult r = new WeightedConsensus(1).fuse(List.of(vote("a", Direction.BULLISH, 0.9)), Map.of("a", 0.0));
        assertEquals(0.0, r.ensembleScore(), EPS);
    }

    @Test
    void should_let_trust_decide_between_opposite_equally_confident_votes() {
        ConsensusResult r = new WeightedConsensus(1).fuse(List.of(
                vote("trusted", Direction.BEARISH, 0.7), vote("doubted", Direction.BULLISH, 0.7)),
                Map.of("trusted", 1.8, "doubted", 0.2));
        assertEquals((0.2 - 1.8) * 0.7 / 2.0, r.ensembleScore(), EPS);
        assertEquals(Direction.BEARISH, r.leading());
        assertEquals(Map.of("trusted", 1.8, "doubted", 0.2), r.trustWeights());
    }

    @Test
    void should_give_unknown_agents_the_default_weight() {
        ConsensusResult r = new WeightedConsensus(1).fuse(List.of(vote("new", Direction.BULLISH, 0.5)), Map.of());
        assertEquals(TrustPolicy.DEFAULT_WEIGHT, r.trustWeights().get("new"));
    }

    @Test
    void should_report_a_tie_as_neutral_leading() {
        ConsensusResult r = new WeightedConsensus(1).fuse(List.of(
                vote("a", Direction.BULLISH, 0.5), vote("b", Direction.BEARISH, 0.5)), Map.of());
        assertEquals(0.0, r.ensembleScore(), EPS);
        assertEquals(Direction.NEUTRAL, r.leading());
        assertEquals(0.0, r.agreement(), EPS);
    }

    @Test
    void should_score_zero_when_every_confidence_is_zero() {
        ConsensusResult r = new WeightedConsensus(1).fuse(List.of(vote("a", Direction.BULLISH, 0.0)), Map.of());
        assertEquals(0.0, r.ensembleScore(), EPS);
        assertFalse(Double.isNaN(r.distribution().get(Direction.BULLISH).strengthShare()));
    }

    @Test
    void should_say_why_when_the_quorum_is_not_met() {
        ConsensusResult r = new WeightedConsensus(2).fuse(List.of(
                vote("technical", Direction.BULLISH, 0.9), abstain("risk", ErrorCategory.MODEL),
                abstain("macro", ErrorCategory.NETWORK)), Map.of());
        assertFalse(r.quorumMet());
        assertEquals("quorum not met: 1 of 3 agents voted, 2 needed; abstained: risk (model), macro (network)",
                r.degraded().orElseThrow());
    }

    @Test
    void should_stay_within_bounds_for_any_panel() {
        java.util.Random random = new java.util.Random(42);
        WeightedConsensus consensus = new WeightedConsensus(1);
        for (int i = 0; i < 2000; i++) {
            int n = 1 + random.nextInt(6);
            List<dev.quorum.agents.signal.AgentOutcome> outcomes = new java.util.ArrayList<>();
            Map<String, Double> weights = new java.util.HashMap<>();
            for (int a = 0; a < n; a++) {
                outcomes.add(vote("a" + a, Direction.values()[random.nextInt(3)], random.nextDouble()));
                weights.put("a" + a, 0.1 + 1.9 * random.nextDouble());
            }
            ConsensusResult r = consensus.fuse(outcomes, weights);
            assertTrue(r.ensembleScore() >= -1.0 && r.ensembleScore() <= 1.0, "score " + r.ensembleScore());
            double mostConfident = r.votes().stream().mapToDouble(Vote::confidence).max().orElse(0.0);
            assertTrue(Math.abs(r.ensembleScore()) <= mostConfident + 1e-12, "never more convinced than the most confident voter");
            assertTrue(r.agreement() >= 0.0 && r.agreement() <= 1.0);
            double shares = r.distribution().values().stream().mapToDouble(VoteShare::strengthShare).sum();
            assertTrue(shares == 0.0 || Math.abs(shares - 1.0) < 1e-9, "shares " + shares);
        }
    }

    @Test
    void should_refuse_a_negative_or_non_finite_trust_weight() {
        WeightedConsensus consensus = new WeightedConsensus(1);
        List<dev.quorum.agents.signal.AgentOutcome> one = List.of(vote("a", Direction.BULLISH, 0.5));
        assertThrows(IllegalArgumentException.class, () -> consensus.fuse(one, Map.of("a", -0.1)));
        assertThrows(IllegalArgumentException.class, () -> consensus.fuse(one, Map.of("a", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> consensus.fuse(one, Map.of("a", Double.POSITIVE_INFINITY)));
    }

    @Test
    void should_count_directional_votes_at_their_calibrated_confidence_under_calibrated_pooling() {
        // a was wrong once at 0.9: it counts 6299/8415 (AgentSkill's hand-computed case); b has no record and counts what
        // it stated; c is NEUTRAL, which names no direction to calibrate, and keeps 0.5.
        AgentSkill wrongOnce = AgentSkill.none("a").after(new ScoredCall("a", Direction.BULLISH, 0.9, -0.02, false, -0.02, true), SessionEvidence.WHOLE);
        List<dev.quorum.agents.signal.AgentOutcome> panel = List.of(vote("a", Direction.BULLISH, 0.9),
                vote("b", Direction.BEARISH, 0.6), vote("c", Direction.NEUTRAL, 0.5));
        Map<String, Double> weights = Map.of("a", 1.0, "b", 1.0, "c", 1.0);
        Map<String, AgentSkill> skills = Map.of("a", wrongOnce, "c", wrongOnce);

        ConsensusResult calibrated = new WeightedConsensus(1, 1.0, Pooling.CALIBRATED).fuse(panel, weights, skills);
        assertEquals((6299.0 / 8415.0 - 0.6) / 3, calibrated.ensembleScore(), EPS);
        List<Double> counted = calibrated.votes().stream().map(Vote::confidence).toList();
        assertEquals(6299.0 / 8415.0, counted.get(0), EPS);
        assertEquals(List.of(0.6, 0.5), counted.subList(1, 3));
        assertEquals(List.of(0.9, 0.6, 0.5), calibrated.votes().stream().map(Vote::stated).toList());
        assertEquals(Pooling.CALIBRATED, calibrated.pooling());

        ConsensusResult stated = new WeightedConsensus(1, 1.0, Pooling.STATED).fuse(panel, weights, skills);
        assertEquals((0.9 - 0.6) / 3, stated.ensembleScore(), EPS);
        assertEquals(stated.ensembleScore(), new WeightedConsensus(1, 1.0, Pooling.CALIBRATED).fuse(panel, weights).ensembleScore(),
                EPS, "no evidence: calibrated pooling is stated pooling");
    }
}
