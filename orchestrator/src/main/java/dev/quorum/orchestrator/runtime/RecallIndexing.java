package dev.quorum.orchestrator.runtime;

import dev.quorum.memory.outcomes.OutcomeListener;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.memory.recall.AgentCall;
import dev.quorum.memory.recall.OutcomeLabel;
import dev.quorum.memory.recall.ResolvedSituation;
import dev.quorum.memory.recall.Situation;
import dev.quorum.memory.recall.SituationMemory;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.ReplayInput;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Indexes a decision's situation for recall when its outcome resolves, never before (a query at date D must only
 * see outcomes known by D). The situation is the features the agents saw, their calls and the verdict; it is known
 * from the exit date of a market outcome, or from the day the feedback arrived (feedback carries no exit date).
 */
final class RecallIndexing implements OutcomeListener {

    private final SituationMemory memory;
    private final DecisionStore store;
    private final double flatBand;
    private final Clock clock;

    RecallIndexing(SituationMemory memory, DecisionStore store, double flatBand, Clock clock) {
        this.memory = memory;
        this.store = store;
        this.flatBand = flatBand;
        this.clock = clock;
    }

    @Override
    public void onResolved(ResolvedOutcome outcome) {
        List<ReplayInput> inputs = store.inputs(outcome.correlationId());
        Map<String, Object> features = inputs.isEmpty() ? Map.of() : inputs.get(0).input().features();
        List<AgentCall> calls = outcome.calls().stream()
                .map(c -> new AgentCall(c.agent(), c.signal(), c.confidence())).toList();
        LocalDate knownAt = outcome.observation().exitDate().orElse(LocalDate.now(clock));
        if (knownAt.isBefore(outcome.tradeDate())) {
            knownAt = outcome.tradeDate();
        }
        double realised = outcome.observation().realizedReturn();
        // The resilient memory queues a failed indexing for retry; it never throws for an outage.
        memory.index(new ResolvedSituation(outcome.correlationId(),
                new Situation(outcome.ticker(), outcome.tradeDate(), features, calls), outcome.verdict(), knownAt,
                realised, OutcomeLabel.of(outcome.verdict(), realised, flatBand)));
    }
}
