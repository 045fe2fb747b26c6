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
 * ideal E x P / L, and as a ratio to linear scaling from one endpoint. Run it with {@code bench/endpoints.sh}.
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
                  E  calls   wall s   calls/s   ideal calls/s (E x P / L)   of ideal   vs linear from E=1   per endpoint   503s
                """, latencyMs, parallel, callsPerSlot));
        run(1, parallel, latencyMs, callsPerSlot); // warm-up: JIT, HTTP connections
        double single = 0;
        for (int endpoints : List.of(1, 2, 4)) {
            Run run = run(endpoints, parallel, latencyMs, callsPerSlot);
            double ideal = endpoints * parallel * 1000.0 / latencyMs;
            if (endpoints == 1) {
                single = run.throughput();
            }
            result.append(String.format(Locale.ROOT, "  %d  %5d   %6.2f   %7.1f   %25.1f   %7.1f %%   %17.1f %%   %-13s  %d%n",
                    endpoints, run.calls(), run.wallSeconds(), run.throughput(), ideal, run.throughput() / ideal * 100,
                    run.throughput() / (single * endpoints) * 100, run.perEndpoint(), run.busy()));
        }
        System.out.println(result);
        Path out = ProjectPaths.root().resolve("bench-results");
        Files.createDirectories(out);
        Files.writeString(out.resolve("endpoints-P" + parallel + "-L" + latencyMs + ".txt"), result);
    }

    record Run(int calls, double wallSeconds, List<Integer> perEndpoint, int busy) {
        double throughput() {
            return calls / wallSeconds;
        }
    }

    private static Run run(int endpoints, int parallel, int latencyMs, int callsPerSlot) throws Exception {
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
            try (ModelChainClient client = new ModelChainClient(new ModelChainConfig(List.of(new ModelTier(MODEL, tier)),
                    settings, GenerationOptions.DEFAULT), Clock.systemUTC())) {
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
