package dev.quorum.orchestrator.runtime;

import dev.quorum.memory.metalearner.AgentVote;
import dev.quorum.memory.metalearner.MetaLearner;
import dev.quorum.memory.metalearner.TrainingStep;
import dev.quorum.memory.outcomes.Observation;
import dev.quorum.memory.outcomes.OutcomeListener;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.memory.trust.ScoredCall;

import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trains the meta-learner on each resolved outcome, with the votes as they were weighted at decision time, and
 * keeps what happened so the caller that recorded the outcome can say so: feedback that reports success while its
 * training failed misleads whoever sent it. An update that failed (the database refused its training log row) is
 * kept and tried again, in order, before the next outcome's update: it is learnt late, not lost.
 */
public final class MetaLearnerTraining implements OutcomeListener {

    /** What training on one outcome came to: a step, a failure, or nothing to learn (no scored votes). */
    public record Result(String status, Optional<TrainingStep> step, Optional<String> error) {

        static Result trained(TrainingStep step) {
            return new Result("trained", Optional.of(step), Optional.empty());
        }

        static Result failed(String error) {
            return new Result("failed", Optional.empty(), Optional.of(error));
        }

        public static final Result NOTHING_TO_LEARN = new Result("no_votes", Optional.empty(), Optional.empty());
    }

    private final MetaLearner learner;
    private final List<String> roster;
    private final Map<String, Result> results = new ConcurrentHashMap<>();
    private final Deque<ResolvedOutcome> retries = new ArrayDeque<>();

    public MetaLearnerTraining(MetaLearner learner, List<String> roster) {
        this.learner = learner;
        this.roster = List.copyOf(roster);
    }

    @Override
    public synchronized void onResolved(ResolvedOutcome outcome) {
        while (!retries.isEmpty()) {
            ResolvedOutcome earlier = retries.peekFirst();
            if (train(earlier).step().isEmpty()) {
                break; // still failing: this one waits behind it, so the steps stay in outcome order
            }
            retries.removeFirst();
        }
        Result result = retries.isEmpty() ? train(outcome) : Result.failed("an earlier update is still waiting to be retried");
        results.put(outcome.correlationId(), result);
        if (result.error().isPresent()) {
            retries.addLast(outcome);
            throw new IllegalStateException("meta-learner update for " + outcome.correlationId() + " failed: "
                    + result.error().get() + " (retried before the next outcome's update)");
        }
    }

    /** The result for the outcome of {@code correlationId}, once; empty when no outcome of it was trained on here. */
    public Optional<Result> take(String correlationId) {
        return Optional.ofNullable(results.remove(correlationId));
    }

    /** Updates waiting to be retried. */
    public synchronized int waiting() {
        return retries.size();
    }

    /**
     * Seed 001's {@code hold_duration} in days: a feedback payload's own; for a market outcome the calendar days from
     * the entry session to the exit session.
     */
    static int holdDays(Observation observation) {
        if (observation.entryDate().isPresent() && observation.exitDate().isPresent()) {
            return (int) ChronoUnit.DAYS.between(observation.entryDate().get(), observation.exitDate().get());
        }
        return observation.horizonSessions();
    }

    private Result train(ResolvedOutcome outcome) {
        Map<String, AgentVote> votes = new LinkedHashMap<>();
        for (ScoredCall call : outcome.calls()) {
            if (roster.contains(call.agent())) {
                votes.put(call.agent(), new AgentVote(call.signal(), call.confidence(),
                        outcome.weightsAtDecision().getOrDefault(call.agent(), 1.0)));
            }
        }
        if (outcome.calls().isEmpty()) {
            return Result.NOTHING_TO_LEARN;
        }
        try {
            return Result.trained(learner.train(outcome.correlationId(), votes, outcome.calls().get(0).realizedReturn(),
                    OptionalInt.of(holdDays(outcome.observation()))));
        } catch (RuntimeException e) {
            return Result.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
