package dev.quorum.memory.recall;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.quorum.agents.llm.http.BlockingHttpClient;

import java.time.Duration;
import java.util.Objects;

/**
 * Which model embeds situations. The default runs in-process (all-MiniLM-L6-v2, quantized, 384 dimensions,
 * no server). Changing the model changes the vector space: start a new index (file or collection) with it.
 *
 * @param ollamaBaseUrl used with {@link Provider#OLLAMA}, e.g. {@code http://127.0.0.1:11434}
 * @param ollamaModel   used with {@link Provider#OLLAMA}, e.g. {@code nomic-embed-text}
 * @param timeout       of one Ollama embedding call, its whole answer (which is read to
 *                      {@link BlockingHttpClient#MAX_REPLY_BYTES} at most)
 */
public record EmbeddingSettings(Provider provider, String ollamaBaseUrl, String ollamaModel, Duration timeout) {

    public enum Provider {
        /** all-MiniLM-L6-v2 quantized, in-process (ONNX). */
        MINILM,
        /** An embedding model served by Ollama. */
        OLLAMA
    }

    public EmbeddingSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(timeout, "timeout");
        if (provider == Provider.OLLAMA && (ollamaBaseUrl == null || ollamaModel == null)) {
            throw new IllegalArgumentException("Ollama embeddings need a base URL and a model name");
        }
    }

    public static EmbeddingSettings inProcess() {
        return new EmbeddingSettings(Provider.MINILM, null, null, Duration.ofSeconds(10));
    }

    public static EmbeddingSettings ollama(String baseUrl, String model, Duration timeout) {
        return new EmbeddingSettings(Provider.OLLAMA, baseUrl, model, timeout);
    }

    /** Loads the model (in-process: about a second; share the instance). */
    public EmbeddingModel createModel() {
        return switch (provider) {
            case MINILM -> new AllMiniLmL6V2QuantizedEmbeddingModel();
            // maxRetries 0: retrying is the resilient memory's queue's job, not the HTTP client's. The chat's client:
            // langchain4j's default bounded only the wait for the headers and read any body whole, so an endpoint
            // that dripped held the indexing thread for ever and one that flooded filled the heap.
            case OLLAMA -> OllamaEmbeddingModel.builder().baseUrl(ollamaBaseUrl).modelName(ollamaModel)
                    .httpClientBuilder(BlockingHttpClient.builder()).timeout(timeout).maxRetries(0).build();
        };
    }

    @Override
    public String toString() {
        return provider == Provider.MINILM ? "all-MiniLM-L6-v2 (quantized, in-process)"
                : "Ollama " + ollamaModel + " at " + ollamaBaseUrl;
    }
}
