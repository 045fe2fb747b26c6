package dev.quorum.agents.llm;

import java.util.Objects;

/** One (endpoint, model) pair of a {@link ModelTier}: a model on an Ollama endpoint, e.g. {@code qwen2.5:7b} on {@code http://gpu1:11434}. */
public record ModelTarget(OllamaEndpoint endpoint, String model) {

    public ModelTarget {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name is blank for endpoint " + endpoint.baseUrl());
        }
    }

    /** {@code endpoint|model}: the name of this target's resilience4j instances and its fallback-path entries. */
    public String id() {
        return endpoint.baseUrl() + "|" + model;
    }

    @Override
    public String toString() {
        return id();
    }
}
