package dev.quorum.memory.recall;

import dev.langchain4j.model.embedding.EmbeddingModel;

/** Builds the configured similar-situation memory. */
public final class SituationMemories {

    private SituationMemories() {
    }

    /**
     * The configured store behind a deadline and a retry queue. Opening never contacts Chroma (it connects on
     * first use), so Quorum starts while Chroma is down.
     *
     * @throws UnusableRecallStoreException when the embedded index file or the pending queue file is unreadable
     */
    public static ResilientSituationMemory open(RecallConfig config) {
        return open(config, config.embedding().createModel());
    }

    /** As {@link #open(RecallConfig)} with an embedding model already loaded (it is shared: loading costs ~1 s). */
    public static ResilientSituationMemory open(RecallConfig config, EmbeddingModel embeddingModel) {
        // The queue first: a refused queue file then leaves the embedded store unopened, so nothing is written.
        PendingIndexQueue pending = new PendingIndexQueue(config.pendingFile(), config.pendingCapacity());
        SituationMemory store;
        String name;
        if (config.store() == RecallConfig.StoreKind.CHROMA) {
            store = new ChromaSituationMemory(config.chromaUrl(), config.collection(), config.deadline(), embeddingModel);
            name = "Chroma " + config.chromaUrl() + " collection " + config.collection();
        } else {
            store = EmbeddedSituationMemory.open(config.indexFile(), embeddingModel);
            name = "embedded index " + config.indexFile();
        }
        return new ResilientSituationMemory(store, name, config.deadline(), pending, config.retryEvery());
    }
}
