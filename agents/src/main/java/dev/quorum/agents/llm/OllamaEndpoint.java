package dev.quorum.agents.llm;

import java.net.URI;
import java.util.Objects;

/**
 * One Ollama server.
 *
 * @param baseUrl     e.g. {@code http://127.0.0.1:11434}; no trailing slash
 * @param numParallel the server's {@code OLLAMA_NUM_PARALLEL}: the bulkhead lets no more calls than this run on
 *                    it at once, so requests wait here (bounded) instead of in Ollama's queue (where they would
 *                    eventually get 503 "server busy")
 */
public record OllamaEndpoint(String baseUrl, int numParallel) {

    /** Ollama's default when OLLAMA_NUM_PARALLEL is not set (on most hardware). */
    public static final int DEFAULT_NUM_PARALLEL = 4;

    public OllamaEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl = baseUrl.strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ollama endpoint '" + baseUrl + "' is not a URL: " + e.getMessage(), e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("Ollama endpoint '" + baseUrl + "' must look like http://host:11434");
        }
        if (numParallel < 1) {
            throw new IllegalArgumentException("numParallel of " + baseUrl + " must be at least 1, was " + numParallel);
        }
    }

    public static OllamaEndpoint of(String baseUrl) {
        return new OllamaEndpoint(baseUrl, DEFAULT_NUM_PARALLEL);
    }
}
