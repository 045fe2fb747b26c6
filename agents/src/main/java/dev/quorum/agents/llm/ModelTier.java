package dev.quorum.agents.llm;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One preference of the fallback chain: a model and the Ollama endpoints that serve it. Every endpoint of a tier
 * is equally acceptable, so each call goes to the least busy healthy one (see {@link ModelChainClient}); adding
 * a GPU host to a tier adds throughput. A tier of one endpoint is a plain (endpoint, model) link.
 *
 * @param model     e.g. {@code qwen2.5:7b}
 * @param endpoints in configured order, which breaks ties between equally busy endpoints
 */
public record ModelTier(String model, List<OllamaEndpoint> endpoints) {

    public ModelTier {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name is blank in the model chain");
        }
        endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("model " + model + " has no endpoint to run on");
        }
        Set<String> urls = new HashSet<>();
        for (OllamaEndpoint endpoint : endpoints) {
            if (!urls.add(endpoint.baseUrl())) {
                throw new IllegalArgumentException("model " + model + " lists endpoint " + endpoint.baseUrl() + " twice");
            }
        }
    }

    /** A tier served by one endpoint. */
    public static ModelTier of(OllamaEndpoint endpoint, String model) {
        return new ModelTier(model, List.of(endpoint));
    }

    /** The (endpoint, model) pairs of this tier, in configured order. */
    public List<ModelTarget> targets() {
        return endpoints.stream().map(endpoint -> new ModelTarget(endpoint, model)).toList();
    }
}
