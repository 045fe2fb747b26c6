package dev.quorum.memory.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuorumDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void should_create_the_file_with_wal_foreign_keys_and_our_application_id() throws SQLException {
        Path file = dir.resolve("nested/var/quorum.db");
        QuorumDatabase database = QuorumDatabase.open(file);

        assertTrue(Files.isRegularFile(file));
        database.read("check pragmas", connection -> {
            assertEquals("wal", pragma(connection, "journal_mode"));
            assertEquals("1", pragma(connection, "foreign_keys"));
            assertEquals("5000", pragma(connection, "busy_timeout"));
            assertEquals(String.valueOf(QuorumDatabase.APPLICATION_ID), pragma(connection, "application_id"));
            return null;
        });
    }

    @Test
    void should_sync_every_commit_but_those_asked_not_to_wait_for_the_disk() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));

        // PRAGMA synchronous: 2 = FULL (fsync at every commit), 1 = NORMAL (in WAL mode: fsync at checkpoints only).
        assertEquals("2", database.inTransaction("synced", connection -> pragma(connection, "synchronous")));
        assertEquals("1", database.inTransactionWithoutSync("not synced", connection -> pragma(connection, "synchronous")));
        assertEquals("2", database.read("read", connection -> pragma(connection, "synchronous")));
    }

    @Test
    void should_keep_the_wal_between_operations_while_held_open() throws IOException {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        Path wal = dir.resolve("quorum.db-wal");
        IntConsumer write = version -> database.inTransaction("write", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA user_version = " + version);
            }
            return null;
        });

        write.accept(1);
        assertFalse(Files.exists(wal), "closing the last connection checkpointed the WAL into the file and deleted it");
        try (QuorumDatabase.Held held = database.holdOpen("test")) {
            write.accept(2);
            assertTrue(Files.size(wal) > 0, "the write waits in the WAL");
        }
        assertFalse(Files.exists(wal));
        assertEquals("2", database.read("read", connection -> pragma(connection, "user_version")));
    }

    @Test
    void should_hand_the_next_operation_the_connection_the_last_one_left_while_held_open_and_never_one_that_failed() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        // A temporary table lives as long as its connection: seeing it again means the same connection came back.
        QuorumDatabase.SqlWork<Void> mark = connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS marker (x)");
            }
            return null;
        };
        QuorumDatabase.SqlWork<Boolean> marked = connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_temp_master WHERE name = 'marker'")) {
                return rows.next() && rows.getInt(1) == 1;
            }
        };

        database.read("mark", mark);
        assertFalse(database.read("look", marked), "not held open: each operation opens and closes its own");
        try (QuorumDatabase.Held held = database.holdOpen("test")) {
            database.read("mark", mark);
            assertTrue(database.read("look", marked), "held open: the connection is kept for the next operation");
            database.inTransaction("write", mark);
            assertTrue(database.inTransaction("look", marked), "a transaction's connection too, once committed");

            assertThrows(IllegalStateException.class, () -> database.read("fail", connection -> {
                marked.run(connection);
                throw new IllegalStateException("the operation failed");
            }));
            assertFalse(database.read("look", marked), "the connection an operation failed on was closed");
        }
        assertFalse(database.read("look", marked), "the last holder closed: so were the connections it kept");
    }

    @Test
    void should_reopen_its_own_file_and_keep_its_data() {
        Path file = dir.resolve("quorum.db");
        new DecisionStore(QuorumDatabase.open(file), "quorum:decisions")
                .save(TestDecisions.decision("c-1", "NVDA", LocalDate.parse("2023-06-01")));

        DecisionStore reopened = new DecisionStore(QuorumDatabase.open(file), "quorum:decisions");

        assertTrue(reopened.exists("NVDA", LocalDate.parse("2023-06-01")));
    }

    @Test
    void should_keep_a_batch_to_itself_until_commit_and_roll_back_a_failed_operation_alone() {
        Path file = dir.resolve("quorum.db");
        QuorumDatabase database = QuorumDatabase.open(file);
        DecisionStore store = new DecisionStore(database, "quorum:decisions");
        LocalDate day = LocalDate.parse("2023-06-01");
        try (QuorumDatabase.Batch batch = database.batch("test")) {
            store.save(TestDecisions.decision("c-1", "NVDA", day));
            assertTrue(store.exists("NVDA", day), "the batch reads its own writes");
            assertEquals("-65536", database.read("page cache", c -> pragma(c, "cache_size")), "64 MB for a commit's rows");
            // A statement kept by the batch is lent to one user at a time: the same SQL used inside itself gets its own.
            String sql = "SELECT ticker FROM decisions WHERE ticker = ?";
            assertEquals("NVDA NVDA true", database.read("nested", c -> {
                try (java.sql.PreparedStatement outer = c.prepareStatement(sql)) {
                    outer.setString(1, "NVDA");
                    try (ResultSet rows = outer.executeQuery()) {
                        assertTrue(rows.next());
                        try (java.sql.PreparedStatement inner = c.prepareStatement(sql)) {
                            inner.setString(1, "NVDA");
                            try (ResultSet again = inner.executeQuery()) {
                                assertTrue(again.next());
                                return rows.getString(1) + " " + again.getString(1) + " " + store.exists("NVDA", day);
                            }
                        }
                    }
                }
            }));
            assertEquals(0, countOutside(file), "nothing reaches the file before the commit");
            // A failed operation is rolled back alone (its savepoint): the decision saved before it stays.
            assertThrows(IllegalStateException.class, () -> database.inTransaction("half done", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE decisions SET ticker = 'GONE'");
                }
                throw new IllegalStateException("failed half way");
            }));
            assertTrue(store.exists("NVDA", day));
            batch.commit();
            assertEquals(1, countOutside(file));
            store.save(TestDecisions.decision("c-2", "AAPL", day));
            assertThrows(IllegalStateException.class, () -> database.batch("a second one"));
        }
        // Closed without a commit (a crash): the work since the last commit is gone, the committed work is there.
        assertEquals(1, countOutside(file));
        assertTrue(store.exists("NVDA", day));
        assertFalse(store.exists("AAPL", day));
    }

    /** Decisions seen by a connection of its own, outside any batch: what is on disk. */
    private static int countOutside(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM decisions")) {
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_refuse_a_file_that_is_not_sqlite_and_leave_it_untouched() throws IOException {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are my trading notes, not a database\n".repeat(100));
        String before = sha256(file);

        UnusableDatabaseException refused = assertThrows(UnusableDatabaseException.class, () -> QuorumDatabase.open(file));

        assertTrue(refused.getMessage().contains("not an SQLite database"), refused.getMessage());
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertEquals(before, sha256(file));
        assertEquals(List.of("notes.db"), listing());
    }

    @Test
    void should_refuse_what_can_never_be_opened_before_anything_is_written_beside_it() throws IOException {
        // The one-writer lock file is made beside the database before it opens: a mistyped --db must leave none.
        Path notes = Files.writeString(dir.resolve("README.md"), "# not a database\n");
        Path folder = Files.createDirectory(dir.resolve("folder.db"));

        UnusableDatabaseException text = assertThrows(UnusableDatabaseException.class, () -> QuorumDatabase.refuseUnopenable(notes));
        UnusableDatabaseException directory = assertThrows(UnusableDatabaseException.class, () -> QuorumDatabase.refuseUnopenable(folder));

        assertTrue(text.getMessage().contains(notes + ": not an SQLite database"), text.getMessage());
        assertTrue(directory.getMessage().contains(folder + ": not a regular file"), directory.getMessage());
        assertEquals(List.of("README.md", "folder.db"), listing());
    }

    @Test
    void should_refuse_a_database_whose_directory_is_a_file_before_anything_is_written() throws IOException {
        // data_dir: var, where var is a file: the lock file beside the database could never be made either.
        Path var = Files.writeString(dir.resolve("var"), "not a directory\n");

        UnusableDatabaseException below = assertThrows(UnusableDatabaseException.class,
                () -> QuorumDatabase.refuseUnopenable(var.resolve("quorum.db")));
        UnusableDatabaseException deeper = assertThrows(UnusableDatabaseException.class,
                () -> QuorumDatabase.open(var.resolve("state/quorum.db")));

        assertEquals(var.resolve("quorum.db") + ": " + var + " is not a directory", below.getMessage());
        assertEquals(var.resolve("state/quorum.db") + ": " + var + " is not a directory", deeper.getMessage());
        assertEquals("not a directory\n", Files.readString(var));
        assertEquals(List.of("var"), listing());
    }

    @Test
    void should_let_an_absent_an_empty_or_a_quorum_database_through_to_open() throws IOException {
        QuorumDatabase.refuseUnopenable(dir.resolve("absent.db"));
        QuorumDatabase.refuseUnopenable(Files.createFile(dir.resolve("touched.db")));
        QuorumDatabase.open(dir.resolve("quorum.db"));
        QuorumDatabase.refuseUnopenable(dir.resolve("quorum.db"));
    }

    @Test
    void should_refuse_another_applications_sqlite_database_and_leave_it_untouched() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)");
            statement.executeUpdate("INSERT INTO invoices (amount) VALUES (99.5)");
        }
        String before = sha256(file);

        UnusableDatabaseException refused = assertThrows(UnusableDatabaseException.class, () -> QuorumDatabase.open(file));

        assertTrue(refused.getMessage().contains("not Quorum's"), refused.getMessage());
        assertTrue(refused.getMessage().contains("invoices"), refused.getMessage());
        assertEquals(before, sha256(file));
        assertEquals(List.of("other.db"), listing());
    }

    @Test
    void should_refuse_a_corrupt_quorum_database_and_leave_it_untouched() throws Exception {
        Path file = dir.resolve("quorum.db");
        DecisionStore store = new DecisionStore(QuorumDatabase.open(file), "quorum:decisions");
        for (int i = 0; i < 50; i++) {
            store.save(TestDecisions.decision("c-" + i, "T" + i, LocalDate.parse("2023-06-01")));
        }
        checkpoint(file);
        // Scribble over everything after the first page: the header (and our application id) survive, the b-trees do not.
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 4096; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);
        String before = sha256(file);

        UnusableDatabaseException refused = assertThrows(UnusableDatabaseException.class, () -> QuorumDatabase.open(file));

        assertTrue(refused.getMessage().contains("corrupt"), refused.getMessage());
        assertEquals(before, sha256(file));
    }

    @Test
    void should_accept_an_empty_file_as_a_new_database() throws IOException {
        Path file = dir.resolve("quorum.db");
        Files.createFile(file);

        QuorumDatabase.open(file);

        assertTrue(Files.size(file) > 0);
    }

    private static void checkpoint(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private List<String> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
            return rs.getString(1);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
