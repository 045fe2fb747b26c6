package dev.quorum.trader.policy;

import java.util.Optional;

/**
 * What one verdict does: close the ticker's current position, open a new one, both (a reversal), or nothing.
 *
 * @param close  the correlation id of the position to close
 * @param open   the position to open
 * @param reason one line for the log and the decision's row, e.g. {@code "open long 23 @ 180.00"}
 */
public record Plan(Optional<String> close, Optional<Opening> open, String reason) {

    /** A new position: whole shares, long or short. */
    public record Opening(boolean longSide, long shares) {
    }

    static Plan nothing(String reason) {
        return new Plan(Optional.empty(), Optional.empty(), reason);
    }

    public boolean acts() {
        return close.isPresent() || open.isPresent();
    }
}
