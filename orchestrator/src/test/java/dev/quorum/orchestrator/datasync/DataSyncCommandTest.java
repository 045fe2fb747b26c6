package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.orchestrator.cli.QuorumCli;
import dev.quorum.testkit.MarketDataTestServer;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quorum data sync} end to end: into an empty directory from local providers, then a cycle decides from it. */
class DataSyncCommandTest {

    private static final RedisServer redis = new RedisServer();
    private static MarketDataTestServer providers;

    @TempDir
    Path dir;

    @BeforeAll
    static void up() {
        redis.start();
        providers = SyncFixture.sampleMarket();
    }

    @AfterAll
    static void down() {
        providers.close();
        redis.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run quorum(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = QuorumCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path config(String prices, String extra) throws IOException {
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, "data_dir: " + dir.resolve("state") + "\n"
                + "memory:\n  recall_k: 0\n"
                + "redis:\n  url: " + redis.url() + "\n"
                + "market:\n  data_dir: " + dir.resolve("market") + "\n"
                + "  sync:\n    prices: " + prices + "\n    start_date: \"2023-01-03\"\n    backoff_initial_millis: 1\n"
                + "    stooq: {base_url: \"" + providers.baseUrl() + "\", min_interval_millis: 0}\n"
                + "    alpaca: {base_url: \"" + providers.baseUrl() + "\", min_interval_millis: 0}\n"
                + "    fred: {base_url: \"" + providers.baseUrl() + "\", min_interval_millis: 0}\n" + extra);
        return file;
    }

    @Test
    void should_sync_an_empty_directory_then_decide_from_it_and_add_nothing_the_second_time() throws IOException {
        Path config = config("stooq", "");

        Run sync = quorum("data", "sync", "--config", config.toString(), "--tickers", "AAPL,NVDA");
        assertEquals(0, sync.exitCode(), sync.out() + sync.err());
        assertTrue(sync.out().contains("prices/AAPL.csv: +502 row(s), last 2024-12-31 (stooq)"), sync.out());
        assertTrue(sync.out().contains("macro/vix-daily.csv: +516 row(s), last 2024-12-31"), sync.out());
        assertTrue(sync.out().contains("Synced 7 file(s): "), sync.out());
        assertEquals(LocalDate.of(2024, 12, 31), CsvMarketData.open(dir.resolve("market")).calendar().sessions().get(501));

        Run run = quorum("run", "--config", config.toString(), "--date", "2024-12-31", "--tickers", "AAPL,NVDA");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Trade date 2024-12-31, 2 ticker(s) decided"), run.out());

        Run again = quorum("data", "sync", "--config", config.toString(), "--tickers", "AAPL,NVDA");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("Synced 7 file(s): 0 row(s) added, 0 not current."), again.out());
    }

    @Test
    void should_decide_a_ticker_left_behind_degraded_and_refuse_it_past_the_staleness_limit() throws IOException {
        Path config = config("stooq", "");
        assertEquals(0, quorum("data", "sync", "--config", config.toString(), "--tickers", "AAPL").exitCode());
        // AAPL's provider failed for the last session: its file ends on 12-30 while SPY has 12-31.
        Path aapl = dir.resolve("market/prices/AAPL.csv");
        Files.writeString(aapl, Files.readString(aapl).replaceAll("(?m)^2024-12-31,.*\\n", ""));

        Run degraded = quorum("run", "--config", config.toString(), "--date", "2024-12-31", "--tickers", "AAPL");
        assertEquals(0, degraded.exitCode(), degraded.out() + degraded.err());
        assertTrue(degraded.out().contains("market data 1 session(s) behind: last bar 2024-12-30"), degraded.out());

        Path strict = config("stooq", "decisions: {redecide: true}\n");
        Files.writeString(strict, Files.readString(strict).replace("    start_date:", "    max_stale_sessions: 0\n    start_date:"));
        Run refused = quorum("run", "--config", strict.toString(), "--date", "2024-12-31", "--tickers", "AAPL");
        assertEquals(1, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.out().contains("more than market.sync.max_stale_sessions = 0"), refused.out());
    }

    @Test
    void should_exit_2_with_one_line_when_alpaca_refuses_the_key() throws IOException {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "QUORUM_MARKET_SYNC_ALPACA_KEY_ID=revoked\nQUORUM_MARKET_SYNC_ALPACA_SECRET_KEY=revoked\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path config = config("alpaca", "credentials_file: " + credentials + "\n");

        Run sync = quorum("data", "sync", "--config", config.toString(), "--tickers", "AAPL");

        assertEquals(2, sync.exitCode(), sync.out() + sync.err());
        assertTrue(sync.err().startsWith("quorum data sync: alpaca refused the request with HTTP 401"), sync.err());
        assertEquals(1, sync.err().strip().lines().count(), sync.err());
        assertFalse(sync.err().contains("revoked"), "the key is not echoed");
    }

    @Test
    void should_refuse_a_from_date_after_the_last_completed_session_in_one_line_and_ask_no_provider() throws IOException {
        Path config = config("stooq", "");
        int requests = providers.requests().size();
        LocalDate lastSession = MarketDataSync.lastCompletedSession(Clock.systemUTC());

        Run sync = quorum("data", "sync", "--config", config.toString(), "--tickers", "AAPL", "--from", "2099-01-02");

        assertEquals(2, sync.exitCode(), sync.out() + sync.err());
        assertEquals("quorum data sync: --from 2099-01-02 is after the last completed session " + lastSession
                + ": a new file has nothing to start from (see quorum data sync --help)", sync.err().strip());
        assertEquals(requests, providers.requests().size(), "no provider asked");
        assertFalse(Files.exists(dir.resolve("market")), "nothing written");
    }
}
