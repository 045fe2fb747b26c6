package dev.quorum.orchestrator.reliability.faults;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.reliability.Published;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.orchestrator.reliability.StoredRows;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.RedisServer;
import dev.quorum.orchestrator.cli.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQLite and the process failing: a corrupt database file at start, the database locked by another connection,
 * and {@code quorum run} killed with SIGKILL in the middle of a cycle, then run again.
 */
class StoreAndProcessFaultsTest {

    private static final String SIGNAL = "{\"signal\": \"BULLISH\", \"confidence\": 0.6, \"summary\": \"ok\", \"key_factors\": [\"k\"]}";

    private final RedisServer redis = new RedisServer();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void should_refuse_a_corrupt_database_file_in_one_line_and_leave_it_untouched() throws Exception {
        redis.start();
        Path state = dir.resolve("state");
        Path config = ServedQuorum.writeConfig(state, redis.url(), "");
        byte[] garbage = new byte[8192];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(state.resolve("quorum.db"), garbage);

        try (ServedQuorum run = ServedQuorum.start(dir.resolve("logs"), Map.of(), "run", "--config", config.toString())) {
            assertEquals(ExitCodes.UNUSABLE, run.awaitExit(Duration.ofSeconds(60)), run.stderr());
            String errors = run.stderr();
            assertTrue(errors.contains(state.resolve("quorum.db").toString()), "names the file: " + errors);
            assertFalse(errors.contains("\tat ") || errors.contains("Exception"), "no stack trace: " + errors);
        }
        assertArrayEquals(garbage, Files.readAllBytes(state.resolve("quorum.db")), "the file is left as found");
    }

    @Test
    void should_fail_the_tickers_it_cannot_store_while_another_process_locks_the_database_then_recover() throws Exception {
        redis.start();
        Path state = dir.resolve("state");
        Path database = state.resolve("quorum.db");
        LocalDate date = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);
        try (QuorumRuntime runtime = QuorumRuntime.open(QuorumRig.config(state, QuorumRig.sampleMarket(), redis.url(), ""),
                PublishTarget.REDIS)) {
            Map<String, java.util.List<String>> before;
            CycleReport locked;
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + database);
                 Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                locked = runtime.cycle().run(List.of("AAPL"), date, () -> false);
                lock.execute("ROLLBACK");
            }
            assertEquals(Set.of("AAPL"), locked.failed().keySet(), "a ticker it could not store is reported failed");
            assertTrue(locked.decided().isEmpty());
            before = StoredRows.of(database);
            assertEquals(0, before.get("decisions").size(), "nothing half-written");
            assertEquals(0, before.get("outbox").size());

            CycleReport recovered = runtime.cycle().run(List.of("AAPL", "MSFT"), date, () -> false);
            assertTrue(recovered.complete(), recovered.failed().toString());
            assertEquals(2, runtime.publisher().drain());
        }
    }

    @Test
    void should_decide_each_ticker_once_and_publish_everything_after_a_sigkill_mid_cycle() throws Exception {
        redis.start();
        try (OllamaTestServer ollama = OllamaTestServer.start();
             UnifiedJedis client = RedisConnections.open(RedisUrl.parse(redis.url()))) {
            // Slow enough that the kill lands between the first stored decision and the last.
            ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content(SIGNAL).after(Duration.ofMillis(400)));
            ollama.model(QuorumRig.SECOND_MODEL).thenAlways(OllamaReply.content(SIGNAL));
            Path state = dir.resolve("state");
            Path database = state.resolve("quorum.db");
            Path config = ServedQuorum.writeConfig(state, redis.url(), QuorumRig.llmPanel(ollama.baseUrl()));
            try (ServedQuorum run = ServedQuorum.start(dir.resolve("logs1"), Map.of(), "run", "--config", config.toString())) {
                awaitDecisions(database, run);
                run.kill();
                run.awaitExit(Duration.ofSeconds(30));
            }
            int beforeRestart = StoredRows.column(database, "SELECT count(*) FROM decisions").stream().mapToInt(Integer::parseInt).sum();
            assertTrue(beforeRestart >= 1 && beforeRestart < 3, "killed mid-cycle: " + beforeRestart + " decisions stored");

            try (ServedQuorum again = ServedQuorum.start(dir.resolve("logs2"), Map.of(), "run", "--config", config.toString())) {
                assertEquals(0, again.awaitExit(Duration.ofSeconds(120)), again.stdout() + again.stderr());
            }
            assertEquals(List.of(), Published.duplicateCurrentDecisions(database), "one current decision per ticker and date");
            assertEquals(3, StoredRows.column(database, "SELECT correlation_id FROM decisions WHERE superseded_by IS NULL").size(),
                    "the watchlist of ServedQuorum.writeConfig: AAPL, MSFT, NVDA");
            assertEquals(List.of("0"), StoredRows.column(database, "SELECT count(*) FROM decisions WHERE superseded_by IS NOT NULL"),
                    "the restart kept the decisions made before the kill instead of deciding them again (decisions.redecide is off)");
            assertEquals(0, Published.pendingOutbox(database), "the outbox drained");
            List<String> consumed = Published.consumedByNewGroup(client);
            Set<String> stored = Published.storedDecisionIds(database);
            assertEquals(stored, new HashSet<>(consumed), "every stored decision (superseded ones too) reached the stream");
            assertEquals(consumed.size(), new HashSet<>(consumed).size(), "each correlation id once: " + Arrays.toString(consumed.toArray()));
        }
    }

    /** The child commits decisions one ticker at a time; no event crosses the process boundary, so a bounded poll. */
    private static void awaitDecisions(Path database, ServedQuorum run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(database)) {
                try {
                    if (StoredRows.column(database, "SELECT count(*) FROM decisions").stream().mapToInt(Integer::parseInt).sum() >= 1) {
                        return;
                    }
                } catch (AssertionError notReadyYet) {
                    // schema not created yet
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no decision stored within 60 s:\n" + run.stderr());
    }
}
