package dev.quorum.orchestrator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.config.HttpConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.health.DatabaseCheck;
import dev.quorum.orchestrator.health.HttpEndpointCheck;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.health.ReadinessCheck;
import dev.quorum.orchestrator.health.RedisCheck;
import dev.quorum.orchestrator.service.Engine;
import dev.quorum.orchestrator.service.EngineStatus;
import dev.quorum.testkit.Closer;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.RedisServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiServerTest {

    private static final String TOKEN = "test-token-0123456789abcdef";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Closer closer = new Closer();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    private record Reply(int status, JsonNode body, String text) {
    }

    private ApiServer server(ApiBackends backends, String token) {
        ApiServer server = closer.add(new ApiServer(new HttpConfig(true, "127.0.0.1", 0, token, List.of()), Optional.empty(), backends));
        return server;
    }

    private ApiBackends backends(Optional<Engine> engine, Optional<JsonAction> feedback, Optional<JsonView> weights,
                                 List<ReadinessCheck> checks) {
        Readiness readiness = closer.add(new Readiness(checks));
        return new ApiBackends(engine, feedback, weights, Optional.empty(), Optional.empty(), readiness, metrics);
    }

    private ApiBackends nothingWired() {
        return backends(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    private Reply call(ApiServer server, String method, String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = null;
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            parsed = json.readTree(response.body());
        }
        return new Reply(response.statusCode(), parsed, response.body());
    }

    /** An engine that reports a fixed cycle and can be made busy; the real one is tested with the cycle. */
    private static class ScriptedEngine implements Engine {
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicBoolean scheduled = new AtomicBoolean();

        @Override
        public EngineStatus status() {
            return new EngineStatus(scheduled.get(), "every 60 s", busy.get(), Optional.empty(), Optional.empty(), 3, List.of("NVDA"));
        }

        @Override
        public CycleReport scan() {
            if (busy.get()) {
                throw new IllegalStateException("a cycle is already running");
            }
            Instant now = Instant.parse("2024-06-03T21:15:00Z");
            return new CycleReport(LocalDate.parse("2024-06-03"), now, now.plusSeconds(2),
                    List.of(new TickerDecision("NVDA", Verdict.BUY, 0.7, 0.7, 4, 4, "ab".repeat(16), List.of())), Map.of(), Map.of(), false);
        }

        @Override
        public boolean start() {
            return !scheduled.getAndSet(true);
        }

        @Override
        public boolean stop() {
            return scheduled.getAndSet(false);
        }
    }

    @Test
    void should_answer_503_with_a_json_error_for_components_not_wired() throws Exception {
        ApiServer server = server(nothingWired(), null);
        for (String[] route : List.of(new String[]{"GET", "/api/weights"}, new String[]{"GET", "/api/learning/status"},
                new String[]{"GET", "/api/status"}, new String[]{"POST", "/api/scan"}, new String[]{"POST", "/api/feedback"},
                new String[]{"GET", "/api/decisions/c-1"}, new String[]{"GET", "/api/agents/track-record"},
                new String[]{"GET", "/api/stream/tail"})) {
            Reply reply = call(server, route[0], route[1], "{}", null);
            assertEquals(503, reply.status(), route[1]);
            assertEquals("unavailable", reply.body().get("error").asText(), route[1]);
            assertFalse(reply.body().get("detail").asText().isBlank());
        }
    }

    @Test
    void should_require_the_bearer_token_everywhere_but_health() throws Exception {
        ApiServer server = server(backends(Optional.of(new ScriptedEngine()), Optional.empty(), Optional.empty(), List.of()), TOKEN);
        Reply missing = call(server, "GET", "/api/status", null, null);
        assertEquals(401, missing.status());
        assertEquals("unauthorized", missing.body().get("error").asText());
        assertEquals(401, call(server, "GET", "/api/status", null, TOKEN + "x").status());
        assertEquals(401, call(server, "GET", "/metrics", null, "short").status());
        assertEquals(200, call(server, "GET", "/api/status", null, TOKEN).status());
        assertEquals(200, call(server, "GET", "/health", null, null).status());
        assertEquals(401, call(server, "GET", "/api/stream/tail", null, null).status());
        // The page and its charting library are static files, no data: a browser loads them before it has the token.
        for (String asset : List.of("/", "/assets/uplot.js", "/assets/uplot.css")) {
            Reply open = call(server, "GET", asset, null, null);
            assertEquals(200, open.status(), asset);
            assertTrue(open.text().length() > 1000, asset + " has content");
        }
        assertTrue(call(server, "GET", "/assets/uplot.js", null, null).text().contains("uPlot"), "the webjar's uPlot build");
    }

    @Test
    void should_drill_into_a_stored_decision_and_tail_the_queued_envelopes() throws Exception {
        Path db = dir.resolve("quorum.db");
        TestApi.saveDecision(db, List.of());
        QuorumDatabase database = QuorumDatabase.open(db);
        Readiness readiness = closer.add(new Readiness(List.of()));
        ApiServer server = server(new ApiBackends(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), readiness, metrics, Optional.empty(), Optional.empty(), dev.quorum.orchestrator.runtime.ApiWiring.dashboard(
                new dev.quorum.memory.store.DecisionStore(database, "quorum:decisions"), database)), null);

        Reply drill = call(server, "GET", "/api/decisions/c-1", null, null);
        assertEquals(200, drill.status(), drill.text());
        assertEquals("AAPL", drill.body().path("decision").path("ticker").asText());
        assertEquals("c-1", drill.body().path("envelope").path("correlation_id").asText(), "the stored envelope, as JSON");
        assertEquals(List.of("technical", "risk"), drill.body().path("inputs").findValuesAsText("agent"));
        assertEquals(0, drill.body().path("outcome_calls").size(), "no outcome yet");
        assertEquals(404, call(server, "GET", "/api/decisions/c-2", null, null).status());

        Reply tail = call(server, "GET", "/api/stream/tail", null, null);
        assertEquals(200, tail.status(), tail.text());
        JsonNode entry = tail.body().path("entries").get(0);
        assertEquals("c-1", entry.path("correlation_id").asText());
        assertTrue(entry.path("published_at").isNull(), "still waiting in the outbox");
        assertEquals(0, call(server, "GET", "/api/stream/tail?after=" + entry.path("id").asLong(), null, null)
                .body().path("entries").size(), "nothing queued after it");
        Reply bad = call(server, "GET", "/api/stream/tail?limit=0", null, null);
        assertEquals(400, bad.status());
        assertEquals("limit must be a whole number from 1 to 200, was '0'", bad.body().path("detail").asText());

        Reply track = call(server, "GET", "/api/agents/track-record", null, null);
        assertEquals(200, track.status());
        assertEquals(0, track.body().path("agents").size(), "no outcome yet: no scored call");
    }

    @Test
    void should_drive_the_engine_and_refuse_a_second_concurrent_scan() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        ApiServer server = server(backends(Optional.of(engine), Optional.empty(), Optional.empty(), List.of()), null);
        Reply scan = call(server, "POST", "/api/scan", null, null);
        assertEquals(200, scan.status());
        assertEquals("BUY", scan.body().at("/decided/0/verdict").asText());
        assertTrue(scan.body().get("complete").asBoolean());

        engine.busy.set(true);
        Reply busy = call(server, "POST", "/api/scan", null, null);
        assertEquals(409, busy.status());
        assertEquals("conflict", busy.body().get("error").asText());

        assertTrue(call(server, "POST", "/api/start", null, null).body().get("changed").asBoolean());
        assertFalse(call(server, "POST", "/api/start", null, null).body().get("changed").asBoolean());
        Reply status = call(server, "GET", "/api/status", null, null);
        assertTrue(status.body().get("scheduled").asBoolean());
        assertEquals(3, status.body().get("outbox_pending").asInt());
        assertTrue(call(server, "POST", "/api/stop", null, null).body().get("changed").asBoolean());
    }

    @Test
    void should_reject_bad_feedback_with_4xx_json_and_never_a_stack_trace() throws Exception {
        JsonAction feedback = body -> {
            if (!body.hasNonNull("decision_id")) {
                throw new IllegalArgumentException("decision_id is required");
            }
            if (body.get("decision_id").asText().equals("dup")) {
                throw new IllegalStateException("feedback for decision dup was already recorded");
            }
            throw new java.util.NoSuchElementException("no decision " + body.get("decision_id").asText());
        };
        ApiServer server = server(backends(Optional.empty(), Optional.of(feedback), Optional.empty(), List.of()), null);
        Reply notJson = call(server, "POST", "/api/feedback", "{not json", null);
        assertEquals(400, notJson.status());
        assertTrue(notJson.body().get("detail").asText().contains("not valid JSON"));
        assertEquals(400, call(server, "POST", "/api/feedback", "[1,2]", null).status());
        assertEquals(400, call(server, "POST", "/api/feedback", "{}", null).status());
        assertEquals(404, call(server, "POST", "/api/feedback", "{\"decision_id\":\"x\"}", null).status());
        assertEquals(409, call(server, "POST", "/api/feedback", "{\"decision_id\":\"dup\"}", null).status());
        Reply unknown = call(server, "GET", "/api/nothing", null, null);
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.body().get("error").asText());
    }

    @Test
    void should_keep_a_routes_own_404_whatever_content_type_the_request_names() throws Exception {
        JsonAction feedback = body -> {
            throw new java.util.NoSuchElementException("no decision " + body.get("decision_id").asText());
        };
        ApiServer server = server(backends(Optional.empty(), Optional.of(feedback), Optional.empty(), List.of()), null);
        // What Python's requests, OkHttp and most clients send: the media type with its charset.
        HttpResponse<String> charset = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/feedback"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision_id\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, charset.statusCode());
        assertEquals("no decision x", json.readTree(charset.body()).path("detail").asText(), "the route's words, not 'no endpoint'");
        Reply unknown = call(server, "GET", "/api/nothing", null, null);
        assertEquals("no endpoint GET /api/nothing", unknown.body().path("detail").asText());
    }

    @Test
    void should_answer_405_naming_the_methods_a_known_path_takes() throws Exception {
        ApiServer server = server(backends(Optional.of(new ScriptedEngine()), Optional.empty(), Optional.empty(), List.of()), null);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/scan"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode(), get.body());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        JsonNode body = json.readTree(get.body());
        assertEquals("method_not_allowed", body.path("error").asText());
        assertEquals("GET is not allowed on /api/scan; it takes POST", body.path("detail").asText());
        assertEquals(405, call(server, "PUT", "/api/stop", null, null).status());
        assertEquals(404, call(server, "PUT", "/api/nothing", null, null).status(), "an unknown path stays 404");
    }

    @Test
    void should_take_the_bearer_scheme_in_any_case() throws Exception {
        ApiServer server = server(backends(Optional.of(new ScriptedEngine()), Optional.empty(), Optional.empty(), List.of()), TOKEN);
        for (String scheme : List.of("bearer", "BEARER", "Bearer")) {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/status"))
                    .header("Authorization", scheme + " " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode(), scheme);
        }
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/status"))
                .header("Authorization", "Basic " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode(), "another scheme is still refused");
    }

    @Test
    void should_answer_a_request_in_flight_when_the_server_closes() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ScriptedEngine engine = new ScriptedEngine() {
            @Override
            public CycleReport scan() {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted while the scan was in flight", e);
                }
                return super.scan();
            }
        };
        ApiServer server = new ApiServer(new HttpConfig(true, "127.0.0.1", 0, null, List.of()), Optional.empty(),
                backends(Optional.of(engine), Optional.empty(), Optional.empty(), List.of()));
        int port = server.port();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> scan = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/scan")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        entered.await();
        Thread closing = new Thread(server::close, "closing");
        closing.start();
        // The close has begun once the port takes no new connection (a bounded poll: the stop has no event to wait on).
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (java.net.ConnectException e) {
                refused = true;
            }
        }
        assertTrue(refused, "the server stopped accepting");
        release.countDown();

        HttpResponse<String> answered = scan.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("BUY", json.readTree(answered.body()).at("/decided/0/verdict").asText());
        closing.join();
    }

    @Test
    void should_hide_internal_failures_behind_an_error_id() throws Exception {
        JsonView broken = () -> {
            throw new RuntimeException("secret internals at dev.quorum.Foo.bar(Foo.java:42)");
        };
        ApiServer server = server(backends(Optional.empty(), Optional.empty(), Optional.of(broken), List.of()), null);
        Reply reply = call(server, "GET", "/api/weights", null, null);
        assertEquals(500, reply.status());
        assertEquals("internal_error", reply.body().get("error").asText());
        assertFalse(reply.text().contains("Foo.java"), reply.text());
        assertFalse(reply.text().contains("secret internals"), reply.text());
    }

    @Test
    void should_serve_prometheus_metrics_counting_requests() throws Exception {
        ApiServer server = server(nothingWired(), null);
        call(server, "GET", "/api/weights", null, null);
        Reply scrape = call(server, "GET", "/metrics", null, null);
        assertEquals(200, scrape.status());
        assertTrue(scrape.text().contains("quorum_http_requests_total{"), scrape.text());
        assertTrue(scrape.text().contains("route=\"/api/weights\""), scrape.text());
        assertTrue(scrape.text().contains("status=\"503\""), scrape.text());
    }

    @Test
    void should_report_readiness_of_real_dependencies() throws Exception {
        RedisServer redis = new RedisServer();
        redis.start();
        closer.add(redis);
        UnifiedJedis client = closer.add(dev.quorum.envelope.redis.RedisConnections.open(dev.quorum.envelope.redis.RedisUrl.parse(redis.url())));
        OllamaTestServer ollama = closer.add(OllamaTestServer.start());
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));

        List<ReadinessCheck> checks = List.of(new DatabaseCheck(database), new RedisCheck(client, redis.url()),
                new HttpEndpointCheck("ollama:local", URI.create(ollama.baseUrl() + "/api/version"), true));
        ApiServer server = server(backends(Optional.empty(), Optional.empty(), Optional.empty(), checks), null);
        Reply up = call(server, "GET", "/health", null, null);
        assertEquals(200, up.status(), up.text());
        assertEquals("UP", up.body().get("status").asText(), up.text());

        redis.stop();
        Reply degraded = call(server, "GET", "/health", null, null);
        assertEquals(200, degraded.status());
        assertEquals("DEGRADED", degraded.body().get("status").asText(), degraded.text());
        assertEquals("DOWN", degraded.body().at("/checks/redis/status").asText());

        List<ReadinessCheck> ollamaGone = List.of(new DatabaseCheck(database),
                new HttpEndpointCheck("ollama:gone", URI.create(OllamaTestServer.closedPortUrl() + "/api/version"), true));
        ApiServer second = server(backends(Optional.empty(), Optional.empty(), Optional.empty(), ollamaGone), null);
        Reply down = call(second, "GET", "/health", null, null);
        assertEquals(503, down.status());
        assertEquals("DOWN", down.body().get("status").asText());
    }
}
