package dev.quorum.memory.outcomes;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a decision turned out, before it is scored and stored.
 *
 * @param entryDate       known for market outcomes; feedback does not say
 * @param realizedReturn  the fraction every agent call is judged on
 * @param benchmarkReturn the benchmark's return over the same sessions (market outcomes)
 * @param actualProfit    the dollar profit reported by feedback
 * @param payloadJson     the feedback payload as received, kept for the audit trail
 */
public record Observation(OutcomeSource source, Optional<LocalDate> entryDate, Optional<LocalDate> exitDate,
                          double entryPrice, double exitPrice, int horizonSessions, double realizedReturn,
                          OptionalDouble benchmarkReturn, OptionalDouble actualProfit, Optional<String> payloadJson) {

    public Observation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(entryDate, "entryDate");
        Objects.requireNonNull(exitDate, "exitDate");
        Objects.requireNonNull(benchmarkReturn, "benchmarkReturn");
        Objects.requireNonNull(actualProfit, "actualProfit");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (!Double.isFinite(realizedReturn)) {
            throw new IllegalArgumentException("realized return must be finite, was " + realizedReturn);
        }
    }

    /** A market outcome priced by {@link MarketOutcomeResolver}. */
    public static Observation of(MarketOutcome outcome, int horizonSessions) {
        PriceMove move = outcome.ticker();
        return new Observation(OutcomeSource.MARKET, Optional.of(move.entryDate()), Optional.of(move.exitDate()),
                move.entryPrice(), move.exitPrice(), horizonSessions, move.totalReturn(),
                OptionalDouble.of(outcome.benchmark().totalReturn()), OptionalDouble.empty(), Optional.empty());
    }

    /** A validated feedback payload; its return is the seed's P/L, (exit - entry) / entry. */
    public static Observation of(FeedbackPayload feedback, String payloadJson) {
        return new Observation(OutcomeSource.FEEDBACK, Optional.empty(), Optional.empty(), feedback.entryPrice(),
                feedback.exitPrice(), feedback.holdDuration(), (feedback.exitPrice() - feedback.entryPrice()) / feedback.entryPrice(),
                OptionalDouble.empty(), OptionalDouble.of(feedback.actualProfit()), Optional.of(payloadJson));
    }

    /** The return minus the benchmark's, when the benchmark is known. */
    public OptionalDouble alpha() {
        return benchmarkReturn.isPresent() ? OptionalDouble.of(realizedReturn - benchmarkReturn.getAsDouble()) : OptionalDouble.empty();
    }
}
