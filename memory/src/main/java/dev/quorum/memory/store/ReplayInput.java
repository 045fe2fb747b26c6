package dev.quorum.memory.store;

import dev.quorum.agents.AgentInput;

/** The exact inputs one agent saw for a stored decision, with the prompt it used: enough to replay it with another. */
public record ReplayInput(String correlationId, String agent, String promptId, String promptHash, AgentInput input) {
}
