package dev.quorum.agents;

import dev.quorum.agents.signal.AgentOutcome;

/**
 * An agent's assessment of one input with the work that needs neither a model nor the decision's budget already
 * done (an LLM agent's prompt read and rendered), ready to run. A cycle prepares the next ticker's panel while the
 * ticker before it waits on its models, so that only the asking is left on the path that waits on them.
 */
@FunctionalInterface
public interface PreparedAssessment {

    /**
     * Runs the assessment, as {@link Agent#assess} would have with the same input.
     *
     * @param budget shared by every agent of the same decision
     */
    AgentOutcome run(DecisionBudget budget);
}
