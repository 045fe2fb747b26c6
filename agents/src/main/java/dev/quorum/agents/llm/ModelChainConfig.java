package dev.quorum.agents.llm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered fallback chain and how it is called. Immutable.
 *
 * @param chain      the model tiers, tried in order; within a tier the least busy healthy endpoint is asked first,
 *                   and the first target that returns a valid output answers
 * @param resilience retry, circuit breaker, bulkhead and timeout settings, the same for every target
 * @param generation sampling options sent to every model
 */
public record ModelChainConfig(List<ModelTier> chain, ResilienceSettings resilience, GenerationOptions generation) {

    public ModelChainConfig {
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(generation, "generation");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the model chain is empty: configure at least one (endpoint, model)");
        }
        Set<String> seen = new HashSet<>();
        Map<String, Integer> numParallel = new HashMap<>();
        for (ModelTarget target : chain.stream().flatMap(tier -> tier.targets().stream()).toList()) {
            if (!seen.add(target.id())) {
                throw new IllegalArgumentException("the model chain lists " + target.id() + " twice");
            }
            // One bulkhead per endpoint: two different sizes for the same URL would be ambiguous.
            OllamaEndpoint endpoint = target.endpoint();
            Integer known = numParallel.putIfAbsent(endpoint.baseUrl(), endpoint.numParallel());
            if (known != null && known != endpoint.numParallel()) {
                throw new IllegalArgumentException("endpoint " + endpoint.baseUrl() + " is configured with numParallel "
                        + known + " and " + endpoint.numParallel());
            }
        }
    }

    /** Every (endpoint, model) pair of the chain, tier by tier: what a start-up probe checks. */
    public List<ModelTarget> targets() {
        return chain.stream().flatMap(tier -> tier.targets().stream()).toList();
    }

    /** The distinct endpoints of the chain, in order of first appearance. */
    public List<OllamaEndpoint> endpoints() {
        return List.copyOf(new LinkedHashSet<>(chain.stream().flatMap(tier -> tier.endpoints().stream()).toList()));
    }

    /**
     * Every model, in order of preference, each served by all the endpoints: a better model on any host beats a
     * weaker model on the least busy one.
     */
    public static List<ModelTier> chainOf(List<OllamaEndpoint> endpoints, List<String> models) {
        return models.stream().map(model -> new ModelTier(model, endpoints)).toList();
    }
}
