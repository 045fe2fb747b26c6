package dev.quorum.agents.signal;

import java.util.Objects;

/**
 * An agent that could not produce a valid signal on any model (or ran out of budget).
 * It is excluded from the vote; the failure is recorded in the error store with its category.
 *
 * @param reason a one-line explanation for operators; never contains secrets
 */
public record Abstention(String agent, String domain, ErrorCategory category, String reason,
                         SignalTelemetry telemetry) implements AgentOutcome {

    public Abstention {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(telemetry, "telemetry");
    }
}
