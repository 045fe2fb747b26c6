package dev.quorum.memory.outcomes;

import java.time.LocalDate;

/**
 * A position from one session's open to a later session's close.
 *
 * @param entryPrice  the entry session's open (split-adjusted, as in the price files)
 * @param exitPrice   the exit session's close (split-adjusted)
 * @param totalReturn the return including dividends paid in between (from the dividend-adjusted closes)
 */
public record PriceMove(LocalDate entryDate, double entryPrice, LocalDate exitDate, double exitPrice, double totalReturn) {
}
