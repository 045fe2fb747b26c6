package dev.quorum.orchestrator.runtime;

import dev.quorum.orchestrator.backtest.SampleBacktests;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.scaleout.Role;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's start reads its watchlist's price files beside the rest of the assembly, and has read them when the
 * runtime is returned (when {@code serve} can answer ready): a file broken after that start is not read again until
 * a reload, while a command's runtime reads a file when a cycle first needs it. The embedding model is loaded beside
 * the assembly too (recall is on here) and joined before the runtime is returned.
 */
class ServiceStartTest {

    @TempDir
    Path dir;

    private final RedisServer redis = new RedisServer();

    @BeforeEach
    void up() {
        redis.start();
    }

    @AfterEach
    void down() {
        redis.close();
    }

    @Test
    void should_have_read_the_watchlist_when_the_service_runtime_is_returned() throws Exception {
        try (QuorumRuntime runtime = QuorumRuntime.open(config(), Role.ALL)) {
            CycleReport report = cycleAfterBreakingAapl(runtime);
            assertEquals(Map.of(), report.failed(), "the service decides on the files it read at start");
            assertEquals(List.of("AAPL", "MSFT"), report.decided().stream().map(d -> d.ticker()).sorted().toList());
        }
    }

    @Test
    void should_leave_a_commands_price_files_to_the_cycle() throws Exception {
        try (QuorumRuntime runtime = QuorumRuntime.open(config(), PublishTarget.FILE)) {
            CycleReport report = cycleAfterBreakingAapl(runtime);
            assertTrue(report.failed().containsKey("AAPL"), "the broken file is read by the cycle: " + report.failed());
            assertEquals(List.of("MSFT"), report.decided().stream().map(d -> d.ticker()).toList());
        }
    }

    /** Breaks AAPL's price file once the runtime is open, then decides the watchlist. */
    private CycleReport cycleAfterBreakingAapl(QuorumRuntime runtime) throws Exception {
        Files.writeString(dir.resolve("market/prices/AAPL.csv"), "not,a,price,file\n");
        return runtime.cycle().run(runtime.config().watchlist(), runtime.latestSession(), () -> false);
    }

    private QuorumConfig config() throws Exception {
        Path market = SampleBacktests.copySample(dir.resolve("market"));
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, "watchlist: [AAPL, MSFT]\n"
                + "data_dir: \"" + dir.resolve("state") + "\"\n"
                + "market: {data_dir: \"" + market + "\", sync: {max_stale_sessions: 10000}}\n"
                + "prompts_dir: \"" + ProjectPaths.root().resolve("prompts") + "\"\n"
                + "memory: {recall_k: 3}\n");
        return new ConfigLoader(Map.of("QUORUM_REDIS_URL", redis.url())).from(Optional.of(file));
    }
}
