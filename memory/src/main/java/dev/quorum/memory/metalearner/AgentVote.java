package dev.quorum.memory.metalearner;

import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.envelope.Direction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The votes of one decision's panel, for {@link MetaLearner#predict} and {@link MetaLearner#train}: every
     * {@link AgentSignal} with the trust weight its agent had; abstentions are left out (they contribute zeros).
     *
     * @throws IllegalArgumentException when a voting agent has no trust weight
     */
    public static Map<String, AgentVote> ofPanel(List<? extends AgentOutcome> outcomes, Map<String, Double> trustWeights) {
        Map<String, AgentVote> votes = new LinkedHashMap<>();
        for (AgentOutcome outcome : outcomes) {
            if (outcome instanceof AgentSignal signal) {
                Double weight = trustWeights.get(signal.agent());
                if (weight == null) {
                    throw new IllegalArgumentException("no trust weight for agent '" + signal.agent() + "' (weights known for "
                            + trustWeights.keySet() + ")");
                }
                votes.put(signal.agent(), new AgentVote(signal.signal(), signal.confidence(), weight));
            }
        }
        return votes;
    }
}
