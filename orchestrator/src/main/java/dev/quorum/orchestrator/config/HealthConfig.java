package dev.quorum.orchestrator.config;

/**
 * What {@code /health/ready} (and {@code /health}) judge besides the dependencies answering.
 *
 * @param errorWindowMinutes   how far back the agent error rate looks
 * @param agentErrorRateMax    above this share of agent calls failing in the window, readiness is DEGRADED
 * @param llmMinAvailable      the share of Ollama endpoints that must answer for the LLM to count as available
 *                             (below it readiness is DOWN: LLM agents cannot decide)
 */
public record HealthConfig(Integer errorWindowMinutes, Double agentErrorRateMax, Double llmMinAvailable) {

    public HealthConfig {
        ConfigCheck.between("error_window_minutes", errorWindowMinutes, 1, 7 * 24 * 60);
        ConfigCheck.between("agent_error_rate_max", agentErrorRateMax, 0.0, 1.0);
        ConfigCheck.between("llm_min_available", llmMinAvailable, 0.0, 1.0);
    }
}
