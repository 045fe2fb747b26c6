package dev.quorum.orchestrator.reliability.faults;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.health.ReadinessCheck;
import dev.quorum.orchestrator.reliability.Published;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.orchestrator.reliability.SmallFilesystem;
import dev.quorum.orchestrator.reliability.StoredRows;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.RedisServer;
import dev.quorum.orchestrator.cli.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQLite file's disk failing for real: the filesystem under it full (a small tmpfs filled by a test file, ENOSPC
 * from the kernel, SQLITE_FULL from SQLite), and the file or its directory not writable by the process (the mode
 * bits enforced by the kernel: as root the child JVM runs without CAP_DAC_OVERRIDE).
 */
class SqliteDiskFaultsTest {

    /** SQLite's shared-memory index (-shm) of a WAL database: readers need it too, so it is left room on the disk. */
    private static final long SQLITE_SHARED_MEMORY = 32 * 1024;
    private static final long PAGE = 4096;

    private final RedisServer redis = new RedisServer();
    private SmallFilesystem filesystem;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (filesystem != null) {
            filesystem.close();
        }
        redis.close();
    }

    @Test
    void should_report_a_full_disk_keep_what_is_stored_stay_readable_and_decide_again_once_space_is_freed() throws Exception {
        Path state = dir.resolve("state");
        SmallFilesystem.Mounted mounted = SmallFilesystem.mount(state, 8L << 20);
        // Only a real full disk is tested here: SQLite's max_page_count cannot stand in, because it is a
        // per-connection setting and Quorum opens a connection per operation.
        Assumptions.assumeTrue(mounted instanceof SmallFilesystem.Ready,
                () -> "disk full needs a small tmpfs, mounting needs root: " + ((SmallFilesystem.Refused) mounted).why());
        filesystem = ((SmallFilesystem.Ready) mounted).filesystem();
        System.out.println("disk full simulated by a real 8 MiB tmpfs at " + state + ", filled by a file");
        redis.start();
        Path database = state.resolve("quorum.db");
        LocalDate date = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);
        Set<String> decided = new HashSet<>();
        try (QuorumRuntime runtime = QuorumRuntime.open(QuorumRig.config(state, QuorumRig.sampleMarket(), redis.url(), ""),
                PublishTarget.REDIS)) {
            decided.addAll(QuorumRig.decideAll(runtime, List.of("AAPL", "MSFT"), date));
            assertEquals(2, runtime.publisher().drain());
            Map<String, List<String>> stored = StoredRows.of(database);

            // Room for SQLite's shared-memory index and one page: reads work, no transaction fits.
            filesystem.fillLeaving(SQLITE_SHARED_MEMORY + PAGE);
            CycleReport full = runtime.cycle().run(List.of("NVDA", "JPM"), date, () -> false);

            assertTrue(full.decided().isEmpty(), full.toString());
            assertEquals(Set.of("NVDA", "JPM"), full.failed().keySet(), "each ticker reported not decided");
            for (String error : full.failed().values()) {
                assertTrue(error.contains("database or disk is full") && error.contains(database.toString())
                        && error.contains("free space"), "names the file and the cause: " + error);
            }
            assertEquals(stored, StoredRows.of(database), "nothing stored is lost or changed, the outbox included");
            assertEquals(List.of("ok"), StoredRows.column(database, "PRAGMA integrity_check"));
            for (ReadinessCheck check : runtime.readinessChecks()) {
                if (check.name().equals("market-data")) {
                    continue; // the shipped sample ends in 2024: its freshness says nothing about the disk
                }
                assertTrue(check.check().up(), check.name() + " after the failed writes: " + check.check().detail());
            }
            for (String id : decided) {
                assertTrue(runtime.store().envelope(id).isPresent(), "stored decisions stay readable: " + id);
            }

            filesystem.freeSpace();
            decided.addAll(QuorumRig.decideAll(runtime, List.of("NVDA", "JPM"), date));
            assertEquals(2, runtime.publisher().drain());
        }
        assertEquals(List.of("ok"), StoredRows.column(database, "PRAGMA integrity_check"));
        assertEquals(decided, Published.storedDecisionIds(database));
        assertEquals(List.of(), Published.duplicateCurrentDecisions(database));
        try (UnifiedJedis client = RedisConnections.open(RedisUrl.parse(redis.url()))) {
            List<String> consumed = Published.consumedByNewGroup(client);
            assertEquals(decided, Set.copyOf(consumed));
            assertEquals(decided.size(), consumed.size(), "each decision published once: " + consumed);
        }
    }

    @Test
    void should_refuse_to_start_on_a_database_file_or_directory_it_cannot_write_and_leave_the_file_as_it_was() throws Exception {
        redis.start();
        Path state = dir.resolve("state");
        Path database = state.resolve("quorum.db");
        Path config = ServedQuorum.writeConfig(state, redis.url(), "");
        try (ServedQuorum first = ServedQuorum.start(dir.resolve("logs-first"), Map.of(), "run", "--config", config.toString())) {
            assertEquals(0, first.awaitExit(Duration.ofSeconds(120)), first.stderr());
        }
        byte[] before = Files.readAllBytes(database);
        Map<String, List<String>> rows = StoredRows.of(database);
        assertEquals(3, rows.get("decisions").size(), "the first run decided the watchlist");

        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("r--r--r--"));
        assertUnwritableRefused(config, database, "not writable by this process");

        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertUnwritableRefused(config, database, "its directory " + state + " is not writable");
        } finally {
            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertArrayEquals(before, Files.readAllBytes(database), "the file is left byte for byte as it was");
        assertEquals(rows, StoredRows.of(database));
    }

    private void assertUnwritableRefused(Path config, Path database, String problem) throws Exception {
        try (ServedQuorum run = ServedQuorum.startWith(withoutFilePermissionOverride(), dir.resolve("logs"), Map.of(),
                "run", "--config", config.toString())) {
            assertEquals(ExitCodes.UNUSABLE, run.awaitExit(Duration.ofSeconds(120)), run.stderr());
            String errors = run.stderr();
            assertTrue(errors.contains(database + ": " + problem), "names the file and the problem: " + errors);
            assertFalse(errors.contains("\tat ") || errors.contains("Exception"), "no stack trace: " + errors);
        }
    }

    /**
     * Root may write any file; without CAP_DAC_OVERRIDE (and DAC_READ_SEARCH) the kernel enforces the mode bits on it
     * as on any user. The class path under root's home stays readable: root still owns it.
     */
    private static List<String> withoutFilePermissionOverride() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        assertTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "running as root, this test needs setpriv (util-linux) to drop CAP_DAC_OVERRIDE from the child JVM");
        return List.of("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--");
    }
}
