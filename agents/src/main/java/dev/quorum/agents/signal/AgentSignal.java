package dev.quorum.agents.signal;

import dev.quorum.envelope.Direction;

import java.util.List;
import java.util.Objects;

/**
 * A validated vote of one specialist agent.
 *
 * @param confidence in [0, 1]
 * @param summary    at most {@link #MAX_SUMMARY_CHARS} characters
 * @param keyFactors at most {@link #MAX_KEY_FACTORS} entries
 */
public record AgentSignal(String agent, String domain, Direction signal, double confidence,
                          String summary, List<String> keyFactors, SignalTelemetry telemetry)
        implements AgentOutcome {

    public static final int MAX_SUMMARY_CHARS = 300;
    public static final int MAX_KEY_FACTORS = 10;

    public AgentSignal {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(telemetry, "telemetry");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence + " (agent " + agent + ")");
        }
        summary = summary == null ? "" : summary;
        if (summary.length() > MAX_SUMMARY_CHARS) {
            throw new IllegalArgumentException("summary longer than " + MAX_SUMMARY_CHARS + " chars (agent " + agent + ")");
        }
        keyFactors = List.copyOf(keyFactors == null ? List.of() : keyFactors);
        if (keyFactors.size() > MAX_KEY_FACTORS) {
            throw new IllegalArgumentException("more than " + MAX_KEY_FACTORS + " key factors (agent " + agent + ")");
        }
    }
}
