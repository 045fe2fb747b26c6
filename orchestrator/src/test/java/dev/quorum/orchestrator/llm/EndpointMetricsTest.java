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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
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

    static double gauge(SimpleMeterRegistry registry, String name, OllamaTestServer server) {
        return registry.get(name).tag("endpoint", server.baseUrl()).gauge().value();
    }
}
