package dev.quorum.orchestrator.llm;

import dev.langchain4j.data.message.UserMessage;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.llm.ChainResult;
import dev.quorum.agents.llm.GenerationOptions;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ModelChainConfig;
import dev.quorum.agents.llm.ModelTier;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.agents.llm.ResilienceSettings;
import dev.quorum.agents.llm.SignalAssessment;
import dev.quorum.agents.llm.SignalAssessmentOutput;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.orchestrator.health.LlmAvailabilityCheck;
import dev.quorum.orchestrator.health.OllamaEndpointCheck;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.health.ReadinessCheck;
import dev.quorum.orchestrator.http.ApiBackends;
import dev.quorum.orchestrator.http.ApiServer;
import dev.quorum.orchestrator.http.TestApi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointMetricsTest {

    static final String MODEL = "qwen2.5:7b";
    static final String VALID = "{\"signal\": \"BULLISH\", \"confidence\": 0.7, \"summary\": \"s\", \"key_factors\": []}";

    @Test
    void should_publish_each_endpoints_calls_in_flight_size_and_circuit() throws Exception {
        try (OllamaTestServer gpu1 = OllamaTestServer.start(); OllamaTestServer gpu2 = OllamaTestServer.start()) {
            gpu1.model(MODEL).thenAlways(OllamaReply.content(VALID));
            gpu2.model(MODEL).thenAlways(OllamaReply.content(VALID));
            gpu1.holdReplies();
            ModelTier tier = new ModelTier(MODEL, List.of(new OllamaEndpoint(gpu1.baseUrl(), 2), new OllamaEndpoint(gpu2.baseUrl(), 3)));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (ModelChainClient chain = new ModelChainClient(new ModelChainConfig(List.of(tier),
                    ResilienceSettings.builder().callTimeout(Duration.ofSeconds(20)).build(), GenerationOptions.DEFAULT))) {
                EndpointMetrics.bind(registry, chain);

                CompletableFuture<ChainResult<SignalAssessment>> call = CompletableFuture.supplyAsync(() -> chain.call(
                        List.of(UserMessage.from("NVDA")), SignalAssessmentOutput.INSTANCE, DecisionBudget.unlimited()));
                assertTrue(gpu1.awaitInFlight(1, Duration.ofSeconds(20)));

                assertEquals(1.0, gauge(registry, "quorum.ollama.endpoint.in_flight", gpu1));
                assertEquals(0.0, gauge(registry, "quorum.ollama.endpoint.in_flight", gpu2));
                assertEquals(3.0, gauge(registry, "quorum.ollama.endpoint.parallel", gpu2));
                assertEquals(0.0, registry.get("quorum.ollama.circuit.state").tag("endpoint", gpu1.baseUrl())
                        .tag("model", MODEL).gauge().value(), "closed");
                gpu1.releaseReplies();
                assertInstanceOf(ChainResult.Answered.class, call.get(20, TimeUnit.SECONDS));
                assertEquals(0.0, gauge(registry, "quorum.ollama.endpoint.in_flight", gpu1));
            }
        }
    }

    @Test
    void should_publish_invalid_replies_in_a_row_and_the_skip_per_endpoint_and_model() {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model(MODEL).thenAlways(OllamaReply.content("{\"signal\": \"UP\"}"));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (ModelChainClient chain = new ModelChainClient(new ModelChainConfig(
                    List.of(new ModelTier(MODEL, List.of(new OllamaEndpoint(ollama.baseUrl(), 1)))),
                    ResilienceSettings.builder().invalidRepliesToSkip(3).build(), GenerationOptions.DEFAULT))) {
                EndpointMetrics.bind(registry, chain);
                chain.call(List.of(UserMessage.from("NVDA")), SignalAssessmentOutput.INSTANCE, DecisionBudget.unlimited());

                assertEquals(2.0, registry.get("quorum.ollama.invalid_output.consecutive").tag("model", MODEL).gauge().value());
                assertEquals(0.0, registry.get("quorum.ollama.invalid_output.skipped").tag("model", MODEL).gauge().value());

                chain.call(List.of(UserMessage.from("NVDA")), SignalAssessmentOutput.INSTANCE, DecisionBudget.unlimited());

                assertEquals(3.0, registry.get("quorum.ollama.invalid_output.consecutive").tag("model", MODEL).gauge().value());
                assertEquals(1.0, registry.get("quorum.ollama.invalid_output.skipped").tag("model", MODEL).gauge().value());
            }
        }
    }

    @Test
    void should_expose_the_breaker_and_retry_of_each_target_in_the_prometheus_scrape() {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model(MODEL).then(OllamaReply.busy()).thenAlways(OllamaReply.content(VALID));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (ModelChainClient chain = new ModelChainClient(new ModelChainConfig(
                    List.of(new ModelTier(MODEL, List.of(new OllamaEndpoint(ollama.baseUrl(), 1)))),
                    ResilienceSettings.builder().initialBackoff(Duration.ofMillis(1)).build(), GenerationOptions.DEFAULT))) {
                EndpointMetrics.bind(registry, chain);
                assertInstanceOf(ChainResult.Answered.class, chain.call(List.of(UserMessage.from("NVDA")),
                        SignalAssessmentOutput.INSTANCE, DecisionBudget.unlimited()));

                // What /metrics serves: the 503 then the answer, as the circuit and the retry of the target saw them.
                String scrape = registry.scrape();
                String target = "name=\"" + ollama.baseUrl() + "|" + MODEL + "\"";
                for (String series : List.of(
                        "resilience4j_circuitbreaker_calls_seconds_count{kind=\"failed\"," + target + "} 1",
                        "resilience4j_circuitbreaker_calls_seconds_count{kind=\"successful\"," + target + "} 1",
                        "resilience4j_circuitbreaker_state{" + target + ",state=\"closed\"} 1",
                        "resilience4j_retry_calls_total{kind=\"successful_with_retry\"," + target + "} 1",
                        "resilience4j_retry_calls_total{kind=\"successful_without_retry\"," + target + "} 0")) {
                    assertTrue(scrape.contains(series), () -> series + " not in\n" + scrape);
                }
            }
        }
    }

    @Test
    void should_serve_at_metrics_and_health_the_calls_each_server_counted_by_outcome_and_retry() throws Exception {
        String qwen = "qwen2.5:7b";
        String llama = "llama3.1:8b";
        try (OllamaTestServer gpu1 = OllamaTestServer.start(); OllamaTestServer gpu2 = OllamaTestServer.start()) {
            // Six chain calls; what gpu1 answers each HTTP attempt, in order (two attempts per ask at most):
            gpu1.model(qwen).then(OllamaReply.content(VALID))                           // 1: 200
                    .then(OllamaReply.internalError(), 2)                               // 2: 500, 500 -> llama
                    .then(OllamaReply.busy()).then(OllamaReply.content(VALID))          // 3: 503, 200
                    .then(OllamaReply.content(VALID).after(Duration.ofSeconds(3)), 2)   // 4: timeout, timeout -> llama
                    .then(OllamaReply.malformedJson()).then(OllamaReply.content(VALID)) // 5: 200 invalid, re-ask 200
                    .thenAlways(OllamaReply.content(VALID));
            gpu2.model(llama).thenAlways(OllamaReply.content(VALID));
            ResilienceSettings settings = ResilienceSettings.builder().callTimeout(Duration.ofSeconds(1)).maxAttempts(2)
                    .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2))
                    .slidingWindowSize(20).minimumCalls(20).build();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (ModelChainClient chain = new ModelChainClient(new ModelChainConfig(List.of(
                    new ModelTier(qwen, List.of(new OllamaEndpoint(gpu1.baseUrl(), 1))),
                    new ModelTier(llama, List.of(new OllamaEndpoint(gpu2.baseUrl(), 2)))), settings, GenerationOptions.DEFAULT));
                 Readiness readiness = new Readiness(llmChecks(chain, gpu1, gpu2));
                 ApiServer api = TestApi.serve(new ApiBackends(Optional.empty(), Optional.empty(), Optional.empty(),
                         Optional.empty(), Optional.empty(), readiness, registry))) {
                EndpointMetrics.bind(registry, chain);
                for (int call = 1; call <= 5; call++) {
                    assertInstanceOf(ChainResult.Answered.class, chain.call(List.of(UserMessage.from("NVDA")),
                            SignalAssessmentOutput.INSTANCE, DecisionBudget.unlimited()));
                }
                gpu1.remove(qwen);
                // 6: 404, not retried -> llama; the model is then skipped without a call.
                for (int call = 6; call <= 7; call++) {
                    assertInstanceOf(ChainResult.Answered.class, chain.call(List.of(UserMessage.from("NVDA")),
                            SignalAssessmentOutput.INSTANCE, DecisionBudget.unlimited()));
                }

                Map<String, Double> scraped = series(get(api, "/metrics"));
                String first = "name=\"" + gpu1.baseUrl() + "|" + qwen + "\"";
                String second = "name=\"" + gpu2.baseUrl() + "|" + llama + "\"";
                // gpu1: every chat it received is one outcome: 4 answered in time, 5 against the circuit (500, 500,
                // 503 and two timeouts), the 404 neither.
                assertEquals(10, gpu1.chatCount(qwen));
                Map<String, Double> expected = new LinkedHashMap<>();
                expected.put("resilience4j_circuitbreaker_calls_seconds_count{kind=\"successful\"," + first + "}", 4.0);
                expected.put("resilience4j_circuitbreaker_calls_seconds_count{kind=\"failed\"," + first + "}", 5.0);
                expected.put("resilience4j_circuitbreaker_calls_seconds_count{kind=\"ignored\"," + first + "}", 1.0);
                expected.put("resilience4j_circuitbreaker_not_permitted_calls_total{kind=\"not_permitted\"," + first + "}", 0.0);
                expected.put("resilience4j_circuitbreaker_buffered_calls{kind=\"successful\"," + first + "}", 4.0);
                expected.put("resilience4j_circuitbreaker_buffered_calls{kind=\"failed\"," + first + "}", 5.0);
                expected.put("resilience4j_circuitbreaker_state{" + first + ",state=\"closed\"}", 1.0);
                // Seven asks: 1, 5 and 5's re-ask at once, 3 after a retry; 2 and 4 after theirs; 6 (404) at once.
                expected.put("resilience4j_retry_calls_total{kind=\"successful_without_retry\"," + first + "}", 3.0);
                expected.put("resilience4j_retry_calls_total{kind=\"successful_with_retry\"," + first + "}", 1.0);
                expected.put("resilience4j_retry_calls_total{kind=\"failed_with_retry\"," + first + "}", 2.0);
                expected.put("resilience4j_retry_calls_total{kind=\"failed_without_retry\"," + first + "}", 1.0);
                // gpu2 answered calls 2, 4, 6 and 7.
                assertEquals(4, gpu2.chatCount(llama));
                expected.put("resilience4j_circuitbreaker_calls_seconds_count{kind=\"successful\"," + second + "}", 4.0);
                expected.put("resilience4j_circuitbreaker_calls_seconds_count{kind=\"failed\"," + second + "}", 0.0);
                expected.put("resilience4j_circuitbreaker_calls_seconds_count{kind=\"ignored\"," + second + "}", 0.0);
                expected.put("resilience4j_retry_calls_total{kind=\"successful_without_retry\"," + second + "}", 4.0);
                for (OllamaTestServer server : List.of(gpu1, gpu2)) {
                    expected.put("quorum_ollama_endpoint_in_flight{endpoint=\"" + server.baseUrl() + "\"}", 0.0);
                }
                expected.put("quorum_ollama_endpoint_parallel{endpoint=\"" + gpu2.baseUrl() + "\"}", 2.0);
                expected.put("quorum_ollama_circuit_state{endpoint=\"" + gpu1.baseUrl() + "\",model=\"" + qwen + "\"}", 0.0);
                expected.put("quorum_ollama_invalid_output_consecutive{endpoint=\"" + gpu1.baseUrl() + "\",model=\"" + qwen + "\"}", 0.0);
                Map<String, Double> served = new LinkedHashMap<>();
                expected.keySet().forEach(name -> served.put(name, scraped.get(name)));
                assertEquals(expected, served);
                // The two timeouts took the call timeout each; the failed calls' time is at least that.
                double failedSeconds = scraped.get("resilience4j_circuitbreaker_calls_seconds_sum{kind=\"failed\"," + first + "}");
                assertTrue(failedSeconds >= 2 * settings.callTimeout().toMillis() / 1000.0, () -> failedSeconds + " s");

                // gpu1 still answers, but the chain's only model on it is gone: it serves nothing. Before, /health
                // counted it as up for answering /api/version ("2 of 2 Ollama endpoints answer").
                JsonNode health = json(get(api, "/health"));
                assertEquals("1 of 2 Ollama endpoints serve a model of the chain (0.50, needed 0.50)",
                        health.at("/checks/llm/detail").asText());
                assertEquals("DOWN", health.at("/checks/ollama:gpu1/status").asText());
                assertEquals("Ollama " + OllamaTestServer.VERSION + " at " + gpu1.baseUrl() + " serves 0 of 1 models; not pulled: "
                        + qwen, health.at("/checks/ollama:gpu1/detail").asText());
                assertEquals("UP", health.at("/checks/ollama:gpu2/status").asText());
                gpu1.model(qwen).thenAlways(OllamaReply.content(VALID)); // an operator pulls it again
                assertEquals("2 of 2 Ollama endpoints serve a model of the chain (1.00, needed 0.50)",
                        json(get(api, "/health")).at("/checks/llm/detail").asText());
                gpu2.close();
                JsonNode gone = json(get(api, "/health"));
                assertEquals("1 of 2 Ollama endpoints serve a model of the chain (0.50, needed 0.50)",
                        gone.at("/checks/llm/detail").asText());
                assertEquals("Ollama at " + gpu2.baseUrl() + " is unreachable (connection refused)",
                        gone.at("/checks/ollama:gpu2/detail").asText());
            }
        }
    }

    /** Each endpoint's check, probing on every call (a test's /health calls come faster than the probe is kept), and the llm one. */
    static List<ReadinessCheck> llmChecks(ModelChainClient chain, OllamaTestServer gpu1, OllamaTestServer gpu2) {
        List<ReadinessCheck> endpoints = List.of(new OllamaEndpointCheck("gpu1", gpu1.baseUrl(), chain, Duration.ZERO),
                new OllamaEndpointCheck("gpu2", gpu2.baseUrl(), chain, Duration.ZERO));
        List<ReadinessCheck> checks = new ArrayList<>(endpoints);
        checks.add(new LlmAvailabilityCheck(endpoints, 0.5));
        return checks;
    }

    /** Each sample of a Prometheus text scrape by its name and labels, as printed. */
    static Map<String, Double> series(String scrape) {
        Map<String, Double> series = new LinkedHashMap<>();
        scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return series;
    }

    static String get(ApiServer api, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + api.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    static double gauge(SimpleMeterRegistry registry, String name, OllamaTestServer server) {
        return registry.get(name).tag("endpoint", server.baseUrl()).gauge().value();
    }
}
