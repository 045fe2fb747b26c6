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
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.store.DecisionRecord;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.publish.OutboxPublisher;
import dev.quorum.orchestrator.publish.RedisSink;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.OllamaServerProcess;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The cycle benchmark (not a test: it asserts nothing about time and is skipped unless {@code -Dquorum.bench=true}).
 * With the Ollama protocol test server answering every call after a fixed latency L (in a warmed-up JVM of its own,
 * {@link OllamaServerProcess}, as a real Ollama runs apart from Quorum), it runs one cycle of N tickers x
 * A LLM agents (plus the LLM synthesis) and prints the measured wall time next to the ideal critical path, where the
 * time beyond it went phase by phase ({@link PhaseBreakdown}, from the stored envelopes) with the largest named, LLM calls
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
        int publishes = setting("publishes", 5000);
        // The JIT needs some 20,000 envelopes through the drain before it runs at its steady rate (on the 2-core machine
        // the rate rose over the first four drains of 5,000): the figure is the median ratio of the last three drains,
        // each against a redis-benchmark run right after it (on a shared machine the load drifts within a run).
        int drains = Math.max(3, setting("drains", 6));
        int parallelTickers = setting("parallelTickers", 1);
        int sessions = setting("sessions", 20);
        List<String> watchlist = List.of("AAPL", "MSFT", "NVDA", "JPM", "XOM").subList(0, Math.min(5, tickers));

        try (OllamaServerProcess ollama = new OllamaServerProcess(MODEL, Duration.ofMillis(latencyMs), "portfolio manager", VERDICT, SIGNAL);
             RedisServer redis = new RedisServer()) {
            ollama.start();
            redis.start();
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
                Shape shape = new Shape(agents, parallel, parallelTickers, latencyMs);
                Measured first = measure(runtime, shape, watchlist, LocalDate.parse("2024-06-04"));
                // The same watchlist the next session: what a long-running service's daily cycle meets, with the JIT's
                // work and the first reads of each ticker's files done.
                Measured next = measure(runtime, shape, watchlist, LocalDate.parse("2024-06-05"));
                // Five sessions on, the decisions of five sessions before have their outcomes: the daily cycle of a
                // service that has run a week resolves them (and learns from them) before its first ticker. The
                // 06-11 cycle is the first to resolve a whole watchlist's; 06-12 is measured.
                for (String day : List.of("2024-06-06", "2024-06-07", "2024-06-10", "2024-06-11")) {
                    runtime.cycle().run(watchlist, LocalDate.parse(day), () -> false);
                }
                long outcomesBefore = outcomes(config.sqliteFile());
                Measured resolving = measure(runtime, shape, watchlist, LocalDate.parse("2024-06-12"));
                long resolvedThere = outcomes(config.sqliteFile()) - outcomesBefore;
                // A service that has run a month: its JIT has compiled what a daily cycle runs (each of these
                // sessions resolves and learns from the outcomes of five sessions before, as the eighth did).
                List<Double> monthRatios = new ArrayList<>();
                Measured month = resolving;
                for (LocalDate day : sessionsAfter(runtime, LocalDate.parse("2024-06-12"), sessions)) {
                    month = measure(runtime, shape, watchlist, day);
                    monthRatios.add(month.wall() / shape.ideal(watchlist.size()));
                }
                runtime.publisher().drain();
                CycleReport report = first.report();
                double wall = first.wall();
                double ideal = shape.ideal(watchlist.size());
                PhaseBreakdown phases = first.phases();
                int decided = Math.max(1, report.decided().size());
                long calls = first.calls();
                long tokens = first.tokens();

                String envelope = runtime.store().envelope(report.decided().get(0).correlationId()).orElseThrow();
                double[] drainRates = new double[drains];
                double[] referenceRates = new double[drains];
                double[] ratios = new double[drains];
                for (int run = 0; run < drains; run++) {
                    drainRates[run] = outboxDrainRate(redis, envelope, publishes, run);
                    referenceRates[run] = redisBenchmarkRate(redis, envelope, publishes);
                    ratios[run] = drainRates[run] / referenceRates[run];
                }
                double[] lastThree = Arrays.copyOfRange(ratios, drains - 3, drains);
                Arrays.sort(lastThree);
                String result = String.format(Locale.ROOT, """
                        Quorum cycle benchmark (Ollama test server, fixed latency L = %d ms per call)
                              tickers N = %d, agents A = %d (+1 LLM synthesis), endpoint parallel P = %d, parallel tickers T = %d
                              measured wall time of the cycle : %.3f s (%d decided, %d failed)
                              ideal critical path            : %.2f s = sum over ticker waves of (ceil(A x T/P) + ceil(T/P)) x L
                              overhead over ideal            : %.3f s (%.1f %%), ratio %.3f (target <= 1.05)
                              largest remaining phase        : %s, %.1f ms per decision beyond the ideal
                              overhead by phase, per decision: %s
                                (each phase of the envelopes' phase_timings less its LLM round trips; before the first
                                 ticker: resolving outcomes, the already-decided checks; store and next ticker: the
                                 decision and its outbox row committed, the next ticker's own check; with T = 1 they add
                                 up to the overhead; with T > 1 a wave's tickers overlap, and wait on each other's calls)
                              CPU of this JVM in the cycle   : %s
                                (Quorum's alone: the Ollama test server runs in a JVM of its own; wall time on a loaded
                                 machine stretches the phases, so compare these figures between runs there)
                              the next session's cycle       : %.3f s, ratio %.3f (target <= 1.05), largest remaining phase %s,
                                %.1f ms per decision (same watchlist, JIT and file caches warm); CPU %s
                              a session resolving outcomes   : %.3f s, ratio %.3f (target <= 1.05), largest remaining phase %s,
                                %.1f ms per decision (the eighth cycle: before its first ticker it resolves, and learns from,
                                the %d outcomes of the decisions five sessions before); CPU %s
                                by phase, per decision: %s
                              after a month of sessions      : %s
                              JVM flags                      : %s
                              LLM calls per decision         : %.1f
                              tokens per decision            : %.0f (prompt + completion, as the test server counts them)
                              outbox drain to Redis          : %s envelopes/s by drain (%d envelopes, each time from a fresh outbox, %d-byte envelope, %d per MULTI/EXEC of XADD + HSET, each batch marked in one SQLite transaction while the next is published; the first with the drain's code cold)
                              redis-benchmark, one client    : %s XADD + HSET/s, each right after a drain (EVAL of both, same payload, %d requests)
                              drain / redis-benchmark        : %.2f (target >= 0.50), the median of the last three drains' ratios (by drain: %s); the first, cold drain's: %.2f
                            """, latencyMs, watchlist.size(), agents, parallel, parallelTickers, wall, report.decided().size(),
                            report.failed().size(), ideal, wall - ideal, (wall - ideal) / ideal * 100, wall / ideal,
                            phases.largest().getKey(), phases.largest().getValue(), phases.describe(), first.cpu().describe(decided),
                            next.wall(), next.wall() / ideal, next.phases().largest().getKey(), next.phases().largest().getValue(),
                            next.cpu().describe(next.report().decided().size()),
                            resolving.wall(), resolving.wall() / ideal, resolving.phases().largest().getKey(),
                            resolving.phases().largest().getValue(), resolvedThere,
                            resolving.cpu().describe(resolving.report().decided().size()), resolving.phases().describe(),
                            monthLater(monthRatios, month), jvmFlags(),
                            (double) calls / decided, (double) tokens / decided, joined(drainRates, "%.0f"), publishes, envelope.length(),
                            OutboxPublisher.BATCH, joined(referenceRates, "%.0f"), publishes, lastThree[1], joined(ratios, "%.2f"), ratios[0]);
                System.out.println(result);
                Path out = ProjectPaths.root().resolve("bench-results");
                Files.createDirectories(out);
                Files.writeString(out.resolve("cycle-N" + watchlist.size() + "-A" + agents + "-P" + parallel + "-T" + parallelTickers + "-L" + latencyMs + ".txt"), result);
            }
        }
    }

    /** The next {@code count} sessions after {@code day} on the market data's calendar. */
    private static List<LocalDate> sessionsAfter(QuorumRuntime runtime, LocalDate day, int count) {
        return runtime.marketData().calendar().sessions().stream().filter(date -> date.isAfter(day)).limit(count).toList();
    }

    /** The last of the sessions after the eighth: its ratio and largest phase, and the ratios of the five before it. */
    private static String monthLater(List<Double> ratios, Measured last) {
        if (ratios.isEmpty()) {
            return "not run (bench.sessions = 0)";
        }
        List<Double> lastFive = ratios.subList(Math.max(0, ratios.size() - 5), ratios.size());
        return String.format(Locale.ROOT, """
                session %d: %.3f s, ratio %.3f (target <= 1.05), largest remaining phase %s, %.1f ms per decision;
                        ratios of the last %d sessions: %s (the cycle above, repeated daily in one JVM: its JIT has
                        compiled what a cycle runs)""", 8 + ratios.size(), last.wall(), ratios.get(ratios.size() - 1),
                last.phases().largest().getKey(), last.phases().largest().getValue(), lastFive.size(),
                lastFive.stream().map(r -> String.format(Locale.ROOT, "%.3f", r)).collect(Collectors.joining(", ")));
    }

    /** The outcomes recorded so far. */
    private static long outcomes(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM outcomes")) {
            return count.getLong(1);
        }
    }

    /** What is benchmarked: A agents, endpoint parallel P, parallel tickers T, latency L. */
    private record Shape(int agents, int parallel, int parallelTickers, int latencyMs) {

        /**
         * Tickers go in waves of parallel_tickers; in a wave, the agents' calls of all its tickers share the endpoint
         * bulkhead, then the synthesis calls do.
         */
        double ideal(int tickers) {
            double ideal = 0;
            for (int done = 0; done < tickers; done += parallelTickers) {
                ideal += agentsSeconds(wave(tickers, done)) + synthesisSeconds(wave(tickers, done));
            }
            return ideal;
        }

        int wave(int tickers, int done) {
            return Math.min(parallelTickers, tickers - done);
        }

        double agentsSeconds(int wave) {
            return ceilDiv(agents * wave, parallel) * latencyMs / 1000.0;
        }

        double synthesisSeconds(int wave) {
            return ceilDiv(wave, parallel) * latencyMs / 1000.0;
        }
    }

    /** One measured cycle: its report, wall seconds, CPU, phase breakdown, LLM calls and tokens. */
    private record Measured(CycleReport report, double wall, CpuUse cpu, PhaseBreakdown phases, long calls, long tokens) {
    }

    private static Measured measure(QuorumRuntime runtime, Shape shape, List<String> watchlist, LocalDate date) throws Exception {
        CpuUse.Snapshot cpuStart = CpuUse.Snapshot.now();
        long start = System.nanoTime();
        CycleReport report = runtime.cycle().run(watchlist, date, () -> false);
        double wall = (System.nanoTime() - start) / 1e9;
        CpuUse cpu = cpuStart.since();
        ObjectMapper json = new ObjectMapper();
        long calls = 0;
        long tokens = 0;
        List<PhaseBreakdown.Timed> timed = new ArrayList<>();
        double firstStart = wall;
        for (int i = 0; i < report.decided().size(); i++) {
            JsonNode stored = json.readTree(runtime.store().envelope(report.decided().get(i).correlationId()).orElseThrow());
            // published_at is stamped as the phases end; the phases began arena_total_seconds before.
            double ended = Duration.between(report.startedAt(), Instant.parse(stored.get("published_at").asText())).toNanos() / 1e9;
            firstStart = Math.min(firstStart, ended - stored.at("/decision/arena_total_seconds").asDouble());
            JsonNode meta = stored.get("meta");
            calls += meta.at("/llm/calls").asLong();
            tokens += meta.at("/llm/prompt_tokens").asLong() + meta.at("/llm/completion_tokens").asLong();
            int wave = shape.wave(watchlist.size(), i / shape.parallelTickers() * shape.parallelTickers());
            timed.add(timed(stored.get("decision"), Map.of("agents", shape.agentsSeconds(wave), "synthesis", shape.synthesisSeconds(wave))));
        }
        return new Measured(report, wall, cpu, PhaseBreakdown.of(timed, wall, shape.parallelTickers(), firstStart), calls, tokens);
    }

    /** Stores {@code count} decisions carrying the envelope in a fresh database, then times one drain of its outbox. */
    private double outboxDrainRate(RedisServer redis, String envelope, int count, int run) {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("drain-" + run + ".db"));
        DecisionStore store = new DecisionStore(database, "bench:stream");
        LocalDate day = LocalDate.parse("2024-06-04");
        try (QuorumDatabase.Batch batch = database.batch("store the benchmark's decisions")) {
            for (int i = 0; i < count; i++) {
                store.save(new DecisionRecord("bench-" + run + "-" + i, "B" + i, day, Verdict.BUY, 0.7, 0.7, envelope, Map.of(),
                        OptionalDouble.empty(), List.of(), List.of(), Instant.now()));
            }
            batch.commit();
        }
        try (UnifiedJedis client = RedisConnections.open(RedisUrl.parse(redis.url()));
             OutboxPublisher publisher = new OutboxPublisher(new Outbox(database),
                     new RedisSink(client, redis.url(), PublisherSettings.defaults().withStream("bench:stream")), Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            int drained = publisher.drain();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (drained != count) {
                throw new IllegalStateException("drained " + drained + " of " + count);
            }
            return drained / seconds;
        }
    }

    /** The JIT and collector flags this JVM was started with (bench/run.sh passes the systemd unit's). */
    private static String jvmFlags() {
        String flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX:"))
                .collect(Collectors.joining(" "));
        return flags.isEmpty() ? "the JVM's defaults (run bench/run.sh for the systemd unit's)" : flags;
    }

    private static String joined(double[] values, String format) {
        return Arrays.stream(values).mapToObj(value -> String.format(Locale.ROOT, format, value)).collect(Collectors.joining(", "));
    }

    /** redis-benchmark's rate for one client writing the same stream entry and hash atomically (EVAL of both). */
    private static double redisBenchmarkRate(RedisServer redis, String envelope, int count) throws Exception {
        String script = "redis.call('XADD', KEYS[1], '*', 'data', ARGV[1]) "
                + "return redis.call('HSET', KEYS[2], 'json', ARGV[1], 'ticker', 'NVDA', 'trade_date', '2024-06-04', "
                + "'verdict', 'BUY', 'confidence', '0.7', 'ensemble_score', '0.7', 'published_at', '2024-06-04T21:00:00+00:00', "
                + "'correlation_id', 'c', 'arena_id', 'a')";
        Process process = new ProcessBuilder("redis-benchmark", "-h", redis.host(), "-p", Integer.toString(redis.port()),
                "-c", "1", "-n", Integer.toString(count), "--csv", "EVAL", script, "2", "bench:reference", "bench:reference-hash", envelope)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("redis-benchmark failed: " + out);
        }
        // --csv: a header line, then "EVAL ...","rps","avg_latency_ms","min","p50","p95","p99","max"; the test name
        // quotes the payload unescaped, so the rate is counted from the end.
        for (String line : out.split("\\R")) {
            if (line.startsWith("\"EVAL")) {
                String[] fields = line.split("\",\"");
                return Double.parseDouble(fields[fields.length - 7]);
            }
        }
        throw new IllegalStateException("no rate in redis-benchmark's output: " + out);
    }

    /** A stored envelope's {@code decision} timings, with the part of the ideal critical path in each phase. */
    private static PhaseBreakdown.Timed timed(JsonNode decision, Map<String, Double> idealSeconds) {
        Map<String, Double> phases = new LinkedHashMap<>();
        decision.get("phase_timings").forEach(t -> phases.put(t.get("phase").asText(), t.get("seconds").asDouble()));
        return new PhaseBreakdown.Timed(phases, decision.get("arena_total_seconds").asDouble(), idealSeconds);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
