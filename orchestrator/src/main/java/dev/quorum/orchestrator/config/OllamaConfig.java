package dev.quorum.orchestrator.config;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Ollama servers and the ordered model chain the LLM agents (and the synthesis) walk through.
 *
 * @param endpoints the servers, each with the number of requests it serves at once
 * @param chain     the models in the order they are tried, each with the endpoints that serve it
 */
public record OllamaConfig(List<Endpoint> endpoints, List<ChainLink> chain) {

    /**
     * One Ollama server.
     *
     * @param name     how the chain refers to it
     * @param url      base URL, e.g. {@code http://127.0.0.1:11434}
     * @param parallel its {@code OLLAMA_NUM_PARALLEL}: the bulkhead size, so Quorum never queues more on it
     */
    public record Endpoint(String name, String url, Integer parallel) {
        public Endpoint {
            ConfigCheck.text("name", name);
            ConfigCheck.httpUrl("url", url);
            ConfigCheck.between("parallel", parallel, 1, 256);
        }
    }

    /**
     * One step of the fallback chain: a model, and the endpoints that may serve it. Each call goes to the least
     * busy healthy one of them, so a model on several hosts gets their combined throughput.
     *
     * @param endpoint  the one endpoint serving the model (the classic (endpoint, model) link)
     * @param endpoints the endpoints serving the model, in order of preference between equally busy ones
     * @param model     the Ollama model name, e.g. {@code qwen2.5:7b}
     *                  (neither endpoint nor endpoints: every configured endpoint, in their order)
     */
    public record ChainLink(String endpoint, List<String> endpoints, String model) {
        public ChainLink {
            ConfigCheck.text("model", model);
            if (endpoint != null && endpoints != null) {
                throw ConfigCheck.invalid("endpoints", "set either endpoint (one) or endpoints (a list), not both");
            }
            if (endpoint != null) {
                ConfigCheck.text("endpoint", endpoint);
            }
            if (endpoints != null) {
                endpoints = ConfigCheck.nonEmpty("endpoints", endpoints);
                Set<String> seen = new HashSet<>();
                for (String name : endpoints) {
                    ConfigCheck.text("endpoints", name);
                    if (!seen.add(name)) {
                        throw ConfigCheck.invalid("endpoints", "names endpoint '" + name + "' twice");
                    }
                }
            }
        }

        /** The names of the endpoints serving this model, resolved against every configured endpoint. */
        public List<String> servedBy(List<Endpoint> configured) {
            if (endpoint != null) {
                return List.of(endpoint);
            }
            return endpoints != null ? endpoints : configured.stream().map(Endpoint::name).toList();
        }
    }

    public OllamaConfig {
        endpoints = ConfigCheck.nonEmpty("endpoints", endpoints);
        chain = ConfigCheck.nonEmpty("chain", chain);
        Set<String> names = new LinkedHashSet<>();
        for (Endpoint endpoint : endpoints) {
            if (!names.add(endpoint.name())) {
                throw ConfigCheck.invalid("endpoints", "endpoint name '" + endpoint.name() + "' is used twice");
            }
        }
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < chain.size(); i++) {
            ChainLink link = chain.get(i);
            for (String name : link.servedBy(endpoints)) {
                if (!names.contains(name)) {
                    throw ConfigCheck.invalid("chain", "entry " + (i + 1) + " (model " + link.model() + ") names endpoint '"
                            + name + "', which is not among the endpoints " + names);
                }
                if (!pairs.add(name + "|" + link.model())) {
                    throw ConfigCheck.invalid("chain", "entry " + (i + 1) + " puts model " + link.model() + " on endpoint '"
                            + name + "' again: each (endpoint, model) may appear once in the chain");
                }
            }
        }
    }

    public Endpoint endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
