package dev.quorum.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.LocalServerProcess;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quorum serve} as a child process: the HTTP API wired to the real components, and SIGTERM in the middle of
 * a cycle (LLM agents on the Ollama test server answering slowly) finishing the ticker in progress, abandoning the
 * rest, flushing the outbox to a real Redis and exiting 0.
 */
class ServeCommandTest {

    private static final String TOKEN = "serve-test-token-0123456789";
    private static final String BULLISH = """
            {"signal": "BULLISH", "confidence": 0.8, "summary": "Trend intact.", "key_factors": ["above SMA50"]}""";

    @TempDir
    Path dir;

    private final RedisServer redis = new RedisServer();
    private OllamaTestServer ollama;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private int port;

    @BeforeEach
    void up() {
        redis.start();
        ollama = OllamaTestServer.start();
        port = LocalServerProcess.freePort();
    }

    @AfterEach
    void down() {
        ollama.close();
        redis.close();
    }

    private Path config() throws Exception {
        Path file = dir.resolve("quorum.yaml");
        StringBuilder agents = new StringBuilder("agents:\n");
        for (String name : new String[]{"technical", "risk", "sentiment", "macro"}) {
            agents.append("  - {name: ").append(name).append(", domain: d-").append(name).append(", backend: ollama}\n");
        }
        Files.writeString(file, "watchlist: [AAPL, MSFT, NVDA, JPM, XOM]\n"
                + "data_dir: " + dir.resolve("state") + "\n"
                + "market:\n  data_dir: " + ProjectPaths.root().resolve("samples/market") + "\n"
                + "prompts_dir: " + ProjectPaths.root().resolve("prompts") + "\n"
                + agents
                + "ollama:\n  endpoints:\n    - {name: test, url: \"" + ollama.baseUrl() + "\", parallel: 4}\n"
                + "  chain:\n    - {endpoint: test, model: \"qwen2.5:7b\"}\n"
                + "memory:\n  recall_k: 0\n"
                + "schedule:\n  kind: daily\n  at: \"23:45\"\n"
                + "redis:\n  url: " + redis.url() + "\n"
                + "http:\n  port: " + port + "\n");
        return file;
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_refuse_a_port_another_process_holds_in_one_line_before_anything_starts() throws Exception {
        Path file = config();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.of("serve", "--config", file.toString());

            assertEquals(2, run.code(), run.err());
            assertEquals("quorum serve: configuration key 'http.port': " + port + " on 127.0.0.1 cannot be bound: Address already"
                    + " in use (another quorum serve? set another http.port or http.bind, or QUORUM_HTTP_PORT)", run.errorLine());
            assertTrue(Files.notExists(dir.resolve("state").resolve("quorum.db")), "refused before the runtime opened");
        }
    }

    @Test
    void should_blame_http_bind_not_the_port_for_an_address_this_machine_does_not_have() throws Exception {
        Path file = config();
        Files.writeString(file, Files.readString(file) + "  bind: 192.0.2.1\n"); // TEST-NET-1: no interface has it
        CliRun run = CliRun.of("serve", "--config", file.toString());

        assertEquals(2, run.code(), run.err());
        assertTrue(run.errorLine().startsWith("quorum serve: configuration key 'http.bind': '192.0.2.1' is not an address of this"
                + " machine"), run.errorLine());
        assertTrue(Files.notExists(dir.resolve("state").resolve("quorum.db")), "refused before the runtime opened");
    }

    @Test
    void should_refuse_an_unknown_role_naming_the_three_in_one_line() throws Exception {
        CliRun run = CliRun.of("serve", "--config", config().toString(), "--role", "boss");
        assertEquals(2, run.code(), run.err());
        assertEquals("quorum serve: Invalid value for option '--role': expected one of all, scheduler, worker, was 'boss'"
                + " (see quorum serve --help)", run.errorLine());
    }

