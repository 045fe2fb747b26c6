package dev.quorum.memory.metalearner;

import dev.quorum.envelope.Direction;

import java.util.Objects;

/**
 * One agent's vote as the meta-learner sees it. An agent that abstained has no vote at all (it is absent
 * from the map given to the meta-learner), which is different from a NEUTRAL vote.
 *
 * @param confidence  the agent's confidence in [0, 1]
 * @param trustWeight the agent's learned trust weight when it voted, finite and >= 0
 */
public record AgentVote(Direction signal, double confidence, double trustWeight) {

    public AgentVote {
        Objects.requireNonNull(signal, "signal");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("vote confidence must be in [0, 1], was " + confidence);
        }
        if (!(Double.isFinite(trustWeight) && trustWeight >= 0.0)) {
            throw new IllegalArgumentException("vote trust weight must be finite and >= 0, was " + trustWeight);
        }
    }
}
