package dev.quorum.orchestrator.bench;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.scaleout.JobQueue;
import dev.quorum.orchestrator.scaleout.JobWorker;
import dev.quorum.orchestrator.scaleout.Role;
import dev.quorum.testkit.Closer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scale-out benchmark (not a test: skipped unless {@code -Dquorum.bench=true}; run {@code bench/scaleout.sh}).
 * W workers, each with its own SQLite and its own Ollama endpoint (a test server answering every call after a
 * fixed latency L, parallelism P), take the same J jobs from one job stream on a real redis-server. Prints the
 * throughput for W = 1, 2, 4 and its ratio to ideal linear scaling (W times the one-worker throughput).
 */
class ScaleOutBenchmark {

    private static final String MODEL = "qwen2.5:7b";
    private static final String SIGNAL = """
            {"signal": "BULLISH", "confidence": 0.7, "summary": "Benchmark answer.", "key_factors": ["fixed"]}""";
    private static final List<String> TICKERS = List.of("AAPL", "MSFT", "NVDA", "JPM", "XOM");

    @TempDir
    Path dir;

    private static int setting(String name, int fallback) {
        return Integer.parseInt(System.getProperty("bench." + name, Integer.toString(fallback)));
    }

    @Test
    void scale_out_benchmark() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("quorum.bench"), "benchmark: run bench/scaleout.sh (-Dquorum.bench=true)");
        int latencyMs = setting("latencyMs", 200);
        int parallel = setting("parallel", 4);
        int sessions = setting("sessions", 16);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, """
                Quorum scale-out benchmark: %d jobs (5 tickers x %d sessions), 4 LLM agents + rule synthesis per job,
                one Ollama test server per worker (fixed latency L = %d ms per call, parallel P = %d), one redis-server
                latency bound: each job is one round of 4 parallel calls, so W workers can do at most W x 1000/L jobs/s
                  workers   wall (s)   decisions/s   speed-up   ratio to ideal linear   of the latency bound
                """, TICKERS.size() * sessions, sessions, latencyMs, parallel));
        double single = 0;
        for (int workers : List.of(1, 2, 4)) {
            double throughput = run(workers, latencyMs, parallel, sessions, report);
            if (workers == 1) {
                single = throughput;
            }
            report.append(String.format(Locale.ROOT, "  %7d   %8.2f   %11.2f   %8.2f   %21.2f   %19.0f %%%n", workers,
                    TICKERS.size() * sessions / throughput, throughput, throughput / single, throughput / (single * workers),
                    100 * throughput / (workers * 1000.0 / latencyMs)));
        }
        System.out.println(report);
        Path out = ProjectPaths.root().resolve("bench-results");
        Files.createDirectories(out);
        Files.writeString(out.resolve("scaleout-L" + latencyMs + "-P" + parallel + ".txt"), report.toString());
    }

    /** @return decisions per second with {@code workers} workers */
    private double run(int workers, int latencyMs, int parallel, int sessions, StringBuilder report) throws Exception {
        try (Closer closer = new Closer()) {
            RedisServer redis = closer.add(new RedisServer());
            redis.start();
            List<QuorumRuntime> runtimes = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                OllamaTestServer ollama = closer.add(OllamaTestServer.start());
                ollama.model(MODEL).thenAlways(OllamaReply.content(SIGNAL).after(Duration.ofMillis(latencyMs)));
                QuorumRuntime runtime = closer.add(QuorumRuntime.open(config(w, workers, redis.url(), ollama.baseUrl(), parallel), Role.WORKER));
                runtime.publisher().start();
                runtimes.add(runtime);
            }
            List<LocalDate> all = dev.quorum.agents.market.CsvMarketData.open(ProjectPaths.root().resolve("samples/market"))
                    .calendar().sessions();
            List<LocalDate> dates = all.subList(all.size() - sessions, all.size());
            UnifiedJedis client = closer.add(RedisConnections.open(RedisUrl.parse(redis.url())));
            QuorumRuntime first = runtimes.get(0);
            JobQueue queue = new JobQueue(client, first.scaleKeys(), first.config().scale().group());
            for (LocalDate date : dates) {
                queue.enqueue(TICKERS, date, true);
            }
            long start = System.nanoTime();
            List<JobWorker> running = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                QuorumRuntime runtime = runtimes.get(w);
                JobWorker worker = new JobWorker(runtime.redis().orElseThrow(), runtime.scaleKeys(), runtime.config().scale().group(),
                        "bench-" + w, Duration.ofSeconds(600), Duration.ofMillis(50), runtime.cycle(), runtime.publisher(), false,
                Duration.ofSeconds(120), Duration.ofSeconds(1800), runtime::refreshMarketData);
                running.add(worker);
                Thread thread = new Thread(worker, "bench-worker-" + w);
                threads.add(thread);
                thread.start();
            }
            while (true) {
                JobQueue.Backlog backlog = queue.backlog();
                if (backlog.pending() == 0 && backlog.undelivered() == 0) {
                    break;
                }
                Thread.sleep(5);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            running.forEach(JobWorker::stop);
            for (Thread thread : threads) {
                thread.join();
            }
            long decided = running.stream().mapToLong(w -> w.stats().decided()).sum();
            if (decided != (long) TICKERS.size() * sessions) {
                throw new AssertionError("expected every job decided once, got " + decided);
            }
            return decided / wall;
        }
    }

    private QuorumConfig config(int worker, int workers, String redisUrl, String ollamaUrl, int parallel) throws Exception {
        Path state = dir.resolve("w" + workers + "-" + worker);
        Files.createDirectories(state);
        Path file = state.resolve("bench.yaml");
        Files.writeString(file, "data_dir: " + state + "\n"
                + "market:\n  data_dir: " + ProjectPaths.root().resolve("samples/market") + "\n"
                + "prompts_dir: " + ProjectPaths.root().resolve("prompts") + "\n"
                + "agents:\n"
                + "  - {name: technical, domain: trend-momentum, backend: ollama}\n"
                + "  - {name: risk, domain: volatility-drawdown, backend: ollama}\n"
                + "  - {name: sentiment, domain: news-sentiment, backend: ollama}\n"
                + "  - {name: macro, domain: regime-rates, backend: ollama}\n"
                + "ollama:\n  endpoints:\n    - {name: gpu, url: \"" + ollamaUrl + "\", parallel: " + parallel + "}\n"
                + "  chain:\n    - {endpoint: gpu, model: \"" + MODEL + "\"}\n"
                + "memory:\n  recall_k: 0\n"
                + "redis:\n  url: " + redisUrl + "\n");
        return new ConfigLoader(Map.of()).from(Optional.of(file));
    }
}
