package dev.quorum.orchestrator.reliability.input;

import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A valid but huge price file (200 MB of daily bars, as a careless export produces) next to the sample, decided by
 * {@code quorum run} in a child JVM with the service unit's kind of heap (-Xmx256m). Under the default
 * {@code market.max_file_mb} (64) the file is refused in one line naming it and the limit and the other tickers are
 * decided; with the limit raised above the file it is loaded (2,759,411 bars: 148 MB of columns) and decided
 * too. Either way the JVM never runs out of memory.
 */
class OversizedMarketFileTest {

    private static final long SIZE = 200L * 1024 * 1024;

    // One generated market directory for both cases (only read by them): 200 MB written once.
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path market;
    private static Path big;

    @BeforeAll
    static void writeMarket() throws IOException {
        market = shared.resolve("market");
        copy(ProjectPaths.root().resolve("samples/market"), market);
        big = market.resolve("prices/BIGX.csv");
        writeBars(big);
    }

    @Test
    void should_refuse_a_200_mb_price_file_by_name_and_decide_the_rest_under_a_256_mb_heap() throws Exception {
        ServedQuorum run = run(Map.of());
        int exit = run.awaitExit(Duration.ofMinutes(2));

        String all = run.stdout() + run.stderr();
        assertFalse(all.contains("OutOfMemoryError"), all);
        assertEquals(1, exit, "one ticker not decided, the rest decided:\n" + all);
        assertTrue(all.contains(big + ": " + Files.size(big) + " bytes, over the limit of 67108864 bytes per market-data file"
                + " (market.max_file_mb)"), all);
        assertTrue(run.stdout().contains("AAPL"), run.stdout());
    }

    @Test
    void should_load_and_decide_a_200_mb_price_file_under_a_256_mb_heap_when_the_limit_is_raised() throws Exception {
        ServedQuorum run = run(Map.of("QUORUM_MARKET_MAX_FILE_MB", "256"));
        int exit = run.awaitExit(Duration.ofMinutes(3));

        String all = run.stdout() + run.stderr();
        assertFalse(all.contains("OutOfMemoryError"), all);
        assertEquals(0, exit, "both tickers decided, the 200 MB file held in columns:\n" + all);
        assertTrue(run.stdout().lines().anyMatch(l -> l.matches("BIGX +(BUY|HOLD|SELL) .*")), run.stdout());
        assertTrue(run.stdout().lines().anyMatch(l -> l.matches("AAPL +(BUY|HOLD|SELL) .*")), run.stdout());
    }

    private ServedQuorum run(Map<String, String> env) throws IOException {
        Path config = ServedQuorum.writeConfig(dir.resolve("state"), null, "memory: {recall_k: 0}\n");
        Files.writeString(config, Files.readString(config)
                .replace("watchlist: [AAPL, MSFT, NVDA]", "watchlist: [AAPL, BIGX]")
                .replace(ProjectPaths.root().resolve("samples/market").toString(), market.toString()));
        return ServedQuorum.start(dir.resolve("logs"), env, "run", "--config", config.toString(), "--date", "2024-06-03");
    }

    private static void writeBars(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("date,open,high,low,close,adj_close,volume,dividend\n");
            LocalDate date = LocalDate.of(1000, 1, 1);
            long written = 0;
            while (written < SIZE) {
                String row = String.format(Locale.ROOT, "%s,100.000000,101.000000,99.000000,100.500000,100.500000,1000000,0%n", date);
                out.write(row);
                written += row.length();
                date = date.plusDays(1);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
