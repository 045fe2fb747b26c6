package dev.quorum.trader.cli;

import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.redis.ArenaKeys;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.testkit.RedisServer;
import dev.quorum.trader.Decisions;
import dev.quorum.trader.FeedbackReceiver;
import dev.quorum.trader.Market;
import dev.quorum.trader.MetricsServer;
import dev.quorum.trader.TraderStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trade --once} and {@code trade status} as an operator runs them, on a real redis-server. */
class TradeCommandTest {

    private static final RedisServer redis = new RedisServer();

    @BeforeAll
    static void up() {
        redis.start();
    }

    @AfterAll
    static void down() {
        redis.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        TradeCommand command = new TradeCommand();
        command.environment = env;
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A trader file on the test's Redis and {@link Market}'s prices, holding for three sessions. */
    private static Path config(Path dir, String stream, boolean fromStart, FeedbackReceiver quorum, String extra) throws Exception {
        return Files.writeString(dir.resolve("trader.yaml"), "stream: {redis_url: \"" + redis.url() + "\", name: \"" + stream
                + "\", from_start: " + fromStart + "}\n"
                + "market_data_dir: \"" + Market.write(dir.resolve("market")) + "\"\n"
                + "state_path: \"" + dir.resolve("trader.db") + "\"\n"
                + "policy: {holding_sessions: 3}\n"
                + "feedback: {quorum_url: \"" + quorum.url() + "\"}\n"
                + extra);
    }

    @Test
    void should_consume_the_stream_once_trade_and_report_the_book(@TempDir Path dir) throws Exception {
        String stream = "trade-test:" + dir.getFileName();
        try (UnifiedJedis jedis = RedisConnections.open(RedisUrl.parse(redis.url()));
             FeedbackReceiver quorum = new FeedbackReceiver()) {
            for (var envelope : List.of(
                    Decisions.envelope(Decisions.id("buy-1"), "ACME", "2024-01-02", Verdict.BUY, 0.8, Map.of()),
                    Decisions.envelope(Decisions.id("sample"), "ACME", "2024-01-02", Verdict.BUY, 0.9, Map.of("sample", true)),
                    Decisions.envelope(Decisions.id("buy-1"), "ACME", "2024-01-02", Verdict.BUY, 0.8, Map.of()))) {
                jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of(ArenaKeys.DATA_FIELD, EnvelopeJson.encode(envelope)));
            }
            Path config = config(dir, stream, true, quorum, "broker: {cost_bps: 10}\n");
            Map<String, String> env = Map.of("QUORUM_HTTP_TOKEN", "trade-command-token-0123");

            Run trade = run(env, "--config", config.toString(), "--once");
            assertEquals(0, trade.exit(), trade.err());
            // 80 ACME @ 101 -> 107: net 463.36 after 8.08 + 8.56 of costs (see SimulatedBookTest).
            assertTrue(trade.out().contains("realised P&L +463.36 (net of 16.64 costs)  unrealised P&L +0.00"), trade.out());
            assertTrue(trade.out().contains("positions open 0  closed 1  orders rejected 0  decisions 1"), trade.out());
            assertTrue(trade.out().contains("feedback delivered 1  pending 0  refused 0"), trade.out());
            assertEquals(1, quorum.deliveries().size());
            assertEquals("Bearer trade-command-token-0123", quorum.deliveries().get(0).authorization());
            assertEquals(0, jedis.xpending(stream, "quorum-trader").getTotal(), "every entry acknowledged");

            Run status = run(env, "status", "--config", config.toString());
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().startsWith("broker simulated  equity 100463.36  gross exposure 0.00"), status.out());
        }
    }

    @Test
    void should_keep_trading_new_decisions_until_stopped(@TempDir Path dir) throws Exception {
        String stream = "trade-live:" + dir.getFileName();
        try (UnifiedJedis jedis = RedisConnections.open(RedisUrl.parse(redis.url()));
             FeedbackReceiver quorum = new FeedbackReceiver()) {
            Path config = config(dir, stream, false, quorum, "sweep_seconds: 1\n");
            TradeCommand command = new TradeCommand();
            command.environment = Map.of();
            CommandLine cli = new CommandLine(command);
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            // The group as the trader creates it (at the stream's end), made first so the decision below, published
            // while the trader runs, is new to it whenever the trader's thread gets going.
            dev.quorum.envelope.consume.ConsumerGroups.ensure(jedis, stream, "quorum-trader", StreamEntryID.XGROUP_LAST_ENTRY);
            int[] exit = {-1};
            Thread trading = new Thread(() -> exit[0] = cli.execute("--config", config.toString()));
            trading.start();
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of(ArenaKeys.DATA_FIELD, EnvelopeJson.encode(
                    Decisions.envelope(Decisions.id("live-1"), "ACME", "2024-01-02", Verdict.BUY, 0.8, Map.of()))));
            quorum.awaitDeliveries(1, java.time.Duration.ofSeconds(60));
            command.stop.countDown();
            trading.join(30_000);
            assertEquals(0, exit[0]);
            assertTrue(out.toString().contains("positions open 0  closed 1"), out.toString());
        }
    }

    @Test
    void should_stop_on_a_yaml_syntax_error_with_one_line_naming_the_file_line_and_column(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("trader.yaml"), "policy:\n\tmin_confidence: 0.5\n");
        Run run = run(Map.of(), "--config", config.toString(), "--once");
        assertEquals(2, run.exit());
        assertEquals("quorum trade: " + config + " line 2, column 1: a tab character, which YAML does not allow in indentation"
                + " (indent with spaces)\n", run.err());
    }

    @Test
    void should_stop_on_a_bad_configuration_with_one_line_naming_the_key(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("trader.yaml"), "policy: {max_gross_exposure: -1}\n");
        Run run = run(Map.of(), "--config", config.toString(), "--once");
        assertEquals(2, run.exit());
        assertEquals("quorum trade: " + config + ": policy.max_gross_exposure: must be in [0.0, 4.0], was -1.0\n", run.err());
        Path noPrices = Files.writeString(dir.resolve("no-prices.yaml"), "market_data_dir: \"" + dir.resolve("nowhere") + "\"\n");
        Run withoutData = run(Map.of(), "--config", noPrices.toString(), "--once");
        assertEquals(2, withoutData.exit());
        assertEquals("quorum trade: market_data_dir: " + dir.resolve("nowhere") + " has no prices/ directory (Quorum's market.data_dir "
                + "layout: prices/<TICKER>.csv)\n", withoutData.err());

        Path noRedis = Files.writeString(dir.resolve("no-redis.yaml"), "market_data_dir: \"" + Market.write(dir.resolve("m")) + "\"\n"
                + "state_path: \"" + dir.resolve("t.db") + "\"\n"
                + "stream: {redis_url: \"redis://127.0.0.1:1/0\"}\n");
        Run noState = run(Map.of(), "status", "--config", noRedis.toString());
        assertEquals(2, noState.exit());
        assertEquals("quorum trade status: state_path: " + dir.resolve("t.db") + " does not exist yet: the trader has not run with this "
                + "configuration\n", noState.err());

        Run badUrl = run(Map.of("QUORUM_TRADER_REDIS_URL", "redis://:s3cret@127.0.0.1:6379/x"), "--config", noRedis.toString(), "--once");
        assertEquals(2, badUrl.exit());
        assertEquals("quorum trade: QUORUM_TRADER_REDIS_URL: invalid Redis URL redis://***@127.0.0.1:6379/x: the path must be a "
                + "database number, e.g. /0; expected redis://[user:password@]host:port/db, redis-sentinel://[user:password@]"
                + "host:26379,host:26379/master-name[/db] or redis-cluster://[user:password@]host:port,host:port (rediss... for TLS)\n",
                badUrl.err());

        Run down = run(Map.of(), "--config", noRedis.toString(), "--once");
        assertEquals(2, down.exit());
        assertTrue(down.err().startsWith("quorum trade: cannot reach redis://127.0.0.1:1/0: "), down.err());
        assertEquals(1, down.err().lines().count(), down.err());

        Run missing = run(Map.of());
        assertEquals(2, missing.exit());
        assertEquals("quorum trade: --config FILE is required (see config/trader.example.yaml)\n", missing.err());
        Run statusMissing = run(Map.of(), "status");
        assertEquals(2, statusMissing.exit());
        assertEquals("quorum trade status: --config FILE is required (see config/trader.example.yaml)\n", statusMissing.err());
    }

    @Test
    void should_exit_3_in_one_line_on_a_state_file_that_is_not_a_database_and_leave_it_as_it_is(@TempDir Path dir) throws Exception {
        try (FeedbackReceiver quorum = new FeedbackReceiver()) {
            Path config = config(dir, "trade-corrupt:" + dir.getFileName(), true, quorum, "");
            Path state = Files.writeString(dir.resolve("trader.db"), "not a database\n");

            Run trade = run(Map.of(), "--config", config.toString(), "--once");
            Run status = run(Map.of(), "status", "--config", config.toString());

            // 3 as every quorum command exits on a database it cannot use; 2 stays for what the operator mistyped.
            assertEquals(3, trade.exit(), trade.err());
            assertTrue(trade.err().startsWith("quorum trade: cannot open the trader's state " + state + ": "), trade.err());
            assertEquals(1, trade.err().lines().count(), trade.err());
            assertEquals(3, status.exit(), status.err());
            assertTrue(status.err().startsWith("quorum trade status: cannot open the trader's state " + state + ": "), status.err());
            assertEquals(1, status.err().lines().count(), status.err());
            assertEquals("not a database\n", Files.readString(state));
        }
    }

    @Test
    void should_end_once_naming_a_decision_it_cannot_handle_and_leave_it_pending(@TempDir Path dir) throws Exception {
        String stream = "trade-poison:" + dir.getFileName();
        try (UnifiedJedis jedis = RedisConnections.open(RedisUrl.parse(redis.url()));
             FeedbackReceiver quorum = new FeedbackReceiver()) {
            Path config = config(dir, stream, true, quorum, "");
            Path bad = Files.writeString(dir.resolve("market/prices/BAD.csv"), "date,open,high,low,close\n2024-01-02,10,10,10,10\n"
                    + "2024-01-03,ten,10,10,10\n");
            StreamEntryID entry = jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of(ArenaKeys.DATA_FIELD, EnvelopeJson.encode(
                    Decisions.envelope(Decisions.id("bad-1"), "BAD", "2024-01-02", Verdict.BUY, 0.8, Map.of()))));
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of(ArenaKeys.DATA_FIELD, EnvelopeJson.encode(
                    Decisions.envelope(Decisions.id("buy-1"), "ACME", "2024-01-02", Verdict.BUY, 0.8, Map.of()))));

            // A guard, not a timing: before, --once waited for ever on the entry that fails again at every reclaim.
            Run trade = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2),
                    () -> run(Map.of(), "--config", config.toString(), "--once"));

            assertEquals(1, trade.exit(), trade.err());
            assertEquals("quorum trade: left pending, not handled: entry " + entry + " (" + Decisions.id("bad-1") + " BAD 2024-01-02: "
                    + bad + " line 3: not a price row: 2024-01-03,ten,10,10,10)\n", trade.err());
            assertTrue(trade.out().contains("positions open 0  closed 1  orders rejected 0  decisions 1"), trade.out());
            assertEquals(1, jedis.xpending(stream, "quorum-trader").getTotal(), "the decision not handled is kept for the next run");
        }
    }

    @Test
    void should_exit_3_in_one_line_naming_the_row_of_a_price_file_that_cannot_be_used(@TempDir Path dir) throws Exception {
        String stream = "trade-bad-prices:" + dir.getFileName();
        try (UnifiedJedis jedis = RedisConnections.open(RedisUrl.parse(redis.url()));
             FeedbackReceiver quorum = new FeedbackReceiver()) {
            Path config = config(dir, stream, true, quorum, "");
            // ACME up to the decision's day only: the entry order stays working.
            Path acme = Files.writeString(dir.resolve("market/prices/ACME.csv"), "date,open,high,low,close\n2024-01-02,99,100,99,100\n");
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of(ArenaKeys.DATA_FIELD, EnvelopeJson.encode(
                    Decisions.envelope(Decisions.id("buy-1"), "ACME", "2024-01-02", Verdict.BUY, 0.8, Map.of()))));
            assertEquals(0, run(Map.of(), "--config", config.toString(), "--once").exit());
            Files.writeString(acme, "2024-01-03,abc,102,101,102\n", java.nio.file.StandardOpenOption.APPEND);

            Run status = run(Map.of(), "status", "--config", config.toString());
            Run trade = run(Map.of(), "--config", config.toString(), "--once");

            String why = acme + " line 3: not a price row: 2024-01-03,abc,102,101,102\n";
            assertEquals(3, status.exit(), status.err());
            assertEquals("quorum trade status: " + why, status.err());
            assertEquals(3, trade.exit(), trade.err());
            assertEquals("quorum trade: " + why, trade.err());
        }
    }

    @Test
    void should_serve_the_status_as_prometheus_text() throws Exception {
        TraderStatus status = new TraderStatus("simulated", 100_463.36, 2, 5985.0, 463.36, -399.0, 16.64, 16.64, 1, 3, 4, 0, 0, 0, 1, 0, 0, List.of());
        try (MetricsServer metrics = new MetricsServer(0, () -> status)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            assertTrue(response.body().contains("\nquorum_trader_orders_rejected_total 3.0\n"), response.body());
            assertTrue(response.body().contains("\nquorum_trader_open_positions 2.0\n"), response.body());
            assertTrue(response.body().contains("\nquorum_trader_gross_exposure_dollars 5985.0\n"), response.body());
        }
    }
}
