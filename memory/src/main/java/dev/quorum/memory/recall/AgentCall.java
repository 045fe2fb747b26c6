package dev.quorum.memory.recall;

import dev.quorum.envelope.Direction;

import java.util.Objects;

/** One agent's call in a situation, as it is described to the embedding model. */
public record AgentCall(String agent, Direction signal, double confidence) {

    public AgentCall {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(signal, "signal");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence of agent " + agent + " must be in [0, 1], was " + confidence);
        }
    }
}
