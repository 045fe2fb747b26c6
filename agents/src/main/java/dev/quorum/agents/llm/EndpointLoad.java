package dev.quorum.agents.llm;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How busy and how healthy one Ollama endpoint is right now.
 *
 * @param inFlight calls being served by it (at most {@code endpoint.numParallel()})
 * @param circuits the circuit state of each model of the chain it serves, by model name, in chain order
 */
public record EndpointLoad(OllamaEndpoint endpoint, int inFlight, Map<String, CircuitBreaker.State> circuits) {

    public EndpointLoad {
        circuits = Collections.unmodifiableMap(new LinkedHashMap<>(circuits));
    }

    /** In flight / numParallel: 0 idle, 1 full. */
    public double occupancy() {
        return inFlight / (double) endpoint.numParallel();
    }
}
