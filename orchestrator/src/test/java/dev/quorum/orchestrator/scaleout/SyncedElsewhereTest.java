package dev.quorum.orchestrator.scaleout;

import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long-running process whose market data another process syncs (cron running {@code bin/quorum data sync}, a copy
 * from another machine), with no sync of its own before the cycle: the session the files gained after its start is
 * the next cycle's trade date, and a worker decides a job for it. Read once at start, the scheduler scheduled the
 * start's last session for as long as it ran, and a worker dead-lettered every job for a newer one.
 */
class SyncedElsewhereTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @TempDir
    Path dir;

    private static final List<LocalDate> LAST_TWO = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 2);
    private static final LocalDate AT_START = LAST_TWO.get(0);
    private static final LocalDate SYNCED_LATER = LAST_TWO.get(1);

    /** A Redis database of each test's own: the stream, jobs and decided registry of one are not the other's. */
    private static String database(int db) {
        return REDIS.url().replaceAll("/0$", "/" + db);
    }

    /** A copy of the shipped sample whose price files end a session before the sample does, as a sync left them. */
    private Path marketBehindBySession() throws IOException {
        Path market = QuorumRig.sampleMarketCopy(dir.resolve("market"));
        for (Path prices : pricesFiles(market)) {
            Files.writeString(prices, Files.readAllLines(prices).stream()
                    .filter(line -> line.startsWith("date") || line.compareTo(SYNCED_LATER.toString()) < 0)
                    .collect(Collectors.joining("\n", "", "\n")));
        }
        return market;
    }

    /** What a sync does: each price file replaced whole by a rename, now with the sample's last session. */
    private static void syncFromAnotherProcess(Path market) throws IOException {
        for (Path prices : pricesFiles(market)) {
            Path written = prices.resolveSibling(prices.getFileName() + ".tmp");
            Files.copy(QuorumRig.sampleMarket().resolve("prices").resolve(prices.getFileName()), written);
            Files.move(written, prices, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static List<Path> pricesFiles(Path market) throws IOException {
        try (Stream<Path> files = Files.list(market.resolve("prices"))) {
            return files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
    }

    @Test
    void should_schedule_the_session_another_process_synced_after_the_start() throws Exception {
        Path market = marketBehindBySession();
        QuorumConfig config = QuorumRig.config(dir.resolve("all"), market, database(1), "");
        try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.REDIS)) {
            assertEquals(AT_START, runtime.latestSessionOnDisk());
            QuorumRig.decideAll(runtime, QuorumRig.TICKERS, AT_START);

            syncFromAnotherProcess(market);

            assertEquals(SYNCED_LATER, runtime.latestSessionOnDisk());
            QuorumRig.decideAll(runtime, QuorumRig.TICKERS, SYNCED_LATER);
        }
    }

    @Test
    void should_decide_a_job_for_a_session_synced_after_the_worker_started() throws Exception {
        Path market = marketBehindBySession();
        QuorumConfig config = QuorumRig.config(dir.resolve("worker"), market, database(2), "");
        try (QuorumRuntime runtime = QuorumRuntime.open(config, Role.WORKER)) {
            assertEquals(AT_START, runtime.latestSession());
            syncFromAnotherProcess(market);
            // The scheduler, on the synced files, enqueues the new session.
            JobQueue queue = new JobQueue(runtime.redis().orElseThrow(), runtime.scaleKeys(), config.scale().group());
            queue.enqueue(List.of("AAPL"), SYNCED_LATER, true);

            WorkerRuns.untilAcknowledged(queue, new JobWorker(runtime.redis().orElseThrow(), runtime.scaleKeys(),
                    config.scale().group(), "w", Duration.ofSeconds(120), Duration.ofMillis(50),
                    runtime.cycle(), runtime.publisher(), false, Duration.ofSeconds(120),
                    Duration.ofSeconds(1800), runtime::refreshMarketData));

            assertEquals(0, queue.backlog().deadLetters(), "no job dead-lettered");
            assertTrue(runtime.store().currentDecision("AAPL", SYNCED_LATER).isPresent(), "AAPL decided for " + SYNCED_LATER);
        }
    }
}
