package dev.quorum.memory.store;

import dev.quorum.envelope.Verdict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Everything the orchestrator hands the store for one decision; saved in one transaction together with its
 * outbox row.
 *
 * @param correlationId         the envelope's correlation id; unique across the store
 * @param confidence            the synthesis confidence, in [0, 1]
 * @param ensembleScore         the weighted vote, in [-1, 1]
 * @param envelopeJson          the v1 envelope exactly as it will be published
 * @param promptHashes          prompt id (e.g. {@code technical@3}, {@code synthesis@1}) to SHA-256 of its template
 * @param metaLearnerPrediction the meta-learner's predicted return, when it made one
 * @param agents                every agent of the panel with its signal or abstention and its exact inputs
 * @param errors                failures that did not end in an abstention (each abstention is recorded by itself)
 * @param provisional           degraded by infrastructure (no model reachable, quorum lost to failures): the next
 *                              cycle decides the (ticker, trade date) again and supersedes it
 */
public record DecisionRecord(String correlationId, String ticker, LocalDate tradeDate, Verdict verdict,
                             double confidence, double ensembleScore, String envelopeJson,
                             Map<String, String> promptHashes, OptionalDouble metaLearnerPrediction,
                             List<AgentRun> agents, List<AgentError> errors, Instant decidedAt, boolean provisional) {

    /** A final (not provisional) decision. */
    public DecisionRecord(String correlationId, String ticker, LocalDate tradeDate, Verdict verdict, double confidence,
                          double ensembleScore, String envelopeJson, Map<String, String> promptHashes,
                          OptionalDouble metaLearnerPrediction, List<AgentRun> agents, List<AgentError> errors,
                          Instant decidedAt) {
        this(correlationId, ticker, tradeDate, verdict, confidence, ensembleScore, envelopeJson, promptHashes,
                metaLearnerPrediction, agents, errors, decidedAt, false);
    }

    public DecisionRecord {
        requireText(correlationId, "correlationId");
        requireText(ticker, "ticker");
        Objects.requireNonNull(tradeDate, "tradeDate");
        Objects.requireNonNull(verdict, "verdict");
        requireText(envelopeJson, "envelopeJson");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence + " (decision " + correlationId + ")");
        }
        if (!(ensembleScore >= -1.0 && ensembleScore <= 1.0)) {
            throw new IllegalArgumentException("ensembleScore must be in [-1, 1], was " + ensembleScore + " (decision " + correlationId + ")");
        }
        promptHashes = Map.copyOf(new LinkedHashMap<>(promptHashes == null ? Map.of() : promptHashes));
        metaLearnerPrediction = metaLearnerPrediction == null ? OptionalDouble.empty() : metaLearnerPrediction;
        agents = List.copyOf(Objects.requireNonNull(agents, "agents"));
        errors = List.copyOf(errors == null ? List.of() : errors);
        Set<String> names = new HashSet<>();
        for (AgentRun run : agents) {
            String agent = run.outcome().agent();
            if (!names.add(agent)) {
                throw new IllegalArgumentException("agent '" + agent + "' appears twice in decision " + correlationId);
            }
            if (!run.input().ticker().equals(ticker) || !run.input().tradeDate().equals(tradeDate)) {
                throw new IllegalArgumentException("agent '" + agent + "' saw inputs for " + run.input().ticker() + " "
                        + run.input().tradeDate() + ", not for the decision's " + ticker + " " + tradeDate);
            }
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
