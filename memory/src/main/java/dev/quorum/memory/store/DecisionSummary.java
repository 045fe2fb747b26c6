package dev.quorum.memory.store;

import dev.quorum.envelope.Verdict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A stored decision as the dashboard and the outcome resolver read it.
 *
 * @param supersededBy   the correlation id of the decision that replaced this one, if any
 * @param realizedReturn the outcome's return, once resolved
 */
public record DecisionSummary(long id, String correlationId, String ticker, LocalDate tradeDate, Verdict verdict,
                              double confidence, double ensembleScore, Instant createdAt,
                              Optional<String> supersededBy, OptionalDouble realizedReturn) {
}
