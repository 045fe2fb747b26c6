package dev.quorum.memory.recall;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How similar-situation recall is set up.
 *
 * @param store           where situations live
 * @param indexFile       the embedded store's JSON file
 * @param chromaUrl       the Chroma server, e.g. {@code http://127.0.0.1:8000}
 * @param collection      the Chroma collection (3+ characters)
 * @param pendingFile     indexing that failed, waiting for a retry (JSON lines)
 * @param deadline        the most a recall or an indexing attempt may take before it is given up
 * @param retryEvery      how often queued indexing is retried; zero for on demand only
 * @param pendingCapacity the most situations the retry queue holds
 * @param topK            how many similar situations agents receive; 0 turns recall off (the orchestrator then
 *                        neither recalls nor sends a block)
 * @param scope           same ticker only, or any ticker
 */
public record RecallConfig(StoreKind store, Path indexFile, String chromaUrl, String collection, Path pendingFile,
                           Duration deadline, Duration retryEvery, int pendingCapacity, int topK, RecallScope scope,
                           EmbeddingSettings embedding) {

    public enum StoreKind {
        /** In-process store persisted to {@link #indexFile()}; the default, no server needed. */
        EMBEDDED,
        /** A Chroma server at {@link #chromaUrl()}. */
        CHROMA
    }

    public RecallConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(indexFile, "indexFile");
        Objects.requireNonNull(chromaUrl, "chromaUrl");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(pendingFile, "pendingFile");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(retryEvery, "retryEvery");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(embedding, "embedding");
        if (deadline.isNegative() || deadline.isZero() || retryEvery.isNegative()) {
            throw new IllegalArgumentException("recall deadline must be > 0 and retryEvery >= 0, were " + deadline
                    + " and " + retryEvery);
        }
        if (topK < 0 || pendingCapacity < 1) {
            throw new IllegalArgumentException("recall topK must be >= 0 and pendingCapacity >= 1, were " + topK + " and "
                    + pendingCapacity);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private StoreKind store = StoreKind.EMBEDDED;
        private Path indexFile = Path.of("var/recall/situations.json");
        private String chromaUrl = "http://127.0.0.1:8000";
        private String collection = "quorum_situations";
        private Path pendingFile = Path.of("var/recall/pending-index.jsonl");
        private Duration deadline = Duration.ofSeconds(2);
        private Duration retryEvery = Duration.ofMinutes(1);
        private int pendingCapacity = 10_000;
        private int topK = 5;
        private RecallScope scope = RecallScope.SAME_TICKER;
        private EmbeddingSettings embedding = EmbeddingSettings.inProcess();

        public Builder store(StoreKind store) {
            this.store = store;
            return this;
        }

        public Builder indexFile(Path indexFile) {
            this.indexFile = indexFile;
            return this;
        }

        public Builder chromaUrl(String chromaUrl) {
            this.chromaUrl = chromaUrl;
            return this;
        }

        public Builder collection(String collection) {
            this.collection = collection;
            return this;
        }

        public Builder pendingFile(Path pendingFile) {
            this.pendingFile = pendingFile;
            return this;
        }

        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder retryEvery(Duration retryEvery) {
            this.retryEvery = retryEvery;
            return this;
        }

        public Builder pendingCapacity(int pendingCapacity) {
            this.pendingCapacity = pendingCapacity;
            return this;
        }

        public Builder topK(int topK) {
            this.topK = topK;
            return this;
        }

        public Builder scope(RecallScope scope) {
            this.scope = scope;
            return this;
        }

        public Builder embedding(EmbeddingSettings embedding) {
            this.embedding = embedding;
            return this;
        }

        public RecallConfig build() {
            return new RecallConfig(store, indexFile, chromaUrl, collection, pendingFile, deadline, retryEvery,
                    pendingCapacity, topK, scope, embedding);
        }
    }
}
