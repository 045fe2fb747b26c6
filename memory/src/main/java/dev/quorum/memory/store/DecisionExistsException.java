package dev.quorum.memory.store;

import java.time.LocalDate;

/** A current decision already exists for the (ticker, trade date); re-deciding must be asked for explicitly. */
public final class DecisionExistsException extends RuntimeException {

    private final String existingCorrelationId;

    public DecisionExistsException(String ticker, LocalDate tradeDate, String existingCorrelationId) {
        super("a decision for " + ticker + " on " + tradeDate + " already exists (correlation id " + existingCorrelationId
                + "); ask for a re-decide to supersede it");
        this.existingCorrelationId = existingCorrelationId;
    }

    /** The correlation id of the decision that already exists. */
    public String existingCorrelationId() {
        return existingCorrelationId;
    }
}
