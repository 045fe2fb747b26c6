package dev.quorum.memory.recall;

import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static dev.quorum.memory.recall.Situations.crash;
import static dev.quorum.memory.recall.Situations.embeddingModel;
import static dev.quorum.memory.recall.Situations.rally;
import static dev.quorum.memory.recall.Situations.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedSituationMemoryTest extends SituationMemoryContract {

    @TempDir
    Path dir;

    @Override
    SituationMemory emptyMemory() {
        return EmbeddedSituationMemory.open(dir.resolve("situations.json"), embeddingModel());
    }

    @Test
    void should_persist_to_its_file_and_recall_the_same_after_reopening() {
        Path file = dir.resolve("index/situations.json");
        EmbeddedSituationMemory memory = EmbeddedSituationMemory.open(file, embeddingModel());
        memory.index(resolved("rally-1", rally("NVDA", LocalDate.of(2023, 3, 1)), Verdict.BUY, 0.042));
        memory.index(resolved("crash-1", crash("NVDA", LocalDate.of(2022, 9, 26)), Verdict.SELL, -0.031));
        List<RecalledSituation> before = memory.recall(crash("NVDA", D), 5, RecallScope.ANY_TICKER);
        assertTrue(Files.exists(file));
        assertFalse(Files.exists(file.resolveSibling("situations.json.tmp")));

        EmbeddedSituationMemory reopened = EmbeddedSituationMemory.open(file, embeddingModel());

        assertEquals(2, reopened.size());
        assertEquals(before, reopened.recall(crash("NVDA", D), 5, RecallScope.ANY_TICKER));
    }

    @Test
    void should_refuse_an_index_file_that_is_not_an_embedding_store() throws IOException {
        Path file = dir.resolve("situations.json");
        Files.writeString(file, "not json at all");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmbeddedSituationMemory.open(file, embeddingModel()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals("not json at all", Files.readString(file), "a bad file must be left untouched");
    }
}
