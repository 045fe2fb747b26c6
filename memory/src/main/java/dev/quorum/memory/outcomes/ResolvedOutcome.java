package dev.quorum.memory.outcomes;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.trust.ScoredCall;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A stored outcome with its scored calls: what listeners (meta-learner training, recall indexing) receive.
 *
 * @param weightsAtDecision the trust weight each scored agent's vote carried when the decision was made
 * @param weightsAfter      all current trust weights once this outcome was applied
 */
public record ResolvedOutcome(long outcomeId, String correlationId, String ticker, LocalDate tradeDate, Verdict verdict,
                              Observation observation, List<ScoredCall> calls, Map<String, Double> weightsAtDecision,
                              Map<String, Double> weightsAfter) {

    public ResolvedOutcome {
        calls = List.copyOf(calls);
        weightsAtDecision = Map.copyOf(weightsAtDecision);
        weightsAfter = Map.copyOf(weightsAfter);
    }
}
