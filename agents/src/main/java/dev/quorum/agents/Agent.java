package dev.quorum.agents;

import dev.quorum.agents.signal.AgentOutcome;

/**
 * One specialist of the panel. Implementations never throw for an ordinary failure: they return an
 * {@link dev.quorum.agents.signal.Abstention} with its category instead.
 */
public interface Agent {

    /** The agent's name in the roster, e.g. {@code technical}; appears on the wire as {@code agent}. */
    String name();

    /** The agent's domain, e.g. {@code trend-momentum}; appears on the wire as {@code domain}. */
    String domain();

    /**
     * Assesses one (ticker, trade date).
     *
     * @param budget shared by every agent of the same decision; LLM agents take calls from it and abstain when it
     *               is spent
     */
    AgentOutcome assess(AgentInput input, DecisionBudget budget);

    /**
     * The assessment of {@code input} with what needs no model done now, to {@linkplain PreparedAssessment#run run}
     * later: running it returns what {@link #assess} would. Agents with nothing to do before asking (the rules) keep
     * this default, which does all the work when run.
     */
    default PreparedAssessment prepare(AgentInput input) {
        return budget -> assess(input, budget);
    }
}
