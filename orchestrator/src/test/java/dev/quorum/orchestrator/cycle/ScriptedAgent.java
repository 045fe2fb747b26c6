package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.AgentOutcome;

import java.util.function.Function;

/** A test agent that asks no model: its outcome for an input is whatever the test's function returns. */
record ScriptedAgent(String name, Function<AgentInput, AgentOutcome> outcome) implements Agent {

    @Override
    public String domain() {
        return name + "-domain";
    }

    @Override
    public AgentOutcome assess(AgentInput input, DecisionBudget budget) {
        return outcome.apply(input);
    }
}
