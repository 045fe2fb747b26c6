package dev.quorum.orchestrator.config;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Ollama servers and the ordered model chain the LLM agents (and the synthesis) walk through.
 *
 * @param endpoints the servers, each with the number of requests it serves at once
 * @param chain     the (endpoint, model) pairs in the order they are tried
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
            try {
                URI uri = URI.create(ConfigCheck.text("url", url));
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw ConfigCheck.invalid("url", "must be an http(s) URL with a host, was '" + url + "'");
                }
            } catch (IllegalArgumentException e) {
                if (e instanceof ConfigCheck.InvalidSetting invalid) {
                    throw invalid;
                }
                throw ConfigCheck.invalid("url", "is not a valid URL: '" + url + "'");
            }
            ConfigCheck.between("parallel", parallel, 1, 256);
        }
    }

    /** One step of the fallback chain: a model on an endpoint. */
    public record ChainLink(String endpoint, String model) {
        public ChainLink {
            ConfigCheck.text("endpoint", endpoint);
            ConfigCheck.text("model", model);
        }
    }

    public OllamaConfig {
        endpoints = ConfigCheck.nonEmpty("endpoints", endpoints);
        chain = ConfigCheck.nonEmpty("chain", chain);
        Set<String> names = new HashSet<>();
        for (Endpoint endpoint : endpoints) {
            if (!names.add(endpoint.name())) {
                throw ConfigCheck.invalid("endpoints", "endpoint name '" + endpoint.name() + "' is used twice");
            }
        }
        for (ChainLink link : chain) {
            if (!names.contains(link.endpoint())) {
                throw ConfigCheck.invalid("chain", "link " + link.model() + " names endpoint '" + link.endpoint()
                        + "', which is not among the endpoints " + names);
            }
        }
    }

    public Endpoint endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
