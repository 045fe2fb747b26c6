package dev.quorum.memory.outcomes;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;

/** Observations for tests. */
public final class Outcomes {

    private Outcomes() {
    }

    /** A market outcome of the given return, entry 100 and 5 sessions, benchmark flat. */
    public static Observation market(double realizedReturn) {
        return new Observation(OutcomeSource.MARKET, Optional.of(LocalDate.parse("2023-06-02")), Optional.of(LocalDate.parse("2023-06-08")),
                100.0, 100.0 * (1 + realizedReturn), 5, realizedReturn, OptionalDouble.of(0.0), OptionalDouble.empty(), Optional.empty());
    }
}
