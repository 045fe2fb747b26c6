package dev.quorum.memory.store;

import dev.quorum.agents.signal.ErrorCategory;

import java.time.Instant;
import java.util.Objects;

/**
 * One failure of an agent (seed 002's error store), e.g. a model that timed out before the fallback model
 * answered. Abstentions need no AgentError: the store records each one as an error by itself.
 *
 * @param message one line for operators; never contains secrets
 * @param model   the model that failed; empty when none was reached
 */
public record AgentError(String agent, ErrorCategory category, String message, String model, String endpoint,
                         Instant occurredAt) {

    public AgentError {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(occurredAt, "occurredAt");
        model = model == null ? "" : model;
        endpoint = endpoint == null ? "" : endpoint;
    }
}
