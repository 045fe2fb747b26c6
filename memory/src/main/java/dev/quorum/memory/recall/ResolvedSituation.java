package dev.quorum.memory.recall;

import dev.quorum.envelope.Verdict;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A situation whose outcome is known: the only thing that can be indexed, so a recall can never see a
 * decision before its result was.
 *
 * @param situationId    the decision's id; indexing the same ticker and trade date again replaces the entry (retries,
 *                       and a ticker-date decided again, are safe)
 * @param knownAt        the date the outcome became known (the exit date), on or after the trade date
 * @param realisedReturn the return of the underlying from entry to exit, as a fraction (0.05 = +5 %)
 */
public record ResolvedSituation(String situationId, Situation situation, Verdict verdict, LocalDate knownAt,
                                double realisedReturn, OutcomeLabel outcome) {

    public ResolvedSituation {
        Objects.requireNonNull(situationId, "situationId");
        if (situationId.isBlank()) {
            throw new IllegalArgumentException("situation id is blank");
        }
        Objects.requireNonNull(situation, "situation");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(knownAt, "knownAt");
        Objects.requireNonNull(outcome, "outcome");
        if (knownAt.isBefore(situation.tradeDate())) {
            throw new IllegalArgumentException("situation " + situationId + ": outcome known at " + knownAt
                    + " is before its trade date " + situation.tradeDate());
        }
        if (!Double.isFinite(realisedReturn)) {
            throw new IllegalArgumentException("situation " + situationId + ": realised return is " + realisedReturn);
        }
    }
}
