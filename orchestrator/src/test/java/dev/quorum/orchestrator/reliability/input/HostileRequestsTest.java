package dev.quorum.orchestrator.reliability.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.orchestrator.reliability.Fuzz;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.orchestrator.reliability.ServedQuorum.Reply;
import dev.quorum.orchestrator.reliability.StoredRows;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random requests against a real {@code quorum serve} child process (Javalin, SQLite, redis-server): bodies of
 * random bytes, near-valid seed 001 feedback payloads with one field broken, garbage query strings, unknown
 * routes and methods, wrong tokens, oversized and deeply nested bodies. Every answer that is not a success is a
 * 4xx JSON error without internals, none is a 5xx, the service keeps answering, and not one stored row changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {

    private static final String TOKEN = "hostile-requests-token-0123456789";
    private static final List<String> READ_ROUTES = List.of("/api/status", "/api/weights", "/api/learning/status",
            "/api/decisions", "/health", "/metrics");

    private final ObjectMapper json = new ObjectMapper();
    private final RedisServer redis = new RedisServer();
    private ServedQuorum quorum;
    private URI api;
    private Path database;
    private List<JsonNode> decisions;

    @BeforeAll
    void serveAndDecide(@TempDir Path dir) throws Exception {
        redis.start();
        Path config = ServedQuorum.writeConfig(dir.resolve("state"), redis.url(), "");
        database = dir.resolve("state/quorum.db");
        quorum = ServedQuorum.start(dir.resolve("logs"), Map.of("QUORUM_HTTP_TOKEN", TOKEN), "serve", "--config", config.toString());
        api = quorum.awaitApi();
        Reply scan = quorum.send(api, "POST", "/api/scan", Optional.of(TOKEN), null);
        assertEquals(200, scan.status(), scan.body());
        awaitOutboxDrained();
        decisions = new ArrayList<>();
        json.readTree(quorum.send(api, "GET", "/api/decisions", Optional.of(TOKEN), null).body()).forEach(decisions::add);
        assertEquals(3, decisions.size(), "one decision per watchlist ticker");
    }

    @AfterAll
    void stop() throws Exception {
        if (quorum != null) {
            quorum.terminate();
            assertEquals(0, quorum.awaitExit(Duration.ofSeconds(60)), quorum.stderr());
        }
        redis.close();
    }

    /** The publisher drains in the background; no event reaches this JVM, so a bounded poll of the API. */
    private void awaitOutboxDrained() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = json.readTree(quorum.send(api, "GET", "/api/status", Optional.of(TOKEN), null).body());
            if (status.path("outbox_pending").asInt(-1) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the outbox did not drain within 30 s");
    }

    @Test
    void should_answer_every_hostile_request_with_a_4xx_json_error_and_change_nothing_stored() throws Exception {
        Map<String, List<String>> before = StoredRows.of(database);
        Fuzz fuzz = Fuzz.seeded("http");
        int refused = 0;
        for (int i = 0; i < Fuzz.cases(400); i++) {
            Request request = hostile(fuzz);
            String what = "seed " + fuzz.seed() + " case " + i + ": " + request;
            Reply reply;
            try {
                reply = quorum.send(api, request.method(), request.target(), request.token(), request.body());
            } catch (java.io.IOException e) {
                throw new AssertionError(what + ": no HTTP answer: " + e.getMessage(), e);
            }

            assertTrue(reply.status() < 500, what + " -> " + reply.status() + " " + reply.body());
            if (reply.status() >= 400) {
                refused++;
                assertJsonError(reply, what);
            }
        }
        assertTrue(refused > Fuzz.cases(400) / 2, "only " + refused + " requests were refused: the generator is too tame");
        assertEquals(before, StoredRows.of(database), "hostile requests changed stored rows");
        assertEquals(200, quorum.send(api, "GET", "/api/status", Optional.of(TOKEN), null).status(), "the service stopped answering");
    }

    private void assertJsonError(Reply reply, String what) throws Exception {
        for (String internal : List.of("\tat ", "Exception", "dev.quorum.", "java.", "org.sqlite", TOKEN)) {
            assertFalse(reply.body().contains(internal), what + ": the client sees '" + internal + "': " + reply.body());
        }
        assertTrue(reply.contentType().startsWith("application/json"), what + ": content type " + reply.contentType() + ": " + reply.body());
        JsonNode body = json.readTree(reply.body());
        assertTrue(body.path("error").isTextual() && body.path("detail").isTextual(), what + ": " + reply.body());
    }

    private record Request(String method, String target, Optional<String> token, String body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "... (" + body.length() + " chars)" : body;
            return method + " " + target + (token.isPresent() && !token.get().equals(TOKEN) ? " [wrong token]" : "") + " " + shown;
        }
    }

    private Request hostile(Fuzz fuzz) {
        Optional<String> token = fuzz.chance(0.1)
                ? Optional.of(fuzz.pick(List.of(TOKEN + "x", TOKEN.substring(1), "", " ", fuzz.randomText(10).replaceAll("[^\\x21-\\x7e]", ""))))
                : Optional.of(TOKEN);
        return switch (fuzz.nextInt(6)) {
            case 0, 1, 2 -> new Request("POST", "/api/feedback" + query(fuzz), token, feedbackBody(fuzz));
            case 3 -> new Request(fuzz.pick(List.of("GET", "PUT", "DELETE", "PATCH")),
                    fuzz.pick(List.of("/api/feedback", "/api/scan", "/api/start", "/api/stop")) + query(fuzz), token, fuzz.nastyText());
            case 4 -> new Request(fuzz.pick(List.of("GET", "POST", "DELETE")),
                    fuzz.pick(List.of("/api/", "/api/nope", "/api/status/..", "/api/decisions/" + encode(fuzz.nastyText()),
                            "/%2e%2e/%2e%2e/etc/passwd", "/api/" + encode(fuzz.randomText(30)))) + query(fuzz), token, fuzz.nastyText());
            default -> new Request(fuzz.chance(0.5) ? "GET" : "POST", fuzz.pick(READ_ROUTES) + query(fuzz), token, fuzz.randomUtf8(50));
        };
    }

    private static String query(Fuzz fuzz) {
        if (fuzz.chance(0.5)) {
            return "";
        }
        return "?" + encode(fuzz.nastyText()) + "=" + encode(fuzz.nastyText()) + (fuzz.chance(0.3) ? "&limit=-1&ticker=" + encode(fuzz.randomText(8)) : "");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Never a valid payload: random text, or a seed 001 payload with at least one field broken. */
    private String feedbackBody(Fuzz fuzz) {
        switch (fuzz.nextInt(8)) {
            case 0:
                return fuzz.randomUtf8(1 + fuzz.nextInt(200));
            case 1:
                return fuzz.nastyText();
            case 2:
                return "[".repeat(5_000 + fuzz.nextInt(5_000));
            case 3:
                return "{\"decision_id\": \"" + "x".repeat(1_200_000) + "\"}";
            default:
                break;
        }
        ObjectNode payload = validPayload(fuzz.pick(decisions));
        String field = fuzz.pick(List.of("decision_id", "symbol", "entry_price", "exit_price", "actual_profit",
                "hold_duration", "agent_votes", "direction", "confidence", "position_size", "unknown"));
        ObjectNode vote = (ObjectNode) payload.path("agent_votes").path("technical");
        switch (field) {
            case "decision_id" -> payload.put(field, fuzz.chance(0.5) ? fuzz.nastyText() : "0123456789abcdef0123456789abcdef");
            case "symbol" -> payload.set(field, json.createObjectNode().put("ticker", "AAPL"));
            case "entry_price", "exit_price" -> payload.set(field, fuzz.pick(List.of(json.getNodeFactory().numberNode(-1.0),
                    json.getNodeFactory().numberNode(0), json.getNodeFactory().textNode(fuzz.nastyText()), json.getNodeFactory().nullNode())));
            case "actual_profit" -> payload.put(field, fuzz.pick(List.of("NaN", "lots", "")));
            case "hold_duration" -> payload.set(field, fuzz.pick(List.of(json.getNodeFactory().numberNode(0),
                    json.getNodeFactory().numberNode(1.5), json.getNodeFactory().numberNode(100_000), json.getNodeFactory().textNode("5"))));
            case "agent_votes" -> payload.put(field, fuzz.nastyText());
            case "direction" -> vote.put(field, fuzz.nastyText());
            case "confidence" -> vote.set(field, fuzz.pick(List.of(json.getNodeFactory().numberNode(1.5),
                    json.getNodeFactory().numberNode(-0.1), json.getNodeFactory().textNode("0.5"))));
            case "position_size" -> vote.put(field, -1 - fuzz.nextInt(100));
            default -> payload.put("unknown_" + fuzz.nextInt(100), fuzz.nastyText());
        }
        return payload.toString();
    }

    private ObjectNode validPayload(JsonNode decision) {
        ObjectNode payload = json.createObjectNode()
                .put("decision_id", decision.path("correlation_id").asText())
                .put("symbol", decision.path("ticker").asText())
                .put("entry_price", 100.0)
                .put("exit_price", 101.0)
                .put("actual_profit", 10.0)
                .put("hold_duration", 5);
        payload.putObject("agent_votes").putObject("technical")
                .put("direction", "LONG").put("confidence", 0.7).put("position_size", 10);
        return payload;
    }
}
