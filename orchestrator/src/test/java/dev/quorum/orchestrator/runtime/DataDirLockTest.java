package dev.quorum.orchestrator.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-writer lock's file: removed only by the refused open that created it; the lock taken again after that. */
class DataDirLockTest {

    @TempDir
    Path dir;

    @Test
    void should_remove_the_file_it_created_and_let_the_next_process_lock_a_new_one() {
        Path db = dir.resolve("quorum.db");
        Path file = DataDirLock.fileFor(db);

        try (DataDirLock first = DataDirLock.acquire(db, "weights")) {
            assertThrows(DataDirLockedException.class, () -> DataDirLock.acquire(db, "run"), "held: a second writer is refused");
            first.removeIfCreated();
            assertFalse(Files.exists(file));
        }
        try (DataDirLock next = DataDirLock.acquire(db, "run")) {
            assertTrue(Files.exists(file));
            assertThrows(DataDirLockedException.class, () -> DataDirLock.acquire(db, "serve"), "the new file excludes as the old did");
        }
    }

    @Test
    void should_leave_a_lock_file_that_was_there_before() throws IOException {
        Path db = dir.resolve("quorum.db");
        Path file = Files.writeString(DataDirLock.fileFor(db), "pid=1\ncommand=serve\n");

        try (DataDirLock lock = DataDirLock.acquire(db, "weights")) {
            lock.removeIfCreated();
        }

        assertTrue(Files.exists(file));
        assertTrue(Files.readString(file).startsWith("pid=" + ProcessHandle.current().pid() + "\n"), "this process described itself");
    }
}
