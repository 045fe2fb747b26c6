package dev.quorum.orchestrator.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.HttpConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.http.ApiServer;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.ApiWiring;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.service.ScheduledEngine;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code /health/ready} against real dependencies: one of two Ollama hosts down (degraded, or down when the
 * threshold needs both), an agent error rate over its threshold, and {@code /health/live} answering 200 through
 * all of it.
 */
class HealthThresholdsTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private record Reply(int status, JsonNode body) {
    }

    private Reply get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), json.readTree(response.body()));
    }

    private QuorumConfig config(String extraYaml, String ollamaUp) throws Exception {
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, "watchlist: [AAPL, MSFT, NVDA]\n"
                + "data_dir: \"" + dir.resolve("state") + "\"\n"
                + "market: {data_dir: \"" + ProjectPaths.root().resolve("samples/market") + "\"}\n"
                + "prompts_dir: \"" + ProjectPaths.root().resolve("prompts") + "\"\n"
                + "memory: {recall_k: 0}\n"
                + (ollamaUp == null ? "" : QuorumRig.llmPanel(ollamaUp, OllamaTestServer.closedPortUrl(), 5))
                + extraYaml);
        return new ConfigLoader(Map.of("QUORUM_REDIS_URL", OllamaTestServer.closedPortUrl().replace("http", "redis") + "/0"))
                .from(Optional.of(file));
    }

    private <T> T withApi(QuorumConfig config, ApiCall<T> call) throws Exception {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.FILE);
             Readiness readiness = new Readiness(runtime.readinessChecks())) {
            ScheduledEngine engine = new ScheduledEngine(runtime.cycle()::run, config.schedule(), config.watchlist(),
                    runtime::latestSession, runtime.outbox());
            try (ApiServer api = new ApiServer(new HttpConfig(true, "127.0.0.1", 0, null, List.of()), Optional.empty(),
                    ApiWiring.backends(runtime, engine, readiness, metrics))) {
                return call.run(runtime, api.port());
            }
        }
    }

    @Test
    void should_go_down_when_the_host_that_answers_has_not_pulled_the_chains_model_and_name_it() throws Exception {
        // Before, the host counted for answering /api/version: "1 of 2 Ollama endpoints answer", DEGRADED, while
        // every LLM call there got 404 and the agents could not decide.
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            withApi(config("", ollama.baseUrl()), (runtime, port) -> {
                Reply ready = get(port, "/health/ready");
                assertEquals(503, ready.status(), ready.body().toString());
                assertEquals("0 of 2 Ollama endpoints serve a model of the chain (0.00, needed 0.50)",
                        ready.body().at("/checks/llm/detail").asText(), ready.body().toString());
                assertEquals("Ollama " + OllamaTestServer.VERSION + " at " + ollama.baseUrl() + " serves 0 of 1 models;"
                        + " not pulled: " + QuorumRig.FIRST_MODEL, ready.body().at("/checks/ollama:first/detail").asText());
                return null;
            });
        }
    }

    @FunctionalInterface
    private interface ApiCall<T> {
        T run(QuorumRuntime runtime, int port) throws Exception;
    }

    @Test
    void should_degrade_with_one_of_two_ollama_hosts_down_and_go_down_when_the_threshold_needs_both() throws Exception {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content("{}"));
            withApi(config("", ollama.baseUrl()), (runtime, port) -> {
                Reply ready = get(port, "/health/ready");
                assertEquals(200, ready.status(), ready.body().toString());
                assertEquals("DEGRADED", ready.body().get("status").asText(), ready.body().toString());
                assertEquals("1 of 2 Ollama endpoints serve a model of the chain (0.50, needed 0.50)",
                        ready.body().at("/checks/llm/detail").asText(), ready.body().toString());
                return null;
            });
            withApi(config("health: {llm_min_available: 0.75}\n", ollama.baseUrl()), (runtime, port) -> {
                Reply ready = get(port, "/health/ready");
                assertEquals(503, ready.status(), ready.body().toString());
                assertEquals("DOWN", ready.body().at("/checks/llm/status").asText(), ready.body().toString());
                assertEquals(503, get(port, "/health").status(), "/health is /health/ready");
                Reply live = get(port, "/health/live");
                assertEquals(200, live.status(), "alive while not ready: a restart would not bring Ollama back");
                assertEquals("UP", live.body().get("status").asText());
                return null;
            });
        }
    }

    @Test
    void should_degrade_when_the_agent_error_rate_passes_its_threshold() throws Exception {
        QuorumConfig config = config("", null);
        withApi(config, (runtime, port) -> {
            runtime.cycle().run(config.watchlist(), LocalDate.parse("2024-06-03"), () -> false);
            // 3 tickers x 4 rules agents = 12 calls in the window; 7 failures recorded by hand: 7 / 12 = 0.583 > 0.5.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + config.sqliteFile());
                 PreparedStatement insert = c.prepareStatement("INSERT INTO agent_errors (occurred_at, agent, category, message,"
                         + " model, endpoint) VALUES (?, 'technical', 'NETWORK', 'timeout', 'm', 'e')")) {
                for (int i = 0; i < 7; i++) {
                    insert.setString(1, Instant.now().toString());
                    insert.executeUpdate();
                }
            }
            Reply ready = get(port, "/health/ready");
            assertEquals(200, ready.status(), ready.body().toString());
            assertEquals("DEGRADED", ready.body().get("status").asText(), ready.body().toString());
            assertEquals("DOWN", ready.body().at("/checks/agent_errors/status").asText());
            assertEquals("7 of 12 agent calls failed in the last 60 min (rate 0.583, threshold 0.500)",
                    ready.body().at("/checks/agent_errors/detail").asText());
            return null;
        });
    }
}
