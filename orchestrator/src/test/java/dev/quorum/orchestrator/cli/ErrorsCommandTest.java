package dev.quorum.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.memory.store.AgentError;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.http.ApiServer;
import dev.quorum.orchestrator.http.TestApi;
import dev.quorum.orchestrator.runtime.ApiWiring;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 002's get_error_patterns through {@code bin/quorum errors} and {@code GET /api/errors}, on a real SQLite file. */
class ErrorsCommandTest {


    @TempDir
    Path dir;

    private Path db;
    private Path config;

    @BeforeEach
    void decide() throws IOException {
        db = dir.resolve("quorum.db");
        config = TestApi.storeConfig(dir);
        TestApi.saveDecision(db, List.of(
                new AgentError("technical", ErrorCategory.MODEL, "invalid JSON", "qwen2.5:7b", "", Instant.parse("2023-05-31T20:00:00Z")),
                new AgentError("technical", ErrorCategory.MODEL, "schema violated", "qwen2.5:7b", "", Instant.parse("2023-06-01T20:00:00Z")),
                new AgentError("technical", ErrorCategory.NETWORK, "timeout", "qwen2.5:7b", "", Instant.parse("2023-06-01T20:10:00Z")),
                new AgentError("risk", ErrorCategory.EXCHANGE, "rate limited (429)", "", "", Instant.parse("2023-06-01T20:20:00Z"))));
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QuorumCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void should_print_the_error_patterns_of_every_agent_most_frequent_first() {
        Run all = run("errors", "--db", db.toString(), "--config", config.toString());

        assertEquals(0, all.exitCode(), all.err());
        List<String> rows = all.out().lines().skip(2).toList();
        assertEquals(List.of(
                "  technical        MODEL          2  2023-06-01T20:00:00Z",
                "  risk             EXCHANGE       1  2023-06-01T20:20:00Z",
                "  technical        NETWORK        1  2023-06-01T20:10:00Z"), rows);
    }

    @Test
    void should_filter_by_agent_and_since_a_date() {
        Run one = run("errors", "--db", db.toString(), "--config", config.toString(), "--agent", "technical", "--since", "2023-06-01");

        assertEquals(0, one.exitCode(), one.err());
        assertEquals(List.of(
                "  technical        MODEL          1  2023-06-01T20:00:00Z",
                "  technical        NETWORK        1  2023-06-01T20:10:00Z"), one.out().lines().skip(2).toList());
        Run bad = run("errors", "--db", db.toString(), "--since", "yesterday");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--since must be a date (yyyy-MM-dd) or an instant"), bad.err());
    }

    @Test
    void should_answer_the_same_patterns_on_the_api() throws Exception {
        StoreOptions options = CommandLine.populateCommand(new StoreOptions(), "--db", db.toString(), "--config", config.toString());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (QuorumRuntime runtime = options.openRuntime(); Readiness readiness = new Readiness(List.of());
             ApiServer server = TestApi.serve(ApiWiring.backends(runtime, new TestApi.FixedEngine(), readiness, metrics))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/errors?agent=technical&since=2023-06-01T20:05:00Z")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, reply.statusCode(), reply.body());
            JsonNode body = new ObjectMapper().readTree(reply.body());
            assertEquals(new ObjectMapper().readTree("""
                    {"success": true, "patterns": [{"agent": "technical", "error_type": "network", "category": "NETWORK",
                     "count": 1, "last_seen": "2023-06-01T20:10:00Z"}]}"""), body);
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/errors?since=soon")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), bad.body());
            HttpResponse<String> misspelt = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/errors?agent=technicl")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, misspelt.statusCode(), misspelt.body());
            assertEquals("unknown agent 'technicl'; known agents: macro, risk, sentiment, technical",
                    new ObjectMapper().readTree(misspelt.body()).path("detail").asText());
        }
    }
}
