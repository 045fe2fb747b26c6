package dev.quorum.memory.store;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.signal.AgentOutcome;

import java.util.Objects;

/**
 * One agent's part in a decision: what it produced, exactly what it saw, and the trust weight its vote carried
 * in the consensus.
 */
public record AgentRun(AgentOutcome outcome, AgentInput input, double trustWeight) {

    public AgentRun {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(input, "input");
        if (!(Double.isFinite(trustWeight) && trustWeight >= 0.0)) {
            throw new IllegalArgumentException("trust weight of agent '" + outcome.agent() + "' must be finite and >= 0, was " + trustWeight);
        }
    }
}
