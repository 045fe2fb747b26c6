package dev.quorum.memory.store;

import java.util.Objects;

/**
 * The current (not superseded) decision of a (ticker, trade date).
 *
 * @param provisional whether it was degraded by infrastructure and waits to be decided again
 */
public record CurrentDecision(String correlationId, boolean provisional) {

    public CurrentDecision {
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
