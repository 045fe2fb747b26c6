package dev.quorum.orchestrator.llm;

import dev.quorum.agents.llm.EndpointLoad;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ModelTarget;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * Publishes the load and health of every Ollama endpoint of a chain as gauges, read at scrape time:
 * {@code quorum.ollama.endpoint.in_flight} and {@code quorum.ollama.endpoint.parallel} per endpoint, and
 * {@code quorum.ollama.circuit.state} per (endpoint, model): 0 closed, 1 half-open, 2 open;
 * {@code quorum.ollama.invalid_output.skipped} (1 while skipped for invalid replies) and
 * {@code quorum.ollama.invalid_output.consecutive} per (endpoint, model). An operator adding a
 * GPU host sees on these whether the calls spread and whether a host's circuit is open.
 * resilience4j-micrometer adds its own series per target ({@code name="endpoint|model"}), for circuits created
 * later too: {@code resilience4j_circuitbreaker_calls_seconds_count{kind}} (successful, failed, ignored,
 * not_permitted), {@code resilience4j_circuitbreaker_state}, {@code resilience4j_circuitbreaker_failure_rate} and
 * {@code resilience4j_retry_calls_total{kind}} (successful_without_retry, successful_with_retry, failed_with_retry, ...).
 */
public final class EndpointMetrics {

    private EndpointMetrics() {
    }

    public static void bind(MeterRegistry registry, ModelChainClient chain) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(chain.guards().circuitBreakers()).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(chain.guards().retries()).bindTo(registry);
        for (EndpointLoad load : chain.endpointLoads()) {
            String url = load.endpoint().baseUrl();
            gauge(registry, "quorum.ollama.endpoint.in_flight", chain, url, null, EndpointLoad::inFlight,
                    "calls being served by the endpoint");
            gauge(registry, "quorum.ollama.endpoint.parallel", chain, url, null, l -> l.endpoint().numParallel(),
                    "the endpoint's bulkhead size (its OLLAMA_NUM_PARALLEL)");
            for (String model : load.circuits().keySet()) {
                gauge(registry, "quorum.ollama.circuit.state", chain, url, model, l -> switch (l.circuits().get(model)) {
                    case CLOSED -> 0;
                    case HALF_OPEN -> 1;
                    default -> 2;
                }, "circuit of the model on the endpoint: 0 closed, 1 half-open, 2 open");
                ModelTarget target = new ModelTarget(load.endpoint(), model);
                Gauge.builder("quorum.ollama.invalid_output.skipped", chain, c -> c.skippedForInvalidOutput(target) ? 1 : 0)
                        .description("1 while the model on the endpoint is skipped for replying invalid output too often in a row")
                        .tag("endpoint", url).tag("model", model).strongReference(true).register(registry);
                Gauge.builder("quorum.ollama.invalid_output.consecutive", chain, c -> c.consecutiveInvalidReplies(target))
                        .description("invalid replies in a row from the model on the endpoint")
                        .tag("endpoint", url).tag("model", model).strongReference(true).register(registry);
            }
        }
    }

    private static void gauge(MeterRegistry registry, String name, ModelChainClient chain, String url, String model,
                              ToDoubleFunction<EndpointLoad> value, String description) {
        ToDoubleFunction<ModelChainClient> read = c -> c.endpointLoads().stream()
                .filter(l -> l.endpoint().baseUrl().equals(url)).findFirst().map(value::applyAsDouble).orElse(Double.NaN);
        Gauge.Builder<ModelChainClient> gauge = Gauge.builder(name, chain, read).description(description)
                .tag("endpoint", url).strongReference(true);
        if (model != null) {
            gauge.tag("model", model);
        }
        gauge.register(registry);
    }
}
