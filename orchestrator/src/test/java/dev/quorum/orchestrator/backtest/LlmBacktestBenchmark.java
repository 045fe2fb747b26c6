package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The LLM backtest benchmark (not a test: it asserts nothing about time and is skipped unless
 * {@code -Dquorum.bench=true}; run {@code bench/llm-backtest.sh}). The Ollama protocol test servers (E endpoints of
 * P slots each) answer every call after a fixed latency L; the same window of the shipped sample is walked session by
 * session and pipelined, in the same JVM one after the other, each with a reply cache of its own (every call is made).
 * Each walk's wall time is printed next to the ideal {@code ceil(calls / (E x P)) x L}: every slot busy all the time.
 */
class LlmBacktestBenchmark {

    private static final String MODEL = "qwen2.5:7b";
    private static final List<String> FIVE = List.of("AAPL", "MSFT", "NVDA", "JPM", "XOM");
    private static final double TARGET = 1.10;

    @TempDir
    Path dir;

    @Test
    void should_measure_the_walks_against_the_ideal_with_every_slot_busy() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("quorum.bench"), "benchmark: run bench/llm-backtest.sh (-Dquorum.bench=true)");
        List<String> tickers = FIVE.subList(0, Math.min(FIVE.size(), Integer.getInteger("bench.tickers", 5)));
        LocalDate from = LocalDate.parse(System.getProperty("bench.from", "2023-11-01"));
        LocalDate to = LocalDate.parse(System.getProperty("bench.to", "2023-11-30"));
        int latencyMs = Integer.getInteger("bench.latencyMs", 200);
        int endpoints = Integer.getInteger("bench.endpoints", 2);
        int parallel = Integer.getInteger("bench.parallel", 4);
        boolean recall = !"off".equals(System.getProperty("bench.recall", "on"));
        PromptMode mode = "off".equals(System.getProperty("bench.anonymise", "on")) ? PromptMode.LIVE : PromptMode.ANONYMISED;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.quorum")).setLevel(ch.qos.logback.classic.Level.WARN);

        List<OllamaTestServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < endpoints; i++) {
                OllamaTestServer server = OllamaTestServer.start();
                servers.add(server);
                server.model(MODEL).thenAlways(OllamaReply.content(chat -> chat.format().path("properties").has("verdict")
                        ? "{\"verdict\": \"BUY\", \"confidence\": 0.6, \"reasoning\": \"bench\"}"
                        : "{\"signal\": \"BULLISH\", \"confidence\": 0.6, \"summary\": \"bench\", \"key_factors\": [\"k\"]}")
                        .after(Duration.ofMillis(latencyMs)));
            }
            Path config = SampleBacktests.ollamaConfig(dir.resolve("quorum.yaml"),
                    servers.stream().map(OllamaTestServer::baseUrl).toList(), MODEL, parallel);
            Path data = SampleBacktests.copySample(dir.resolve("data"));
            // Class loading, the embedding model, the first prompts rendered: paid here, not by the first walk measured.
            walk(data, tickers.subList(0, 1), from, from.plusDays(3), config, recall, mode, true, servers, "warm-up");

            Walk sequential = walk(data, tickers, from, to, config, recall, mode, false, servers, "sequential");
            Walk pipelined = walk(data, tickers, from, to, config, recall, mode, true, servers, "pipelined");

            int slots = endpoints * parallel;
            System.out.printf(Locale.ROOT, "%nQuorum LLM backtest benchmark (Ollama test servers, fixed latency L = %d ms per call)%n"
                            + "      %d tickers x %d sessions (%s..%s), %d agents + LLM synthesis, endpoints E = %d x parallel P = %d,"
                            + " prompts %s, recall %s, %d cores, load %s%n",
                    latencyMs, tickers.size(), sequential.outcome.walk().sessions(), from, to,
                    BacktestConfig.of(new BacktestSettings(data, tickers, from, to, dir.resolve("x.db"), OptionalInt.empty()),
                            Optional.of(config), BacktestConfig.Backend.OLLAMA, "outcome-ema", Map.of()).agents().size(),
                    endpoints, parallel, mode.name().toLowerCase(Locale.ROOT), recall ? "on" : "off",
                    Runtime.getRuntime().availableProcessors(), load());
            for (Walk walk : List.of(sequential, pipelined)) {
                double ideal = Math.ceil((double) walk.calls / slots) * latencyMs / 1000.0;
                System.out.printf(Locale.ROOT, "  %-10s %4d decisions, %5d calls: wall %7.2f s, ideal ceil(%d / (%d x %d)) x L = %6.2f s,"
                                + " ratio %.2f (target <= %.2f); answers asked ahead taken %d, asked again %d; %.1f CPU s (this JVM, servers included)%n",
                        walk.name, walk.outcome.walk().decisions(), walk.calls, walk.seconds, walk.calls, endpoints, parallel,
                        ideal, walk.seconds / ideal, TARGET, walk.outcome.askedAhead().taken(), walk.outcome.askedAhead().discarded(),
                        walk.cpuSeconds);
                System.out.printf(Locale.ROOT, "  %-10s phases, ms per decision (agents: asking them, or waiting for the answers asked ahead): %s%n",
                        "", walk.phases());
            }
            System.out.printf(Locale.ROOT, "  pipelined / sequential wall time, same run: %.2f; load after: %s%n",
                    pipelined.seconds / sequential.seconds, load());
        } finally {
            servers.forEach(OllamaTestServer::close);
        }
    }

    private record Walk(String name, Backtest.Outcome outcome, int calls, double seconds, double cpuSeconds, Path db) {

        /** Each phase's mean per decision, from the stored envelopes; in a pipelined walk "agents" is the wait for the answers asked ahead. */
        String phases() {
            List<String> phases = new ArrayList<>();
            BacktestBenchmark.phaseSeconds(db).forEach((phase, sum) ->
                    phases.add(String.format(Locale.ROOT, "%s %.0f", phase, sum[0] / sum[1] * 1000)));
            return String.join(", ", phases);
        }
    }

    /** One backtest into a fresh database and reply cache; its calls are those the servers received. */
    private Walk walk(Path data, List<String> tickers, LocalDate from, LocalDate to, Path config, boolean recall,
                      PromptMode mode, boolean pipelined, List<OllamaTestServer> servers, String name) throws Exception {
        Path db = Files.createTempDirectory(dir, name).resolve("bench.db");
        BacktestSettings settings = new BacktestSettings(data, tickers, from, to, db, OptionalInt.empty());
        var quorum = BacktestConfig.of(settings, Optional.of(config), BacktestConfig.Backend.OLLAMA, "outcome-ema", recall, Map.of());
        servers.forEach(OllamaTestServer::clearRecords);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        Backtest.Outcome outcome = Backtest.run(quorum, settings, BacktestConfig.Backend.OLLAMA, 0.0, 0.0, Backtest.Publish.NONE,
                db.resolveSibling("llm-cache.db"), mode, pipelined, Progress.SILENT, () -> false);
        int calls = servers.stream().mapToInt(s -> s.chatCount(MODEL)).sum();
        // The walk's own time (Backtest measures it around the walk, without opening the runtime or the figures after).
        double seconds = outcome.walk().decisions() / outcome.info().decisionsPerSecond();
        return new Walk(name, outcome, calls, seconds, (os.getProcessCpuTime() - cpuBefore) / 1e9, db);
    }

    private static String load() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
