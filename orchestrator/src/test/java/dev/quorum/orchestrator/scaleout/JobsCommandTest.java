package dev.quorum.orchestrator.scaleout;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.cli.QuorumCli;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.LocalServerProcess;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quorum jobs enqueue|status} against a real redis-server, and the operator's mistakes. */
class JobsCommandTest {

    private final RedisServer redis = new RedisServer();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        redis.close();
    }

    private int quorum(String... args) {
        return QuorumCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void should_enqueue_a_range_of_sessions_and_leave_out_nothing_twice() throws Exception {
        redis.start();
        Path config = ServedQuorum.writeConfig(dir, redis.url(), "");
        List<LocalDate> sessions = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 3);

        assertEquals(0, quorum("jobs", "enqueue", "--config", config.toString(), "--from", sessions.get(0).toString(),
                "--to", sessions.get(2).toString()), err.toString());
        assertTrue(out.toString().contains("9 job(s) enqueued on quorum:{quorum}:jobs"), out.toString());

        assertEquals(0, quorum("jobs", "status", "--config", config.toString()), err.toString());
        assertTrue(out.toString().contains("9 job(s), 0 pending (taken, not acknowledged), 9 not yet delivered"), out.toString());
    }

    @Test
    void should_refuse_a_day_without_a_session_and_mixed_options_with_exit_2() throws Exception {
        redis.start();
        Path config = ServedQuorum.writeConfig(dir, redis.url(), "");
        assertEquals(2, quorum("jobs", "enqueue", "--config", config.toString(), "--date", "2024-06-01"));
        assertTrue(err.toString().contains("2024-06-01 is not a session"), err.toString());
        assertEquals(2, quorum("jobs", "enqueue", "--config", config.toString(), "--date", "2024-06-03", "--from", "2024-06-03"));
        assertTrue(err.toString().contains("give --date, or both --from and --to"), err.toString());
    }

    @Test
    void should_refuse_a_watchlist_ticker_without_prices_in_one_line_and_enqueue_nothing() throws Exception {
        redis.start();
        Path config = ServedQuorum.writeConfig(dir, redis.url(), "");
        Files.writeString(config, Files.readString(config).replace("watchlist: [AAPL, MSFT, NVDA]", "watchlist: [AAPL, ZZZZ]"));

        assertEquals(2, quorum("jobs", "enqueue", "--config", config.toString(), "--date", "2024-12-31"));

        assertEquals("quorum jobs enqueue: no price data for ZZZZ: expected prices/ZZZZ.csv under "
                + ProjectPaths.root().resolve("samples/market") + ": nothing enqueued", err.toString().strip());
        assertEquals(0, quorum("jobs", "status", "--config", config.toString()), err.toString());
        assertTrue(out.toString().contains(": 0 job(s), "), out.toString());
    }

    @Test
    void should_say_which_days_of_a_range_lie_after_the_market_data() throws Exception {
        redis.start();
        Path config = ServedQuorum.writeConfig(dir, redis.url(), "");

        assertEquals(0, quorum("jobs", "enqueue", "--config", config.toString(), "--from", "2024-12-31", "--to", "2025-03-01"),
                err.toString());

        assertEquals(List.of("no market data after 2024-12-31 in " + ProjectPaths.root().resolve("samples/market")
                        + ": 2025-01-01..2025-03-01 left out (run bin/quorum data sync)",
                "2024-12-31: 3 job(s) enqueued, 0 already published", "3 job(s) enqueued on quorum:{quorum}:jobs"),
                out.toString().lines().toList());
    }

    @Test
    void should_show_the_newest_dead_letters_with_their_reason() throws Exception {
        redis.start();
        Path config = ServedQuorum.writeConfig(dir, redis.url(), "");
        try (UnifiedJedis jedis = RedisConnections.open(RedisUrl.parse(redis.url()))) {
            for (int i = 1; i <= 7; i++) {
                jedis.xadd("quorum:{quorum}:jobs:dead", new StreamEntryID(i, 0), Map.of("ticker", "AAPL", "trade_date",
                        "2024-12-0" + i, "job_id", "1-" + i, "worker", "w1", "reason", "reason " + i));
            }
        }

        assertEquals(0, quorum("jobs", "status", "--config", config.toString()), err.toString());

        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).endsWith(", 7 dead letter(s)"), lines.get(0));
        assertEquals(List.of("  dead letter 7-0: AAPL 2024-12-07 (worker w1): reason 7",
                "  dead letter 6-0: AAPL 2024-12-06 (worker w1): reason 6", "  dead letter 5-0: AAPL 2024-12-05 (worker w1): reason 5",
                "  dead letter 4-0: AAPL 2024-12-04 (worker w1): reason 4", "  dead letter 3-0: AAPL 2024-12-03 (worker w1): reason 3"),
                lines.subList(1, lines.size()));
    }

    @Test
    void should_say_in_one_line_that_redis_is_not_answering() throws Exception {
        String url = "redis://127.0.0.1:" + LocalServerProcess.freePort() + "/0";
        Path config = ServedQuorum.writeConfig(dir, url, "");
        assertEquals(2, quorum("jobs", "status", "--config", config.toString()));
        assertTrue(err.toString().startsWith("quorum jobs status: cannot reach Redis at " + url), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line, no stack trace: " + err);
    }
}
