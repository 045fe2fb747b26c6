package dev.quorum.orchestrator.health;

import java.util.List;
import java.util.Locale;

/**
 * Whether enough Ollama endpoints serve the chain for the LLM agents to decide: at least
 * {@code health.llm_min_available} of them ({@link OllamaEndpointCheck}: answering, with a model of the chain pulled
 * and its circuit not open). One endpoint of several down only degrades (its own check is optional); too few is DOWN.
 */
public final class LlmAvailabilityCheck implements ReadinessCheck {

    private final List<ReadinessCheck> endpoints;
    private final double minAvailable;

    /** @param endpoints the per-endpoint checks (optional ones: this check is the one that is required) */
    public LlmAvailabilityCheck(List<ReadinessCheck> endpoints, double minAvailable) {
        this.endpoints = List.copyOf(endpoints);
        this.minAvailable = minAvailable;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public CheckResult check() {
        long start = System.nanoTime();
        long up = endpoints.stream().parallel().filter(e -> e.check().up()).count();
        double share = endpoints.isEmpty() ? 0 : (double) up / endpoints.size();
        return new CheckResult(!endpoints.isEmpty() && share >= minAvailable, String.format(Locale.ROOT,
                "%d of %d Ollama endpoints serve a model of the chain (%.2f, needed %.2f)", up, endpoints.size(), share, minAvailable),
                (System.nanoTime() - start) / 1_000_000);
    }
}
