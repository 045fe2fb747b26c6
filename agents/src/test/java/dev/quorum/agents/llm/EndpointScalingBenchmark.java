package dev.quorum.agents.llm;

import dev.quorum.agents.DecisionBudget;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint scaling benchmark (not a test: it asserts nothing about time and is skipped unless
 * {@code -Dquorum.bench=true}). E Ollama protocol test servers, each answering after a fixed latency L and serving at
 * most P requests at once (503 "server busy" beyond, like Ollama), form one model tier; 2 x E x P callers share one
 * {@link ModelChainClient} and make C calls per endpoint slot. Throughput is printed for E = 1, 2, 4 next to the
 * ideal E x P / L, and as a ratio to linear scaling from one endpoint; then the 4 hosts as 4 single-endpoint links
 * (the chain before tiers) for comparison. Run it with {@code bench/endpoints.sh}.
 */
class EndpointScalingBenchmark {

    private static final String MODEL = "qwen2.5:7b";

    private static int setting(String name, int fallback) {
        return Integer.parseInt(System.getProperty("bench." + name, Integer.toString(fallback)));
    }

    @Test
    void endpoint_scaling_benchmark() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("quorum.bench"), "benchmark: run bench/endpoints.sh (-Dquorum.bench=true)");
        int latencyMs = setting("latencyMs", 200);
        int parallel = setting("parallel", 2);
        int callsPerSlot = setting("callsPerSlot", 20);
        StringBuilder result = new StringBuilder(String.format(Locale.ROOT, """
                Quorum endpoint scaling benchmark (one model served by E Ollama test servers)
                  each server: fixed latency L = %d ms per call, parallel P = %d (503 server busy beyond P)
                  callers: 2 x E x P threads sharing one ModelChainClient, %d calls per endpoint slot
                  chain                      E  calls   wall s   calls/s   ideal (E x P / L)   of ideal   vs linear from E=1   served per endpoint   503s
                """, latencyMs, parallel, callsPerSlot));
        run(1, parallel, latencyMs, callsPerSlot, false); // warm-up: JIT, HTTP connections
        double single = 0;
        for (int endpoints : List.of(1, 2, 4)) {
            Run run = run(endpoints, parallel, latencyMs, callsPerSlot, false);
            if (endpoints == 1) {
                single = run.throughput();
            }
            result.append(row("one tier, E endpoints", endpoints, parallel, latencyMs, single, run));
        }
        // The same hosts as consecutive single-endpoint links (the chain before tiers): the first host takes every call.
        result.append(row("E links of one endpoint", 4, parallel, latencyMs, single, run(4, parallel, latencyMs, callsPerSlot, true)));
        System.out.println(result);
        Path out = ProjectPaths.root().resolve("bench-results");
        Files.createDirectories(out);
        Files.writeString(out.resolve("endpoints-P" + parallel + "-L" + latencyMs + ".txt"), result);
    }

    private static String row(String chain, int endpoints, int parallel, int latencyMs, double single, Run run) {
        double ideal = endpoints * parallel * 1000.0 / latencyMs;
        return String.format(Locale.ROOT, "  %-24s   %d  %5d   %6.2f   %7.1f   %17.1f   %6.1f %%   %16.1f %%   %-19s   %d%n",
                chain, endpoints, run.calls(), run.wallSeconds(), run.throughput(), ideal, run.throughput() / ideal * 100,
                run.throughput() / (single * endpoints) * 100, run.perEndpoint(), run.busy());
    }

    record Run(int calls, double wallSeconds, List<Integer> perEndpoint, int busy) {
        double throughput() {
            return calls / wallSeconds;
        }
    }

    /** @param strict each endpoint its own link of the chain, in order, instead of one tier over all of them */
    private static Run run(int endpoints, int parallel, int latencyMs, int callsPerSlot, boolean strict) throws Exception {
        List<OllamaTestServer> servers = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(2 * endpoints * parallel);
        try {
            List<OllamaEndpoint> tier = new ArrayList<>();
            for (int i = 0; i < endpoints; i++) {
                OllamaTestServer server = OllamaTestServer.start().latency(Duration.ofMillis(latencyMs)).limitConcurrency(parallel);
                server.model(MODEL).thenAlways(OllamaReply.content(ModelChainClientTest.VALID));
                servers.add(server);
                tier.add(new OllamaEndpoint(server.baseUrl(), parallel));
            }
            ResilienceSettings settings = ResilienceSettings.builder().callTimeout(Duration.ofSeconds(30)).build();
            int calls = callsPerSlot * endpoints * parallel;
            AtomicInteger left = new AtomicInteger(calls);
            AtomicInteger failed = new AtomicInteger();
            List<ModelTier> chain = strict
                    ? tier.stream().map(endpoint -> ModelTier.of(endpoint, MODEL)).toList()
                    : List.of(new ModelTier(MODEL, tier));
            try (ModelChainClient client = new ModelChainClient(new ModelChainConfig(chain, settings, GenerationOptions.DEFAULT),
                    Clock.systemUTC())) {
                long start = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < 2 * endpoints * parallel; i++) {
                    running.add(callers.submit(() -> {
                        while (left.getAndDecrement() > 0) {
                            ChainResult<SignalAssessment> result = client.call(ModelChainClientTest.MESSAGES,
                                    SignalAssessmentOutput.INSTANCE, DecisionBudget.unlimited());
                            if (result instanceof ChainResult.Failed<?>) {
                                failed.incrementAndGet();
                            }
                        }
                    }));
                }
                for (Future<?> caller : running) {
                    caller.get();
                }
                double wall = (System.nanoTime() - start) / 1e9;
                if (failed.get() > 0) {
                    throw new AssertionError(failed.get() + " of " + calls + " calls failed: the benchmark is void");
                }
                return new Run(calls, wall, servers.stream().map(s -> s.chatCount(MODEL)).toList(),
                        servers.stream().mapToInt(OllamaTestServer::busyRejections).sum());
            }
        } finally {
            callers.shutdownNow();
            servers.forEach(OllamaTestServer::close);
        }
    }
}
