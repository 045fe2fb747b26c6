package dev.quorum.orchestrator.runtime;

import dev.quorum.memory.metalearner.AgentVote;
import dev.quorum.memory.metalearner.MetaLearner;
import dev.quorum.memory.metalearner.MetaLearnerRetries;
import dev.quorum.memory.metalearner.MetaLearnerRetries.Update;
import dev.quorum.memory.metalearner.TrainingStep;
import dev.quorum.memory.outcomes.Observation;
import dev.quorum.memory.outcomes.OutcomeListener;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.memory.trust.TrustPolicy;

import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Trains the meta-learner on each resolved outcome, with the votes as they were weighted at decision time, and
 * keeps what happened so the caller that recorded the outcome can say so: feedback that reports success while its
 * training failed misleads whoever sent it. An update that failed (the database refused its training log row) is
 * kept in the database ({@link MetaLearnerRetries}) and tried again, in order, before the next outcome's update,
 * also after a restart: it is learnt late, not lost.
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

    /**
     * How many results are kept for {@link #take}. Only the feedback call takes its result, right after recording the
     * outcome; the outcomes the daily cycles resolve are never asked for, and kept all, they grew the map by one entry
     * per decision for as long as the service ran. A feedback call's result is taken within the same call, so the
     * newest thousand hold it however many outcomes a cycle resolves meanwhile.
     */
    static final int RESULTS_KEPT = 1_000;

    private final MetaLearner learner;
    private final List<String> roster;
    private final MetaLearnerRetries retries;
    private final Map<String, Result> results = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> eldest) {
            return size() > RESULTS_KEPT;
        }
    });

    public MetaLearnerTraining(MetaLearner learner, List<String> roster, MetaLearnerRetries retries) {
        this.learner = learner;
        this.roster = List.copyOf(roster);
        this.retries = retries;
    }

    @Override
    public synchronized void onResolved(ResolvedOutcome outcome) {
        if (outcome.calls().isEmpty()) {
            results.put(outcome.correlationId(), Result.NOTHING_TO_LEARN);
            return;
        }
        Update update = update(outcome);
        Result result;
        try {
            result = retryWaiting() ? train(update) : Result.failed("an earlier update is still waiting to be retried");
        } catch (RuntimeException e) {
            result = Result.failed("the updates waiting to be retried: " + message(e));
        }
        if (result.error().isPresent()) {
            String error = result.error().get();
            try {
                retries.add(update, error);
            } catch (RuntimeException e) {
                error += "; and it cannot be kept for a retry, so it is not learnt: " + message(e);
                result = Result.failed(error);
            }
            results.put(outcome.correlationId(), result);
            throw new IllegalStateException("meta-learner update for " + outcome.correlationId() + " failed: "
                    + error + " (retried before the next outcome's update)");
        }
        results.put(outcome.correlationId(), result);
    }

    /** Trains on the waiting updates in order; false when one still fails (the rest wait behind it, in order). */
    private boolean retryWaiting() {
        for (Update earlier : retries.waiting()) {
            if (train(earlier).step().isEmpty()) {
                return false;
            }
            retries.remove(earlier.decisionId());
        }
        return true;
    }

    /** The result for the outcome of {@code correlationId}, once; empty when no outcome of it was trained on here. */
    public Optional<Result> take(String correlationId) {
        return Optional.ofNullable(results.remove(correlationId));
    }

    /** Updates waiting to be retried. */
    public synchronized int waiting() {
        return retries.waiting().size();
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

    private Update update(ResolvedOutcome outcome) {
        Map<String, AgentVote> votes = new LinkedHashMap<>();
        for (ScoredCall call : outcome.calls()) {
            if (roster.contains(call.agent())) {
                votes.put(call.agent(), new AgentVote(call.signal(), call.confidence(),
                        outcome.weightsAtDecision().getOrDefault(call.agent(), TrustPolicy.DEFAULT_WEIGHT)));
            }
        }
        return new Update(outcome.correlationId(), votes, outcome.calls().get(0).realizedReturn(),
                OptionalInt.of(holdDays(outcome.observation())));
    }

    private Result train(Update update) {
        try {
            return Result.trained(learner.train(update.decisionId(), update.votes(), update.actualReturn(), update.holdDays()));
        } catch (RuntimeException e) {
            return Result.failed(message(e));
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
