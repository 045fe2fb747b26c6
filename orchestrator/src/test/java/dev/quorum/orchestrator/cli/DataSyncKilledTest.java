package dev.quorum.orchestrator.cli;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.MarketDataTestServer;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quorum data sync} killed (SIGKILL) half-way: every file is valid, and the next sync completes the rest. */
class DataSyncKilledTest {

    @TempDir
    Path dir;

    @Test
    void should_leave_valid_files_when_killed_mid_sync_and_finish_on_the_next_run() throws Exception {
        try (MarketDataTestServer providers = MarketDataTestServer.start()) {
            for (String ticker : List.of("SPY", "AAPL")) {
                providers.bars(ticker, CsvMarketData.readPriceFile(ProjectPaths.root().resolve("samples/market/prices/" + ticker + ".csv"))
                        .stream().map(b -> new MarketDataTestServer.Bar(b.date(), b.open(), b.high(), b.low(), b.close(), b.volume()))
                        .toList());
            }
            Path config = dir.resolve("quorum.yaml");
            Files.writeString(config, "market:\n  data_dir: " + dir.resolve("market") + "\n  sync:\n    macro: none\n"
                    + "    start_date: \"2023-01-03\"\n    stooq: {base_url: \"" + providers.baseUrl() + "\", min_interval_millis: 0}\n");
            // SPY is synced first; the process is killed while it waits for AAPL's answer.
            MarketDataTestServer.Hold aapl = providers.hold(MarketDataTestServer.STOOQ_PATH, "s", "aapl.us");
            try (ServedQuorum sync = ServedQuorum.start(dir, Map.of(), "data", "sync", "--config", config.toString(), "--tickers", "AAPL")) {
                assertTrue(aapl.awaitArrival(Duration.ofMinutes(1)), sync.stderr());
                sync.close();
                assertTrue(sync.awaitExit(Duration.ofSeconds(30)) != 0);
            }
            aapl.release();

            CsvMarketData afterKill = CsvMarketData.open(dir.resolve("market"));
            assertEquals(502, afterKill.dailyBars("SPY").size());
            assertFalse(Files.exists(dir.resolve("market/prices/AAPL.csv")));
            try (Stream<Path> files = Files.walk(dir.resolve("market"))) {
                assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".partial")).toList());
            }

            try (ServedQuorum again = ServedQuorum.start(dir, Map.of(), "data", "sync", "--config", config.toString(), "--tickers", "AAPL")) {
                assertEquals(0, again.awaitExit(Duration.ofMinutes(1)), again.stderr());
            }
            assertEquals(502, CsvMarketData.open(dir.resolve("market")).dailyBars("AAPL").size());
        }
    }
}
