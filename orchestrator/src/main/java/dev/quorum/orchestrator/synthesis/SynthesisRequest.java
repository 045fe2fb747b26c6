package dev.quorum.orchestrator.synthesis;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.orchestrator.consensus.ConsensusResult;

import java.util.List;

/**
 * Everything a synthesis sees for one decision.
 *
 * @param input     what the agents saw (features, headlines, the recall block)
 * @param outcomes  every agent's signal or abstention
 * @param consensus the fused vote
 * @param budget    the decision's LLM budget, shared with the agents
 */
public record SynthesisRequest(AgentInput input, List<AgentOutcome> outcomes, ConsensusResult consensus,
                               DecisionBudget budget) {

    public SynthesisRequest {
        outcomes = List.copyOf(outcomes);
    }
}
