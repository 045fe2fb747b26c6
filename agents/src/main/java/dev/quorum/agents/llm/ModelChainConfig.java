package dev.quorum.agents.llm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered fallback chain and how it is called. Immutable.
 *
 * @param chain      tried in order; the first target that returns a valid output answers
 * @param resilience retry, circuit breaker, bulkhead and timeout settings, the same for every target
 * @param generation sampling options sent to every model
 */
public record ModelChainConfig(List<ModelTarget> chain, ResilienceSettings resilience, GenerationOptions generation) {

    public ModelChainConfig {
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(generation, "generation");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the model chain is empty: configure at least one (endpoint, model)");
        }
        Set<String> seen = new HashSet<>();
        Map<String, Integer> numParallel = new HashMap<>();
        for (ModelTarget target : chain) {
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

    /**
     * Every model on every endpoint, model-major: the preferred model on each endpoint before the next model,
     * because a better model on another host beats a weaker model on the same host.
     */
    public static List<ModelTarget> chainOf(List<OllamaEndpoint> endpoints, List<String> models) {
        return models.stream().flatMap(m -> endpoints.stream().map(e -> new ModelTarget(e, m))).toList();
    }
}
