package dev.quorum.orchestrator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.publish.RedisSink;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cycle benchmark (not a test: it asserts nothing about time and is skipped unless {@code -Dquorum.bench=true}).
 * With the Ollama protocol test server answering every call after a fixed latency L, it runs one cycle of N tickers x
 * A LLM agents (plus the LLM synthesis) and prints the measured wall time next to the ideal critical path, LLM calls
 * and tokens per decision, and the publish throughput to a real redis-server. Run it with {@code bench/run.sh}.
 */
class CycleBenchmark {

    private static final String MODEL = "qwen2.5:7b";
    private static final String SIGNAL = """
            {"signal": "BULLISH", "confidence": 0.7, "summary": "Benchmark answer.", "key_factors": ["fixed"]}""";
    private static final String VERDICT = """
            {"verdict": "BUY", "confidence": 0.7, "reasoning": "Benchmark answer."}""";
    private static final List<String> PROMPTS = List.of("technical", "risk", "sentiment", "macro");

    @TempDir
    Path dir;

    private static int setting(String name, int fallback) {
        return Integer.parseInt(System.getProperty("bench." + name, Integer.toString(fallback)));
    }

    @Test
    void cycle_benchmark() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("quorum.bench"), "benchmark: run bench/run.sh (-Dquorum.bench=true)");
        int tickers = setting("tickers", 5);
        int agents = setting("agents", 4);
        int latencyMs = setting("latencyMs", 200);
        int parallel = setting("parallel", 4);
        int publishes = setting("publishes", 2000);
        int parallelTickers = setting("parallelTickers", 1);
        List<String> watchlist = List.of("AAPL", "MSFT", "NVDA", "JPM", "XOM").subList(0, Math.min(5, tickers));

        try (OllamaTestServer ollama = OllamaTestServer.start(); RedisServer redis = new RedisServer()) {
            redis.start();
            ollama.model(MODEL).thenAlways(OllamaReply.content(chat ->
                    chat.content("system").contains("portfolio manager") ? VERDICT : SIGNAL).after(Duration.ofMillis(latencyMs)));
            StringBuilder roster = new StringBuilder("agents:\n");
            for (int i = 0; i < agents; i++) {
                String prompt = PROMPTS.get(i % PROMPTS.size());
                roster.append("  - {name: ").append(prompt).append(i < PROMPTS.size() ? "" : "-" + i)
                        .append(", domain: bench, prompt: ").append(prompt).append(", backend: ollama}\n");
            }
            Path file = dir.resolve("bench.yaml");
            Files.writeString(file, "data_dir: " + dir.resolve("state") + "\n"
                    + "parallel_tickers: " + parallelTickers + "\n"
                    + "market:\n  data_dir: " + ProjectPaths.root().resolve("samples/market") + "\n"
                    + "prompts_dir: " + ProjectPaths.root().resolve("prompts") + "\n" + roster
                    + "ollama:\n  endpoints:\n    - {name: bench, url: \"" + ollama.baseUrl() + "\", parallel: " + parallel + "}\n"
                    + "  chain:\n    - {endpoint: bench, model: \"" + MODEL + "\"}\n"
                    + "budget:\n  max_llm_calls: 1000\n"
                    + "synthesis:\n  backend: ollama\n"
                    + "memory:\n  recall_k: 0\n"
                    + "redis:\n  url: " + redis.url() + "\n");
            QuorumConfig config = new ConfigLoader(Map.of()).from(Optional.of(file));

            try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.REDIS)) {
                runtime.cycle().run(List.of(watchlist.get(0)), LocalDate.parse("2024-06-03"), () -> false); // warm-up
                long start = System.nanoTime();
                CycleReport report = runtime.cycle().run(watchlist, LocalDate.parse("2024-06-04"), () -> false);
                double wall = (System.nanoTime() - start) / 1e9;
                runtime.publisher().drain();

                // Tickers go in waves of parallel_tickers; in a wave, the agents' calls of all its tickers share the
                // endpoint bulkhead, then the synthesis calls do.
                double ideal = 0;
                for (int done = 0; done < watchlist.size(); done += parallelTickers) {
                    int wave = Math.min(parallelTickers, watchlist.size() - done);
                    ideal += (ceilDiv(agents * wave, parallel) + ceilDiv(wave, parallel)) * latencyMs / 1000.0;
                }
                ObjectMapper json = new ObjectMapper();
                long calls = 0;
                long tokens = 0;
                for (TickerDecision d : report.decided()) {
                    JsonNode meta = json.readTree(runtime.store().envelope(d.correlationId()).orElseThrow()).get("meta");
                    calls += meta.at("/llm/calls").asLong();
                    tokens += meta.at("/llm/prompt_tokens").asLong() + meta.at("/llm/completion_tokens").asLong();
                }
                int decided = Math.max(1, report.decided().size());

                try (UnifiedJedis client = RedisConnections.open(RedisUrl.parse(redis.url()))) {
                    RedisSink sink = new RedisSink(client, redis.url(), new PublisherSettings("bench:stream", 0));
                    String envelope = runtime.store().envelope(report.decided().get(0).correlationId()).orElseThrow();
                    long publishStart = System.nanoTime();
                    for (int i = 0; i < publishes; i++) {
                        sink.publish("bench", envelope);
                    }
                    double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
                    String result = String.format(Locale.ROOT, """
                            Quorum cycle benchmark (Ollama test server, fixed latency L = %d ms per call)
                              tickers N = %d, agents A = %d (+1 LLM synthesis), endpoint parallel P = %d, parallel tickers T = %d
                              measured wall time of the cycle : %.2f s (%d decided, %d failed)
                              ideal critical path            : %.2f s = sum over ticker waves of (ceil(A x T/P) + ceil(T/P)) x L
                              overhead over ideal            : %.2f s (%.0f %%)
                              LLM calls per decision         : %.1f
                              tokens per decision            : %.0f (prompt + completion, as the test server counts them)
                              publish throughput to Redis    : %.0f envelopes/s (%d publishes, XADD + HSET in MULTI/EXEC, %d-byte envelope)
                            """, latencyMs, watchlist.size(), agents, parallel, parallelTickers, wall, report.decided().size(),
                            report.failed().size(), ideal, wall - ideal, (wall - ideal) / ideal * 100,
                            (double) calls / decided, (double) tokens / decided, publishes / publishSeconds, publishes,
                            envelope.length());
                    System.out.println(result);
                    Path out = ProjectPaths.root().resolve("bench-results");
                    Files.createDirectories(out);
                    Files.writeString(out.resolve("cycle-N" + watchlist.size() + "-A" + agents + "-P" + parallel + "-T" + parallelTickers + "-L" + latencyMs + ".txt"), result);
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
