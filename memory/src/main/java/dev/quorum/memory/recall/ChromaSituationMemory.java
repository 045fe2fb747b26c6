package dev.quorum.memory.recall;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Situations in a Chroma collection (API v2, default tenant and database). The connection is made lazily
 * on first use, because building a {@link ChromaEmbeddingStore} already talks to the server and Quorum must
 * start while Chroma is down; after a failed call it is made again, so a Chroma restarted with a fresh data
 * directory gets its collection back. Calls may block up to the HTTP timeout and throw: wrap this store in a
 * {@link ResilientSituationMemory}.
 */
public final class ChromaSituationMemory extends EmbeddingStoreSituationMemory {

    private final String baseUrl;
    private final String collection;
    private final Duration timeout;
    private volatile ChromaEmbeddingStore store;

    public ChromaSituationMemory(String baseUrl, String collection, Duration timeout, EmbeddingModel embeddingModel) {
        super(embeddingModel);
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.collection = Objects.requireNonNull(collection, "collection");
        if (collection.length() < 3) {
            throw new IllegalArgumentException("Chroma collection names need 3+ characters, was '" + collection + "'");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    EmbeddingStore<TextSegment> store() {
        ChromaEmbeddingStore current = store;
        if (current == null) {
            synchronized (this) {
                if (store == null) {
                    store = ChromaEmbeddingStore.builder().apiVersion(ChromaApiVersion.V2).baseUrl(baseUrl)
                            .tenantName("default_tenant").databaseName("default_database")
                            .collectionName(collection).timeout(timeout).build();
                }
                current = store;
            }
        }
        return current;
    }

    @Override
    public void index(ResolvedSituation resolved) {
        try {
            super.index(resolved);
        } catch (RuntimeException e) {
            store = null;
            throw explained(e);
        }
    }

    @Override
    public List<RecalledSituation> recall(Situation now, int k, RecallScope scope) {
        try {
            return super.recall(now, k, scope);
        } catch (RuntimeException e) {
            store = null;
            throw explained(e);
        }
    }

    /**
     * The two failures an operator must act on, in one line naming the collection and what to do (Chroma names
     * neither: a deleted collection by its internal uuid); any other failure as it is.
     */
    private RuntimeException explained(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        Matcher dimensions = OTHER_DIMENSION.matcher(message);
        if (dimensions.find()) {
            return new IllegalStateException("Chroma collection " + collection + " holds " + dimensions.group(1)
                    + "-dimension embeddings, the embedding model makes " + dimensions.group(2) + ": another model "
                    + "filled it; delete it (HTTP DELETE " + collectionUrl() + ") and it is created again; situations "
                    + "to index queue until then", e);
        }
        if (message.contains("does not exist")) {
            return new IllegalStateException("Chroma collection " + collection + " was deleted while in use (or "
                    + "Chroma restarted on an empty data directory): the next call creates it empty; restore Chroma's "
                    + "data directory to keep what it had learned", e);
        }
        return e;
    }

    private String collectionUrl() {
        return baseUrl + "/api/v2/tenants/default_tenant/databases/default_database/collections/" + collection;
    }

    private static final Pattern OTHER_DIMENSION = Pattern.compile("dimension of (\\d+), got (\\d+)");

    @Override
    public void close() {
        store = null;
    }
}
