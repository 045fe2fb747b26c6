package dev.quorum.memory.recall;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The default store, needing no server: langchain4j's in-memory embedding store, persisted as a snapshot file
 * ({@code serializeToFile}) plus a journal next to it ({@code <file>.journal}) that every indexing appends to.
 * Every {@value #SNAPSHOT_EVERY} indexings, and on {@link #close()}, the snapshot is rewritten (aside, then
 * atomically moved into place) and the journal emptied, so indexing stays cheap as the store grows and a crash
 * loses nothing. Fine for tens of thousands of situations; beyond that use Chroma.
 */
public final class EmbeddedSituationMemory extends EmbeddingStoreSituationMemory {

    static final int SNAPSHOT_EVERY = 500;

    private final Path file;
    private final InMemoryEmbeddingStore<TextSegment> store;
    private final IndexJournal journal;
    private final int snapshotEvery;

    private EmbeddedSituationMemory(EmbeddingModel embeddingModel, Path file, InMemoryEmbeddingStore<TextSegment> store,
                                    int snapshotEvery) {
        super(embeddingModel);
        this.file = file;
        this.store = store;
        this.snapshotEvery = snapshotEvery;
        this.journal = new IndexJournal(file.resolveSibling(file.getFileName() + ".journal"));
        journal.replayInto(store);
    }

    /**
     * Loads the snapshot {@code file} and its journal when they exist, else starts empty.
     *
     * @throws UnusableRecallStoreException when a file exists but is unreadable (it is left untouched)
     */
    public static EmbeddedSituationMemory open(Path file, EmbeddingModel embeddingModel) {
        return open(file, embeddingModel, SNAPSHOT_EVERY);
    }

    static EmbeddedSituationMemory open(Path file, EmbeddingModel embeddingModel, int snapshotEvery) {
        UnusableRecallStoreException.refuseFileAsParent(file);
        if (Files.notExists(file)) {
            return new EmbeddedSituationMemory(embeddingModel, file, new InMemoryEmbeddingStore<>(), snapshotEvery);
        }
        InMemoryEmbeddingStore<TextSegment> snapshot;
        try {
            snapshot = InMemoryEmbeddingStore.fromFile(file);
        } catch (RuntimeException e) {
            // Refused, never replaced by an empty index: the file may be the only copy of what was learned.
            throw new UnusableRecallStoreException(file, "not a readable similar-situation index (a langchain4j "
                    + "in-memory embedding store file" + (size(file) == 0 ? "; it is empty, truncated?)" : ")"), e);
        }
        return new EmbeddedSituationMemory(embeddingModel, file, snapshot, snapshotEvery);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** How many situations are indexed. */
    public int size() {
        return store.size();
    }

    @Override
    EmbeddingStore<TextSegment> store() {
        return store;
    }

    @Override
    void afterIndex(String id, Embedding embedding, TextSegment segment) {
        journal.append(id, embedding, segment);
        if (journal.entries() >= snapshotEvery) {
            snapshot();
        }
    }

    private void snapshot() {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = parent.resolve(file.getFileName() + ".tmp");
            store.serializeToFile(temporary);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the similar-situation index " + file, e);
        }
        journal.clear();
    }

    /** Folds the journal into the snapshot file. */
    @Override
    public synchronized void close() {
        if (journal.entries() > 0) {
            snapshot();
        }
    }
}
