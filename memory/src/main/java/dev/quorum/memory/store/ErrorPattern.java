package dev.quorum.memory.store;

import dev.quorum.agents.signal.ErrorCategory;

import java.time.Instant;
import java.util.Objects;

/**
 * One recurring failure of one agent: seed 002's {@code get_error_patterns} row ({@code error_type, count}) with
 * the agent and when it last happened.
 */
public record ErrorPattern(String agent, ErrorCategory category, long count, Instant lastSeen) {

    public ErrorPattern {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
