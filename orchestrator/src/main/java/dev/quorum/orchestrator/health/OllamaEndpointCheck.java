package dev.quorum.orchestrator.health;

import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ModelTarget;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.agents.llm.OllamaProbe;
import dev.quorum.agents.llm.OllamaProbe.EndpointStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether one Ollama endpoint can serve the chain: it answers ({@link OllamaProbe}: {@code /api/version} and
 * {@code /api/tags}), and at least one of the chain's models on it is pulled and has a circuit that is not open.
 * An endpoint that answers with none of them is as useless to the agents as one that is down, so it counts as down;
 * the detail names each model not pulled and each open circuit, which is what an operator fixes or waits out.
 *
 * <p>{@code /health} may be polled often, by several balancers, and the required {@code llm} check asks this check
 * again beside its own line: the probe's answer is kept for {@link #PROBE_REUSED_FOR} and one probe at a time runs,
 * so an endpoint gets two small GETs per that period at most, whoever asks. Circuits are read live (no request). Each
 * probe request is bounded as a whole by {@link #PROBE_TIMEOUT} and in size by the client's cap, so neither a
 * dripping nor a flooding endpoint holds {@code /health} longer than two timeouts.
 */
public final class OllamaEndpointCheck implements ReadinessCheck {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** Long enough to spare an endpoint polled every second or two; short against a balancer's failure threshold. */
    static final Duration PROBE_REUSED_FOR = Duration.ofSeconds(5);

    private final String name;
    private final OllamaEndpoint endpoint;
    private final List<ModelTarget> targets;
    private final ModelChainClient chain;
    private final OllamaProbe probe = new OllamaProbe(PROBE_TIMEOUT);
    private final Duration probeReusedFor;
    private EndpointStatus probed;
    private long probedAtNanos;

    /** @param endpointUrl one of the chain's endpoints, as configured */
    public OllamaEndpointCheck(String endpointName, String endpointUrl, ModelChainClient chain) {
        this(endpointName, endpointUrl, chain, PROBE_REUSED_FOR);
    }

    /** @param probeReusedFor how long a probe's answer is kept (zero: every check probes, for tests) */
    public OllamaEndpointCheck(String endpointName, String endpointUrl, ModelChainClient chain, Duration probeReusedFor) {
        this.probeReusedFor = probeReusedFor;
        this.name = "ollama:" + endpointName;
        String baseUrl = OllamaEndpoint.of(endpointUrl).baseUrl();
        this.targets = chain.config().targets().stream().filter(t -> t.endpoint().baseUrl().equals(baseUrl)).toList();
        this.endpoint = chain.config().endpoints().stream().filter(e -> e.baseUrl().equals(baseUrl)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model of the chain is served by " + baseUrl));
        this.chain = chain;
    }

    @Override
    public String name() {
        return name;
    }

    /** Optional: one endpoint of several down only degrades; {@link LlmAvailabilityCheck} is the required one. */
    @Override
    public boolean required() {
        return false;
    }

    @Override
    public CheckResult check() {
        long start = System.nanoTime();
        EndpointStatus status = probe();
        if (!status.reachable()) {
            return new CheckResult(false, "Ollama at " + endpoint.baseUrl() + " is unreachable (" + status.problem() + ")",
                    HttpEndpointCheck.millisSince(start));
        }
        List<String> notPulled = new ArrayList<>();
        List<String> circuitOpen = new ArrayList<>();
        for (ModelTarget target : targets) {
            if (!OllamaProbe.serves(List.of(status), target)) {
                notPulled.add(target.model());
            } else if (open(chain.guards().circuitState(target))) {
                circuitOpen.add(target.model());
            }
        }
        int serving = targets.size() - notPulled.size() - circuitOpen.size();
        String detail = "Ollama " + status.version() + " at " + endpoint.baseUrl() + " serves " + serving + " of "
                + targets.size() + " models" + (notPulled.isEmpty() ? "" : "; not pulled: " + String.join(", ", notPulled))
                + (circuitOpen.isEmpty() ? "" : "; circuit open: " + String.join(", ", circuitOpen));
        return new CheckResult(serving > 0, detail, HttpEndpointCheck.millisSince(start));
    }

    private static boolean open(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /** The last probe's answer while it is fresh; otherwise a new one (callers meanwhile wait for it and share it). */
    private synchronized EndpointStatus probe() {
        if (probed == null || System.nanoTime() - probedAtNanos >= probeReusedFor.toNanos()) {
            probed = probe.probe(endpoint);
            probedAtNanos = System.nanoTime();
        }
        return probed;
    }
}
