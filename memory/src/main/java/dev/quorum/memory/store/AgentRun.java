package dev.quorum.memory.store;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.signal.AgentOutcome;

import java.util.Objects;

/** One agent's part in a decision: what it produced and exactly what it saw. */
public record AgentRun(AgentOutcome outcome, AgentInput input) {

    public AgentRun {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(input, "input");
    }
}
