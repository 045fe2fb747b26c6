package dev.quorum.orchestrator.reliability.input;

import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.ProjectPaths;
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
 * {@code quorum run} in a child JVM with the service unit's kind of heap (-Xmx256m): the file is refused in one
 * line naming it and the limit, the other tickers are decided, and the JVM never runs out of memory.
 */
class OversizedMarketFileTest {

    private static final long SIZE = 200L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void should_refuse_a_200_mb_price_file_by_name_and_decide_the_rest_under_a_256_mb_heap() throws Exception {
        Path market = dir.resolve("market");
        copy(ProjectPaths.root().resolve("samples/market"), market);
        Path big = market.resolve("prices/BIGX.csv");
        writeBars(big);
        Path config = ServedQuorum.writeConfig(dir.resolve("state"), null, "memory: {recall_k: 0}\n");
        Files.writeString(config, Files.readString(config)
                .replace("watchlist: [AAPL, MSFT, NVDA]", "watchlist: [AAPL, BIGX]")
                .replace(ProjectPaths.root().resolve("samples/market").toString(), market.toString()));

        ServedQuorum run = ServedQuorum.start(dir.resolve("logs"), Map.of(), "run", "--config", config.toString(),
                "--date", "2024-06-03");
        int exit = run.awaitExit(Duration.ofMinutes(2));

        String all = run.stdout() + run.stderr();
        assertFalse(all.contains("OutOfMemoryError"), all);
        assertEquals(1, exit, "one ticker not decided, the rest decided:\n" + all);
        assertTrue(all.contains(big + ": " + Files.size(big) + " bytes, over the limit of 67108864 bytes per market-data file"
                + " (market.max_file_mb)"), all);
        assertTrue(run.stdout().contains("AAPL"), run.stdout());
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
