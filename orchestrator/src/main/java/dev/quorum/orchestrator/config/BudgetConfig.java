package dev.quorum.orchestrator.config;

import java.time.Duration;

/**
 * The LLM budget of one decision (one ticker): when it is spent, the agents that have not answered abstain and
 * the rule synthesis decides.
 */
public record BudgetConfig(Integer maxWallSeconds, Integer maxLlmCalls) {

    public BudgetConfig {
        ConfigCheck.between("max_wall_seconds", maxWallSeconds, 1, 24 * 3600);
        ConfigCheck.between("max_llm_calls", maxLlmCalls, 1, 10_000);
    }

    public Duration maxWallTime() {
        return Duration.ofSeconds(maxWallSeconds);
    }
}
