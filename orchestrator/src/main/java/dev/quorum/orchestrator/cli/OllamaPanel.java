package dev.quorum.orchestrator.cli;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.signal.AgentOutcome;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The LLM agents of one {@code bin/quorum agents} run, sharing one model chain client and one decision budget.
 * The agents run concurrently (the endpoint bulkheads bound what reaches Ollama), so the budget's wall time
 * covers the panel, not each agent.
 *
 * @param warnings what the probe found out of place (an endpoint down, a model not pulled): those targets are not
 *                 asked; one line each, for the operator
 */
public record OllamaPanel(List<Agent> agents, ModelChainClient client, DecisionBudget budget, List<String> warnings)
        implements AutoCloseable {

    public OllamaPanel {
        warnings = List.copyOf(warnings);
    }

    /** Every agent's outcome, in roster order. */
    public List<AgentOutcome> assess(AgentInput input) {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, agents.size()));
        try {
            List<CompletableFuture<AgentOutcome>> outcomes = agents.stream()
                    .map(agent -> CompletableFuture.supplyAsync(() -> agent.assess(input, budget), executor))
                    .toList();
            return outcomes.stream().map(CompletableFuture::join).toList();
        } finally {
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
