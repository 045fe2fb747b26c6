package dev.quorum.agents.market;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A monthly macro value.
 *
 * @param month     the month the value describes
 * @param knownFrom the first date at whose close it is known: the month plus the series' publication delay
 *                  ({@link MacroSeries})
 */
public record MacroObservation(YearMonth month, double value, LocalDate knownFrom) {
}
