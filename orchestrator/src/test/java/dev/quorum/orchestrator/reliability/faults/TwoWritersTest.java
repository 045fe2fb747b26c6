package dev.quorum.orchestrator.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.orchestrator.reliability.ServedQuorum.Reply;
import dev.quorum.orchestrator.reliability.StoredRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The careless operator: {@code bin/quorum feedback} (or a second {@code run}) on the data directory a running
 * {@code serve} writes. Both are real child JVMs on one SQLite file. The second writer must never write: with the
 * service's API on, feedback goes through it (learned once, by the one writer); with the API off, one line names
 * the process holding the directory and the way round.
 */
class TwoWritersTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void should_send_the_second_processes_feedback_through_the_running_service() throws Exception {
        Path state = dir.resolve("state");
        Path config = ServedQuorum.writeConfig(state, null, "");
        try (ServedQuorum serve = ServedQuorum.start(dir.resolve("logs"), Map.of(), "serve", "--config", config.toString())) {
            var api = serve.awaitApi();
            Optional<String> token = Optional.of(Files.readString(state.resolve("api-token")).strip());
            assertEquals(200, serve.send(api, "POST", "/api/scan", token, null).status());
            JsonNode decision = json.readTree(serve.send(api, "GET", "/api/decisions", Optional.empty(), null).body()).get(0);
            Path payload = payloadFor(decision);

            ServedQuorum feedback = ServedQuorum.start(dir.resolve("logs"), Map.of(), "feedback", "--config", config.toString(),
                    "--file", payload.toString());
            assertEquals(0, feedback.awaitExit(Duration.ofSeconds(60)), feedback.stderr());
            assertTrue(feedback.stderr().contains("sending through its API at " + api), feedback.stderr());
            assertTrue(feedback.stdout().contains("Recorded feedback for " + decision.get("correlation_id").asText()
                    + " (" + decision.get("ticker").asText()), feedback.stdout());

            JsonNode learning = json.readTree(serve.send(api, "GET", "/api/learning/status", Optional.empty(), null).body());
            assertEquals(1, learning.get("total_steps").asInt(), "the service learned the outcome once: " + learning);
            // The same outcome again, explicitly through the API: the one writer refuses the duplicate.
            ServedQuorum again = ServedQuorum.start(dir.resolve("logs"), Map.of(), "feedback", "--config", config.toString(),
                    "--via-api", api.toString(), "--file", payload.toString());
            assertEquals(1, again.awaitExit(Duration.ofSeconds(60)), again.stderr());
            assertTrue(again.stderr().startsWith("quorum feedback: "), again.stderr());
            serve.terminate();
            assertEquals(0, serve.awaitExit(Duration.ofSeconds(60)), serve.stderr());
        }
        assertEquals(List.of("1"), StoredRows.column(state.resolve("quorum.db"), "SELECT step FROM metalearner_training_log"),
                "one training step, numbered by the one writer");
    }

    @Test
    void should_refuse_a_second_writer_in_one_line_naming_the_holder_when_the_api_is_off() throws Exception {
        Path state = dir.resolve("state");
        Path config = ServedQuorum.writeConfig(state, null, "");
        Files.writeString(config, Files.readString(config).replace("http: {port: 0}", "http: {enabled: false, port: 0}"));
        try (ServedQuorum serve = ServedQuorum.start(dir.resolve("logs"), Map.of(), "serve", "--config", config.toString())) {
            serve.awaitLog(Pattern.compile("serving; SIGTERM stops cleanly"));
            long pid = Long.parseLong(Files.readString(state.resolve("quorum.db.lock")).lines()
                    .filter(l -> l.startsWith("pid=")).findFirst().orElseThrow().substring(4));
            Map<String, List<String>> before = StoredRows.of(state.resolve("quorum.db"));

            Path payload = dir.resolve("payload.json");
            Files.writeString(payload, "{\"decision_id\": \"0123456789abcdef0123456789abcdef\", \"symbol\": \"AAPL\", "
                    + "\"entry_price\": 100.0, \"exit_price\": 101.0, \"actual_profit\": 10.0, \"hold_duration\": 5}");
            ServedQuorum feedback = ServedQuorum.start(dir.resolve("logs"), Map.of(), "feedback", "--config", config.toString(),
                    "--file", payload.toString());
            assertEquals(2, feedback.awaitExit(Duration.ofSeconds(60)), feedback.stderr());
            assertOneLineNaming(feedback.stderr(), pid, "quorum serve");

            ServedQuorum run = ServedQuorum.start(dir.resolve("logs"), Map.of(), "run", "--config", config.toString());
            assertEquals(2, run.awaitExit(Duration.ofSeconds(60)), run.stderr());
            assertOneLineNaming(run.stderr(), pid, "quorum serve");

            assertEquals(before, StoredRows.of(state.resolve("quorum.db")), "the refused writers wrote nothing");
            serve.terminate();
            assertEquals(0, serve.awaitExit(Duration.ofSeconds(60)), serve.stderr());
        }
        // The holder is gone: the lock goes with it, and the next writer gets the database (and refuses the unknown id).
        ServedQuorum next = ServedQuorum.start(dir.resolve("logs"), Map.of(), "feedback", "--config", config.toString(),
                "--file", dir.resolve("payload.json").toString());
        assertEquals(1, next.awaitExit(Duration.ofSeconds(60)), next.stderr());
        assertTrue(next.stderr().contains("quorum feedback: decision_id: no decision"), next.stderr());
    }

    private static void assertOneLineNaming(String stderr, long pid, String holder) {
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line, no log noise or stack trace:\n" + stderr);
        assertTrue(lines.get(0).contains("process " + pid + " (" + holder + ")"), stderr);
        assertTrue(lines.get(0).contains("--via-api"), stderr);
    }

    private Path payloadFor(JsonNode decision) throws Exception {
        String verdict = decision.get("verdict").asText();
        double exit = verdict.equals("BUY") ? 103 : verdict.equals("SELL") ? 97 : 100;
        double profit = verdict.equals("HOLD") ? 0 : 30;
        Path payload = dir.resolve("payload.json");
        Files.writeString(payload, String.format(Locale.ROOT, "{\"decision_id\": \"%s\", \"symbol\": \"%s\", \"entry_price\": 100.0, "
                        + "\"exit_price\": %.2f, \"actual_profit\": %.2f, \"hold_duration\": 5}",
                decision.get("correlation_id").asText(), decision.get("ticker").asText(), exit, profit));
        assertFalse(Files.readString(payload).isBlank());
        return payload;
    }
}
