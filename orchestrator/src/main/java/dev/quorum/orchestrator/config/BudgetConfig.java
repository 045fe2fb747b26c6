package dev.quorum.orchestrator.config;

import dev.quorum.agents.llm.ResilienceSettings;

import java.time.Duration;

/**
 * The LLM budget of one decision (one ticker): when it is spent, the agents that have not answered abstain and
 * the rule synthesis decides.
 *
 * @param maxLlmCalls null: derived from the panel and the chain ({@link QuorumConfig#llmBudget()}); a number must
 *                    cover at least one full pass of every LLM role over the chain (checked at start-up)
 */
public record BudgetConfig(Integer maxWallSeconds, Integer maxLlmCalls) {

    public BudgetConfig {
        ConfigCheck.between("max_wall_seconds", maxWallSeconds, 1, 24 * 3600);
        if (maxLlmCalls != null) {
            ConfigCheck.between("max_llm_calls", maxLlmCalls, 1, 10_000);
        }
    }

    /**
     * LLM calls for one full pass of {@code llmRoles} roles over {@code chainTargets} (endpoint, model) targets, each
     * asked once and re-asked once: the least budget that lets every role reach the end of the chain.
     */
    public static int onePass(int llmRoles, int chainTargets) {
        return llmRoles * chainTargets * ResilienceSettings.DEFAULT_ASKS_PER_MODEL;
    }

    /** This budget, with {@code max_llm_calls} derived as {@link #onePass} when the file left it null. */
    public BudgetConfig orOnePass(int llmRoles, int chainTargets) {
        return maxLlmCalls != null ? this : new BudgetConfig(maxWallSeconds, Math.max(1, onePass(llmRoles, chainTargets)));
    }

    public Duration maxWallTime() {
        return Duration.ofSeconds(maxWallSeconds);
    }
}
