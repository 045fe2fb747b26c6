package dev.quorum.memory.recall;

import dev.quorum.memory.outcomes.OutcomeListener;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.ReplayInput;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Indexes a decision's situation the moment its outcome resolves, never before: register it with the outcome
 * recorder next to meta-learner training. The features are those the agents saw (from the decision store), the
 * calls those that were scored; the outcome is known at its exit date, or, for external feedback that carries no
 * exit date, on the day the feedback arrived.
 */
public final class OutcomeIndexer implements OutcomeListener {

    private final SituationMemory memory;
    private final DecisionStore decisions;
    private final double flatBand;
    private final Clock clock;

    /** @param flatBand the outcome rules' epsilon: a move inside it labels a trade FLAT and a HOLD a WIN */
    public OutcomeIndexer(SituationMemory memory, DecisionStore decisions, double flatBand, Clock clock) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.flatBand = flatBand;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void onResolved(ResolvedOutcome outcome) {
        memory.index(situation(outcome));
    }

    ResolvedSituation situation(ResolvedOutcome outcome) {
        Map<String, Object> features = decisions.inputs(outcome.correlationId()).stream().findFirst()
                .map(ReplayInput::input).map(input -> input.features()).orElse(Map.of());
        List<AgentCall> calls = outcome.calls().stream()
                .map(call -> new AgentCall(call.agent(), call.signal(), call.confidence())).toList();
        LocalDate arrived = LocalDate.now(clock);
        LocalDate knownAt = outcome.observation().exitDate()
                .orElse(arrived.isBefore(outcome.tradeDate()) ? outcome.tradeDate() : arrived);
        double realised = outcome.observation().realizedReturn();
        return new ResolvedSituation(outcome.correlationId(),
                new Situation(outcome.ticker(), outcome.tradeDate(), features, calls), outcome.verdict(), knownAt,
                realised, OutcomeLabel.of(outcome.verdict(), realised, flatBand));
    }
}
