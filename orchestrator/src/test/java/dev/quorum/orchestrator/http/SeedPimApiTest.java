package dev.quorum.orchestrator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.runtime.ApiWiring;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 001's callers, unchanged: its paths under {@code /api/pim}, its feedback payload naming agents the seed's way
 * (TechnicalAgent, RiskAgent) through {@code seed_api.agent_aliases}, on a real runtime, SQLite file and Redis.
 */
class SeedPimApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final RedisServer redis = new RedisServer();
    private final HttpClient http = HttpClient.newHttpClient();
    private QuorumRuntime runtime;
    private Readiness readiness;
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        redis.start();
        Path db = dir.resolve("quorum.db");
        TestApi.saveDecision(db, List.of());
        Path config = Files.writeString(dir.resolve("quorum.yaml"), """
                data_dir: "%s"
                market: {data_dir: "%s"}
                memory: {recall_k: 0, sqlite_path: "%s"}
                trust: {policy: outcome-ema}
                seed_api:
                  agent_aliases: {TechnicalAgent: technical, RiskAgent: risk}
                """.formatted(dir.resolve("data"), ProjectPaths.root().resolve("samples/market"), db));
        runtime = QuorumRuntime.open(new ConfigLoader(Map.of("QUORUM_REDIS_URL", redis.url())).from(Optional.of(config)),
                PublishTarget.REDIS);
        readiness = new Readiness(List.of());
        server = TestApi.serve(ApiWiring.backends(runtime, new TestApi.FixedEngine(), readiness,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }

    @AfterEach
    void stop() {
        server.close();
        readiness.close();
        runtime.close();
        redis.close();
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    private static String feedback(String votes) {
        return """
                {"decision_id": "c-1", "symbol": "AAPL", "entry_price": 150.0, "exit_price": 157.5, "actual_profit": 75.0,
                 "hold_duration": 5, "agent_votes": {%s}}""".formatted(votes);
    }

    @Test
    void should_learn_from_the_seed_feedback_naming_agents_the_seed_way() throws Exception {
        Reply reply = call("POST", "/api/pim/feedback", feedback("""
                "TechnicalAgent": {"direction": "LONG", "confidence": 0.8, "position_size": 10},
                "RiskAgent": {"direction": "SHORT", "confidence": 0.6, "position_size": 10}"""));

        assertEquals(200, reply.status(), reply.body().toString());
        assertTrue(reply.body().get("success").asBoolean());
        // outcome-ema on a +5% return: technical called it right (1.02), risk wrong (0.985), as LearningCommandsTest.
        assertEquals(JSON.readTree("{\"technical\": 1.02, \"risk\": 0.985}"), reply.body().get("agent_weights"));
        Reply weights = call("GET", "/api/pim/metalearner/weights", null);
        assertEquals(JSON.readTree("{\"success\": true, \"agent_weights\": {\"technical\": 1.02, \"risk\": 0.985}}"), weights.body());
        Reply status = call("GET", "/api/pim/metalearner/status", null);
        assertEquals(1, status.body().get("total_steps").asInt());
        assertEquals(1, status.body().get("learning_curve").size());
        // The seed's training log columns: the payload's hold_duration and the votes the step learnt from.
        List<String> logged = runtime.database().read("read the seed's training log", connection -> {
            try (java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rs = statement.executeQuery(
                         "SELECT decision_id, hold_duration, agent_votes FROM metalearner_training_history")) {
                rs.next();
                return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        });
        assertEquals(List.of("c-1", "5"), logged.subList(0, 2));
        JsonNode votes = JSON.readTree(logged.get(2));
        assertEquals("BULLISH", votes.get("technical").get("direction").asText());
        assertEquals(0.8, votes.get("technical").get("confidence").asDouble());
        assertEquals("BEARISH", votes.get("risk").get("direction").asText());
    }

    @Test
    void should_refuse_a_seed_name_without_alias_and_a_name_given_twice() throws Exception {
        Reply unknown = call("POST", "/api/pim/feedback", feedback("""
                "OptionsAgent": {"direction": "LONG", "confidence": 0.8, "position_size": 10}"""));
        assertEquals(400, unknown.status(), unknown.body().toString());
        assertTrue(unknown.body().toString().contains("OptionsAgent"), unknown.body().toString());

        Reply twice = call("POST", "/api/pim/feedback", feedback("""
                "TechnicalAgent": {"direction": "LONG"}, "technical": {"direction": "LONG"}"""));
        assertEquals(400, twice.status(), twice.body().toString());
        assertTrue(twice.body().toString().contains("agent_votes names agent 'technical' twice"), twice.body().toString());
    }

    @Test
    void should_answer_the_seed_engine_paths_like_the_api_paths() throws Exception {
        assertEquals(call("GET", "/api/status", null), call("GET", "/api/pim/status", null));
        assertEquals(JSON.readTree("{\"scheduled\": true, \"changed\": true}"), call("POST", "/api/pim/start", null).body());
        assertTrue(call("GET", "/api/pim/status", null).body().get("scheduled").asBoolean());
        assertEquals(JSON.readTree("{\"scheduled\": false, \"changed\": true}"), call("POST", "/api/pim/stop", null).body());
        Reply scan = call("POST", "/api/pim/scan", null);
        assertEquals(200, scan.status());
        assertEquals("NVDA", scan.body().get("decided").get(0).get("ticker").asText());
    }
}
