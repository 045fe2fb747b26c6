package dev.quorum.orchestrator.reliability.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.XAddParams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another publisher on the shared stream writes entries meant for the operator's terminal: a ticker that clears
 * the screen and forges a line, a correlation id and trade date carrying an escape sequence and a line break.
 * {@code quorum tail} runs as a child JVM (its real logging) and must print nothing a terminal would obey.
 */
class ForgedStreamEntryTest {

    private static final String STREAM = "test:forged";
    private static final String CLEAR_AND_FORGE = "\u001b[2J\u001b[H\r2099-01-01T00:00:00Z AAPL 2099-01-01 SELL 1.0 -1.0 forged\n";

    private final RedisServer redis = new RedisServer();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        redis.close();
    }

    private ObjectNode envelope(String ticker) throws Exception {
        return (ObjectNode) json.readTree(EnvelopeJson.encode(EnvelopeBuilder.forTarget(Target.equity(ticker, "2024-05-31"))
                .synthesis(Verdict.BUY, 0.6, 0.3, "fine")
                .agentSignal("technical", "trend-momentum", Direction.BULLISH, 0.7, "up", List.of("sma_50"))
                .modelUsed("rules")
                .build()));
    }

    @Test
    void should_skip_a_forged_ticker_and_print_every_other_stream_text_escaped() throws Exception {
        redis.start();
        ObjectNode forgedTicker = envelope("NVDA");
        ((ObjectNode) forgedTicker.path("decision").path("target")).put("ticker", "NVDA" + CLEAR_AND_FORGE);
        ObjectNode forgedText = envelope("MSFT");
        forgedText.put("correlation_id", "abc" + CLEAR_AND_FORGE);
        ((ObjectNode) forgedText.path("decision").path("target")).put("trade_date", "2024-05-31\u001b]0;pwned\u0007");
        ObjectNode honest = envelope("AAPL");
        try (RedisClient client = RedisClient.create(redis.host(), redis.port())) {
            for (ObjectNode entry : List.of(forgedTicker, forgedText, honest)) {
                client.xadd(STREAM, XAddParams.xAddParams(), Map.of("data", entry.toString()));
            }
        }

        ServedQuorum tail = ServedQuorum.start(dir, Map.of(), "tail", "--redis", redis.url(), "--stream", STREAM,
                "--from-start", "--count", "2");
        assertEquals(0, tail.awaitExit(Duration.ofSeconds(60)), tail.stderr());

        List<String> lines = tail.stdout().lines().toList();
        assertEquals(2, lines.size(), "the forged ticker is skipped, the others one line each:\n" + tail.stdout());
        assertTrue(lines.get(0).startsWith("20") && lines.get(0).contains(" MSFT 2024-05-31\\u001b]0;pwned\\u0007 BUY "), lines.get(0));
        assertTrue(lines.get(0).endsWith(" abc\\u001b[2J\\u001b[H\\u000d2099-01-01T00:00:00Z AAPL 2099-01-01 SELL 1.0 -1.0 forged\\u000a"),
                lines.get(0));
        assertTrue(lines.get(1).contains(" AAPL 2024-05-31 BUY "), lines.get(1));
        assertPrintable("stdout", tail.stdout());
        assertPrintable("stderr (log and summary)", tail.stderr());
        assertTrue(tail.stderr().contains("decision.target.ticker is not a ticker"), tail.stderr());
        assertTrue(tail.stderr().contains("INVALID_TICKER=1"), "counted under its own reason: " + tail.stderr());
        assertFalse(tail.stderr().contains("SELL 1.0 -1.0 forged\n"), tail.stderr());
    }

    /** Nothing a terminal would act on: no C0/C1 control but the line feeds that end lines. */
    private static void assertPrintable(String what, String text) {
        for (String line : text.split("\n", -1)) {
            for (char c : line.toCharArray()) {
                assertFalse(c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f,
                        what + " carries control character U+" + String.format("%04X", (int) c) + ": " + line);
            }
        }
    }
}
