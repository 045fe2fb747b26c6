package dev.quorum.memory.outcomes;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.trust.ScoredCall;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        // By agent name: the feedback answer and the API print these maps, and Map.copyOf has no fixed order.
        weightsAtDecision = Collections.unmodifiableMap(new TreeMap<>(weightsAtDecision));
        weightsAfter = Collections.unmodifiableMap(new TreeMap<>(weightsAfter));
    }
}
