package dev.quorum.memory.recall;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

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
    SituationMemory emptyMemory(EmbeddingModel embeddingModel) {
        // A new file each call: "empty" even after an earlier memory of the same test was closed (and saved).
        return EmbeddedSituationMemory.open(dir.resolve("situations-" + UUID.randomUUID() + ".json"), embeddingModel);
    }

    @Test
    void should_persist_each_indexing_at_once_and_recall_the_same_after_reopening() {
        Path file = dir.resolve("index/situations.json");
        EmbeddedSituationMemory memory = EmbeddedSituationMemory.open(file, embeddingModel());
        memory.index(resolved("rally-1", rally("NVDA", LocalDate.of(2023, 3, 1)), Verdict.BUY, 0.042));
        memory.index(resolved("crash-1", crash("NVDA", LocalDate.of(2022, 9, 26)), Verdict.SELL, -0.031));
        List<RecalledSituation> before = memory.recall(crash("NVDA", D), 5, RecallScope.ANY_TICKER);

        // As after a crash: not closed, so only the journal holds the two situations.
        EmbeddedSituationMemory afterCrash = EmbeddedSituationMemory.open(file, embeddingModel());
        assertEquals(2, afterCrash.size());
        assertEquals(before, afterCrash.recall(crash("NVDA", D), 5, RecallScope.ANY_TICKER));

        afterCrash.close();
        assertTrue(Files.exists(file), "closing writes the snapshot");
        assertFalse(Files.exists(dir.resolve("index/situations.json.journal")), "the snapshot replaces the journal");
        EmbeddedSituationMemory reopened = EmbeddedSituationMemory.open(file, embeddingModel());
        assertEquals(2, reopened.size());
        assertEquals(before, reopened.recall(crash("NVDA", D), 5, RecallScope.ANY_TICKER));
    }

    @Test
    void should_snapshot_and_empty_the_journal_as_it_grows() {
        Path file = dir.resolve("situations.json");
        EmbeddedSituationMemory memory = EmbeddedSituationMemory.open(file, embeddingModel(), 3);
        for (int i = 0; i < 3; i++) {
            memory.index(resolved("s" + i, rally("NVDA", LocalDate.of(2020, 1, 1).plusDays(i)), Verdict.BUY, 0.01));
        }
        assertTrue(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("situations.json.journal")));
        memory.index(resolved("one-more", crash("NVDA", LocalDate.of(2023, 1, 3)), Verdict.SELL, -0.01));

        EmbeddedSituationMemory reopened = EmbeddedSituationMemory.open(file, embeddingModel());
        assertEquals(4, reopened.size());
    }

    @Test
    void should_name_the_line_of_an_unreadable_journal_entry() throws IOException {
        Path file = dir.resolve("situations.json");
        Files.writeString(dir.resolve("situations.json.journal"), "{\"id\":\"x\"\n");
        UnusableRecallStoreException e = assertThrows(UnusableRecallStoreException.class,
                () -> EmbeddedSituationMemory.open(file, embeddingModel()));
        assertTrue(e.getMessage().startsWith(dir.resolve("situations.json.journal") + ": line 1 is not a journalled situation: "),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line, without Jackson's source position: " + e.getMessage());
    }

    @Test
    void should_refuse_an_index_file_that_is_not_an_embedding_store() throws IOException {
        Path file = dir.resolve("situations.json");
        Files.writeString(file, "not json at all");
        UnusableRecallStoreException e = assertThrows(UnusableRecallStoreException.class,
                () -> EmbeddedSituationMemory.open(file, embeddingModel()));
        assertTrue(e.getMessage().startsWith(file + ": not a readable similar-situation index (a langchain4j in-memory "
                + "embedding store file): Unrecognized token 'not'"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line, without Jackson's source position: " + e.getMessage());
        assertEquals("not json at all", Files.readString(file), "a bad file must be left untouched");
    }

    @Test
    void should_refuse_a_truncated_index_file_and_leave_it_empty_rather_than_start_a_new_index() throws IOException {
        Path file = dir.resolve("situations.json");
        Files.writeString(file, "");
        UnusableRecallStoreException e = assertThrows(UnusableRecallStoreException.class,
                () -> EmbeddedSituationMemory.open(file, embeddingModel()));
        assertTrue(e.getMessage().contains("it is empty, truncated?"), e.getMessage());
        assertEquals(0, Files.size(file));
    }

    @Test
    void should_refuse_an_index_under_a_file_naming_the_file() throws IOException {
        Path dataDir = Files.writeString(dir.resolve("var"), "a file where the data directory should be");
        Path file = dataDir.resolve("recall/situations.json");
        UnusableRecallStoreException e = assertThrows(UnusableRecallStoreException.class,
                () -> EmbeddedSituationMemory.open(file, embeddingModel()));
        assertEquals(file.toAbsolutePath() + ": " + dataDir.toAbsolutePath() + " is not a directory", e.getMessage());
        assertEquals("a file where the data directory should be", Files.readString(dataDir));
    }
}
