package dev.quorum.orchestrator.trade;

import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quorum trade} as systemd and a terminal stop it: a child JVM, SIGTERM or SIGINT, then exit 0 with the book's
 * summary on stdout, as {@code trade --help} says. (A shutdown hook that only counted down let the JVM halt with 143
 * before the summary.)
 */
class TradeStopTest {

    private static final RedisServer redis = new RedisServer();

    @BeforeAll
    static void up() {
        redis.start();
    }

    @AfterAll
    static void down() {
        redis.close();
    }

    @Test
    void should_stop_on_sigterm_and_on_ctrl_c_with_the_book_s_summary_and_exit_0(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("trader.yaml"), "stream: {redis_url: \"" + redis.url() + "\"}\n"
                + "market_data_dir: \"" + QuorumRig.sampleMarket() + "\"\n"
                + "state_path: \"" + dir.resolve("trader.db") + "\"\n");
        for (String signal : java.util.List.of("TERM", "INT")) {
            try (ServedQuorum trader = ServedQuorum.start(dir.resolve(signal), Map.of(), "trade", "--config", yaml.toString())) {
                trader.awaitLog(Pattern.compile("trading \\S+ from "));
                if (signal.equals("TERM")) {
                    trader.terminate();
                } else {
                    trader.interrupt();
                }
                assertEquals(0, trader.awaitExit(Duration.ofMinutes(1)), signal + ": " + trader.stderr());
                assertTrue(trader.stdout().startsWith("broker simulated  equity 100000.00  gross exposure 0.00\n"), signal + ": " + trader.stdout());
            }
        }
    }
}
