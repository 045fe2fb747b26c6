package dev.quorum.orchestrator.cli;

import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator mistypes on the command line is refused before anything runs: a ticker that is not one (every
 * command with {@code --ticker}/{@code --tickers}), a {@code --date} that is no session, a sync into the shipped
 * sample. One line naming the problem, exit code 2, nothing written.
 */
class TickerAndSessionRefusalTest {

    private static final Path SAMPLE = ProjectPaths.root().resolve("samples/market");

    @TempDir
    Path dir;

    /** A configuration reading {@code marketData}, its state under {@code dir/state}; providers that are not there. */
    private Path config(Path marketData) throws IOException {
        String closed = OllamaTestServer.closedPortUrl();
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, "watchlist: [AAPL, MSFT]\n"
                + "data_dir: \"" + dir.resolve("state") + "\"\n"
                + "prompts_dir: \"" + ProjectPaths.root().resolve("prompts") + "\"\n"
                + "memory: {recall_k: 0}\n"
                + "market:\n  data_dir: \"" + marketData + "\"\n"
                + "  sync:\n    max_attempts: 1\n"
                + "    stooq: {base_url: \"" + closed + "\", min_interval_millis: 0}\n"
                + "    fred: {base_url: \"" + closed + "\", min_interval_millis: 0}\n");
        return file;
    }

    private static void assertRefusedInOneLine(CliRun run, String... words) {
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "no stack trace: " + run.err());
        for (String word : words) {
            assertTrue(run.err().contains(word), word + " in: " + run.err());
        }
    }

    @Test
    void should_refuse_a_ticker_that_is_not_one_in_one_line_whatever_the_command() throws IOException {
        Path market = dir.resolve("market");
        String config = config(market).toString();
        String rule = "is not a ticker: an upper-case letter, then at most 14 upper-case letters, digits, '.', '^' or '-'";
        Map<String, CliRun> runs = new TreeMap<>();
        runs.put("run", CliRun.of("run", "--config", config, "--tickers", "AAPL;MSFT"));
        runs.put("run lower case", CliRun.of("run", "--config", config, "--tickers", "nvda,aapl;msft"));
        runs.put("agents", CliRun.of("agents", "--ticker", "AAPL;MSFT", "--date", "2024-06-03", "--data", SAMPLE.toString()));
        runs.put("recall", CliRun.of("recall", "--config", config, "--ticker", "AAPL;MSFT", "--date", "2024-06-03"));
        runs.put("backtest", CliRun.of("backtest", "--data", SAMPLE.toString(), "--tickers", "AAPL;MSFT", "--from", "2024-06-03",
                "--to", "2024-06-14", "--db", dir.resolve("state/bt.db").toString()));
        runs.put("data sync", CliRun.of("data", "sync", "--config", config, "--tickers", "AAPL;MSFT"));
        runs.forEach((command, run) -> assertRefusedInOneLine(run, "'AAPL;MSFT' " + rule, "Invalid value for option '--ticker"));

        // An empty value is no ticker either (the audit's `recall --ticker ''`: a stack trace, exit 1).
        assertRefusedInOneLine(CliRun.of("run", "--config", config, "--tickers", ""), "'' " + rule);
        assertRefusedInOneLine(CliRun.of("recall", "--config", config, "--ticker", " ", "--date", "2024-06-03"), "'' " + rule);

        assertFalse(Files.exists(dir.resolve("state")), "nothing decided, nothing stored");
        assertFalse(Files.exists(market), "nothing synced");
    }

    @Test
    void should_refuse_an_unknown_ticker_in_recall_with_the_line_and_exit_code_of_agents() throws IOException {
        String config = config(SAMPLE).toString();

        CliRun agents = CliRun.of("agents", "--ticker", "ZZZZ", "--date", "2024-06-03", "--data", SAMPLE.toString());
        // recall_k is 0 in this configuration: a mistyped ticker is refused all the same, not answered "turned off".
        CliRun recall = CliRun.of("recall", "--config", config, "--ticker", "zzzz", "--date", "2024-06-03");

        assertRefusedInOneLine(agents, "quorum agents: unknown ticker 'ZZZZ': no ");
        assertRefusedInOneLine(recall, "quorum recall: unknown ticker 'ZZZZ': no ", "(known tickers: ");
        assertEquals(agents.errorLine().substring("quorum agents: ".length()), recall.errorLine().substring("quorum recall: ".length()));
        assertEquals("", recall.out());
        assertFalse(Files.exists(dir.resolve("state")), "nothing opened");
    }

    @Test
    void should_refuse_run_on_a_day_that_is_no_session_before_deciding_or_storing_anything() throws IOException {
        String config = config(SAMPLE).toString();
        for (String day : List.of("2024-12-28", "2024-12-25")) { // a Saturday, Christmas
            CliRun run = CliRun.of("run", "--config", config, "--date", day, "--tickers", "AAPL,MSFT");

            assertRefusedInOneLine(run, "quorum run: " + day + " is not a session of the market data in " + SAMPLE
                    + " (its sessions run from ", " to 2024-12-31; weekends and exchange holidays are not sessions)");
            assertEquals("", run.out(), "no table of FAILED rows");
        }
        assertFalse(Files.exists(dir.resolve("state")), "no database opened");
    }

    @Test
    void should_refuse_to_sync_into_the_shipped_sample_and_leave_it_as_it_is() throws IOException {
        Map<Path, Long> before = sizes(SAMPLE);

        CliRun sync = CliRun.of("data", "sync", "--config", config(SAMPLE).toString());

        assertRefusedInOneLine(sync, "quorum data sync: configuration key 'market.data_dir': is the shipped sample",
                "set market.data_dir or QUORUM_MARKET_DATA_DIR to one");
        assertEquals("", sync.out(), "no 'Syncing ...' line: nothing was asked of a provider");
        assertEquals(before, sizes(SAMPLE));

        Path syncing = dir.resolve("syncing.yaml");
        Files.writeString(syncing, Files.readString(config(SAMPLE)).replace("    max_attempts: 1\n",
                "    max_attempts: 1\n    before_cycle: true\n"));
        CliRun serve = CliRun.of("serve", "--config", syncing.toString());
        assertRefusedInOneLine(serve, "quorum serve: configuration key 'market.data_dir': is the shipped sample");
        assertFalse(Files.exists(dir.resolve("state")), "refused before the runtime opened");
        assertEquals(before, sizes(SAMPLE));
    }

    private static Map<Path, Long> sizes(Path root) throws IOException {
        Map<Path, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sizes.put(root.relativize(file), Files.size(file));
            }
        }
        return sizes;
    }
}
