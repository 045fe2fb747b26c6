package dev.quorum.memory.recall;

import dev.quorum.envelope.Verdict;

import java.time.LocalDate;

/**
 * A past situation returned by a recall.
 *
 * @param similarity  the store's relevance score in [0, 1], higher is more similar
 * @param description the indexed text of the situation (ticker, date, regime, key features, calls, verdict)
 */
public record RecalledSituation(String situationId, String ticker, LocalDate tradeDate, LocalDate knownAt,
                                Verdict verdict, double realisedReturn, OutcomeLabel outcome, double similarity,
                                String description) {
}
