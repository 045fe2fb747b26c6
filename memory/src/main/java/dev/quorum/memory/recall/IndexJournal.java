package dev.quorum.memory.recall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.quorum.agents.json.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The embedded store's write-ahead journal: one JSON line per indexed situation (id, vector, text, metadata),
 * appended at once, so indexing costs one short append instead of rewriting the whole store file. The store
 * file is a snapshot; {@link EmbeddedSituationMemory} folds the journal into it now and then and on close.
 * Replaying is idempotent (remove, then add, by id), so a crash between snapshot and truncation is harmless.
 */
final class IndexJournal {

    private static final ObjectMapper JSON = Json.MAPPER;

    private record Line(String id, float[] vector, String text, Map<String, Object> metadata) {
    }

    private final Path file;
    private int entries;

    IndexJournal(Path file) {
        this.file = file;
    }

    int entries() {
        return entries;
    }

    void append(String id, Embedding embedding, TextSegment segment) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(JSON.writeValueAsString(new Line(id, embedding.vector(), segment.text(),
                        segment.metadata().toMap())));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the similar-situation journal " + file, e);
        }
        entries++;
    }

    /**
     * Applies every journalled situation to {@code store}.
     *
     * @throws UnusableRecallStoreException naming the file and line of an unreadable entry (the file is left as it is)
     */
    void replayInto(EmbeddingStore<TextSegment> store) {
        if (Files.notExists(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnusableRecallStoreException(file, "cannot read the similar-situation journal", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Line line;
            try {
                line = JSON.readValue(lines.get(i), Line.class);
            } catch (JsonProcessingException e) {
                throw new UnusableRecallStoreException(file, "line " + (i + 1) + " is not a journalled situation", e);
            }
            store.removeAll(List.of(line.id()));
            store.addAll(List.of(line.id()), List.of(Embedding.from(line.vector())),
                    List.of(TextSegment.from(line.text(), Metadata.from(line.metadata()))));
            entries++;
        }
    }

    /** Empties the journal once its entries are in a snapshot. */
    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the similar-situation journal " + file, e);
        }
        entries = 0;
    }
}
