package dev.quorum.orchestrator.consensus;

import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;

import java.time.Duration;
import java.util.List;

/** Agent outcomes for consensus, synthesis and review tests, as the rules backend would produce them. */
public final class PanelOutcomes {

    private PanelOutcomes() {
    }

    private static SignalTelemetry telemetry() {
        return new SignalTelemetry(SignalBackend.RULES, "", "", 0, List.of(), Duration.ZERO, 0, 0, "", "");
    }

    public static AgentSignal vote(String agent, Direction direction, double confidence) {
        return new AgentSignal(agent, agent + "-domain", direction, confidence, agent + " says " + direction,
                List.of(), telemetry());
    }

    public static Abstention abstain(String agent, ErrorCategory category) {
        return new Abstention(agent, agent + "-domain", category, "every model failed", telemetry());
    }
}
