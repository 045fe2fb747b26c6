package dev.quorum.memory.recall;

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
 * The default store, needing no server: langchain4j's in-memory embedding store, saved to a JSON file after
 * every indexing (written aside and atomically moved into place, so a crash leaves the previous file intact).
 * Fine for tens of thousands of situations; beyond that use Chroma.
 */
public final class EmbeddedSituationMemory extends EmbeddingStoreSituationMemory {

    private final Path file;
    private final InMemoryEmbeddingStore<TextSegment> store;

    private EmbeddedSituationMemory(EmbeddingModel embeddingModel, Path file, InMemoryEmbeddingStore<TextSegment> store) {
        super(embeddingModel);
        this.file = file;
        this.store = store;
    }

    /**
     * Loads {@code file} when it exists, else starts empty (the file is created by the first indexing).
     *
     * @throws IllegalStateException when the file exists but is not an embedding store
     */
    public static EmbeddedSituationMemory open(Path file, EmbeddingModel embeddingModel) {
        if (Files.notExists(file)) {
            return new EmbeddedSituationMemory(embeddingModel, file, new InMemoryEmbeddingStore<>());
        }
        try {
            return new EmbeddedSituationMemory(embeddingModel, file, InMemoryEmbeddingStore.fromFile(file));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the similar-situation index " + file
                    + " (not a langchain4j in-memory embedding store file?): " + e.getMessage(), e);
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
    void afterIndex(EmbeddingStore<TextSegment> ignored) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = parent.resolve(file.getFileName() + ".tmp");
            store.serializeToFile(temporary);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the similar-situation index " + file, e);
        }
    }

    @Override
    public void close() {
        // Saved after every indexing: nothing left to flush.
    }
}
