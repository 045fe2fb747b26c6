package dev.quorum.memory.metalearner;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fixed, ordered list of agents whose votes feed the meta-learner. The order defines the input layout
 * (agent i occupies inputs 3i..3i+2: signal sign, confidence, trust weight), so it is part of a checkpoint:
 * a network trained for one roster is meaningless for another.
 *
 * <p>{@code slots} is how many agents the input has room for: the roster's size ({@link #AgentRoster(List)}), or
 * seed 001's 27-feature layout ({@link #seedLayout}: 9 slots of vote, confidence, weight, the slots after the
 * roster's agents zero-padded, as the seed pads a committee of fewer than 9).
 */
public record AgentRoster(List<String> agents, int slots) {

    /** Inputs per agent: signal (-1/0/+1), confidence, trust weight. */
    public static final int INPUTS_PER_AGENT = 3;

    /** Seed 001's committee: 9 agents, 27 inputs. */
    public static final int SEED_SLOTS = 9;

    /** Exactly as many slots as agents. */
    public AgentRoster(List<String> agents) {
        this(agents, Objects.requireNonNull(agents, "agents").size());
    }

    /** Seed 001's 27-feature layout for these agents (at most 9). */
    public static AgentRoster seedLayout(List<String> agents) {
        if (agents.size() > SEED_SLOTS) {
            throw new IllegalArgumentException("seed 001's 27-feature layout has room for " + SEED_SLOTS + " agents, the roster has "
                    + agents.size() + " " + agents);
        }
        return new AgentRoster(agents, SEED_SLOTS);
    }

    public AgentRoster {
        agents = List.copyOf(Objects.requireNonNull(agents, "agents"));
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("the meta-learner's agent roster is empty");
        }
        if (slots < agents.size()) {
            throw new IllegalArgumentException("the meta-learner's input has " + slots + " agent slots for " + agents.size()
                    + " agents " + agents);
        }
        Set<String> seen = new HashSet<>();
        for (String agent : agents) {
            if (agent == null || agent.isBlank()) {
                throw new IllegalArgumentException("blank agent name in the meta-learner's roster " + agents);
            }
            if (!seen.add(agent)) {
                throw new IllegalArgumentException("agent '" + agent + "' appears twice in the meta-learner's roster " + agents);
            }
        }
    }

    public static AgentRoster of(String... agents) {
        return new AgentRoster(List.of(agents));
    }

    public int inputWidth() {
        return slots * INPUTS_PER_AGENT;
    }

    /** The agents and the input width, for messages: {@code [technical, risk] in 9 slots (27 inputs)}. */
    public String describe() {
        return agents + " in " + slots + " slots (" + inputWidth() + " inputs)";
    }

    /**
     * The network input for one decision. An agent missing from {@code votes} abstained and contributes zeros;
     * a vote from an agent outside the roster is refused (it would otherwise be silently ignored).
     */
    double[] encode(Map<String, AgentVote> votes) {
        Objects.requireNonNull(votes, "votes");
        for (String agent : votes.keySet()) {
            if (!agents.contains(agent)) {
                throw new IllegalArgumentException("vote from agent '" + agent + "' which is not in the meta-learner's roster "
                        + agents);
            }
        }
        double[] input = new double[inputWidth()];
        for (int i = 0; i < agents.size(); i++) {
            AgentVote vote = votes.get(agents.get(i));
            if (vote != null) {
                input[i * INPUTS_PER_AGENT] = vote.signal().sign();
                input[i * INPUTS_PER_AGENT + 1] = vote.confidence();
                input[i * INPUTS_PER_AGENT + 2] = vote.trustWeight();
            }
        }
        return input;
    }
}