    @Test
    void should_not_print_the_generated_control_token_into_systemds_journal() throws Exception {
        // What systemd sets when stdout goes to the journal (device:inode of its socket).
        try (ServedQuorum quorum = ServedQuorum.start(dir, Map.of("JOURNAL_STREAM", "8:12345"), "serve", "--config", config().toString())) {
            quorum.awaitLog(Pattern.compile(Pattern.quote("serving; SIGTERM stops cleanly")));
            String token = Files.readString(dir.resolve("state").resolve("api-token")).strip();
            assertTrue(quorum.stdout().contains("stored 0600 in " + dir.resolve("state").resolve("api-token")
                    + "; POST /api/* needs Authorization: Bearer <token>); not printed: stdout is the journal"), quorum.stdout());
            assertTrue(!quorum.stdout().contains(token) && !quorum.stderr().contains(token), "the token is in the file only");
            quorum.terminate();
            assertEquals(0, quorum.awaitExit(Duration.ofMinutes(2)), quorum.stderr());
        }
    }

    @Test
    void should_serve_the_api_and_stop_cleanly_on_sigterm_mid_cycle() throws Exception {
        // Slow enough that SIGTERM lands while the cycle is deciding; every ticker takes about one latency.
        ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content(BULLISH).after(Duration.ofMillis(1500)));
        try (ServedQuorum quorum = ServedQuorum.start(dir, Map.of("QUORUM_HTTP_TOKEN", TOKEN), "serve", "--config", config().toString())) {
            quorum.awaitLog(Pattern.compile(Pattern.quote("serving; SIGTERM stops cleanly")));

            JsonNode status = json.readTree(call("GET", "/api/status", null).body());
            assertTrue(status.get("scheduled").asBoolean(), status.toString());
            assertEquals("daily at 23:45 America/New_York", status.get("schedule").asText());
            HttpResponse<String> weights = call("GET", "/api/weights", null);
            assertEquals(200, weights.statusCode(), weights.body());
            assertEquals(200, call("GET", "/api/learning/status", null).statusCode());
            String metrics = call("GET", "/metrics", null).body();
            assertTrue(metrics.contains("quorum_ollama_endpoint_parallel"), "each Ollama endpoint's load is a gauge:\n" + metrics);
            HttpResponse<String> unknown = call("POST", "/api/feedback", "{\"decision_id\": \"nope\", \"symbol\": \"NVDA\", "
                    + "\"entry_price\": 100, \"exit_price\": 101, \"actual_profit\": 1, \"hold_duration\": 5, \"agent_votes\": {}}");
            assertTrue(unknown.statusCode() >= 400 && unknown.statusCode() < 500, unknown.statusCode() + " " + unknown.body());
            assertTrue(json.readTree(unknown.body()).has("error"), unknown.body());

            CompletableFuture<HttpResponse<String>> scan = CompletableFuture.supplyAsync(() -> {
                try {
                    return call("POST", "/api/scan", null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            quorum.awaitLog(Pattern.compile(Pattern.quote("AAPL 2024-12-31: BUY")));
            quorum.terminate();

            assertEquals(0, quorum.awaitExit(Duration.ofMinutes(2)), quorum.stderr());
            assertTrue(quorum.stderr().contains("outbox flushed"), quorum.stderr());
            scan.handle((r, e) -> null).join();
        }

        QuorumDatabase database = QuorumDatabase.open(dir.resolve("state/quorum.db"));
        int decided = new DecisionStore(database, "s").latest(10).size();
        assertTrue(decided >= 1 && decided < 5, "the cycle was cut short between tickers, not lost: " + decided);
        assertEquals(0, new Outbox(database).pendingCount(), "everything decided was flushed to Redis");
        try (RedisClient client = RedisClient.create("127.0.0.1", redis.port())) {
            assertEquals(decided, client.xlen("maf:arena:trading_intelligence:output"));
        }

        // The restart decides the tickers the SIGTERM abandoned, by itself: the schedule's next cycle is tomorrow's.
        try (ServedQuorum again = ServedQuorum.start(dir, Map.of("QUORUM_HTTP_TOKEN", TOKEN), "serve", "--config", config().toString())) {
            again.awaitLog(Pattern.compile(Pattern.quote("deciding what the last run left of the session")));
            again.awaitLog(Pattern.compile(Pattern.quote("XOM 2024-12-31: BUY")));
            again.terminate();
            assertEquals(0, again.awaitExit(Duration.ofMinutes(2)), again.stderr());
        }
        assertEquals(5, new DecisionStore(database, "s").latest(10).size(), "every ticker decided once");
        try (RedisClient client = RedisClient.create("127.0.0.1", redis.port())) {
            assertEquals(5, client.xlen("maf:arena:trading_intelligence:output"), "the earlier ones not decided again");
        }
    }
}
