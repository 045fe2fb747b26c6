package dev.quorum.orchestrator.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.testkit.ProjectPaths;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The backtest benchmark (not a test: it asserts nothing about time and is skipped unless {@code -Dquorum.bench=true};
 * run {@code bench/backtest.sh}): the rules backend walking forward over 20 tickers of ../shared/data on disk, printing
 * decisions per second next to the target (600), where a decision's time goes (the cycle's phases from the stored
 * envelopes; the rest is outcome resolution, learning, recall indexing and the SQLite commits) and the top frames of
 * a JFR profile of the walk. With {@code bench.baseline=on} it first walks the same window committing each operation
 * on its own ({@code --commit-every 0}, the walk before batching) in the same JVM, so the two figures share the
 * machine's load and their ratio means something on a shared machine.
 */
class BacktestBenchmark {

    static final List<String> TWENTY = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "BAC", "XOM",
            "JNJ", "PFE", "UNH", "KO", "PG", "WMT", "CAT", "BA", "DIS", "QQQ");

    private static final double TARGET = 600;

    @Test
    void should_measure_decisions_per_second_over_20_tickers() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("quorum.bench"), "benchmark: run bench/backtest.sh (-Dquorum.bench=true)");
        Path data = ProjectPaths.shared().orElseThrow(() -> new IllegalStateException(
                "../shared/data is not here: the benchmark needs the real 2014-2024 prices")).resolve("data");
        LocalDate from = LocalDate.parse(System.getProperty("bench.from", "2015-01-02"));
        LocalDate to = LocalDate.parse(System.getProperty("bench.to", "2022-12-30"));
        Path parent = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
        boolean recall = !"off".equals(System.getProperty("bench.recall", "off"));
        int commitEvery = Integer.getInteger("bench.commitEvery", BacktestSettings.DEFAULT_COMMIT_EVERY);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.quorum")).setLevel(ch.qos.logback.classic.Level.WARN);

        Optional<Walk> baseline = "on".equals(System.getProperty("bench.baseline", "off"))
                ? Optional.of(walk(data, from, to, parent, recall, 0, false)) : Optional.empty();
        Walk batched = walk(data, from, to, parent, recall, commitEvery, true);

        System.out.printf(Locale.ROOT, "%n%d tickers x %d sessions (%s..%s), rules backend, recall %s, database on disk in %s, %d cores%n",
                TWENTY.size(), batched.outcome.walk().sessions(), from, to, recall ? "on" : "off", parent,
                Runtime.getRuntime().availableProcessors());
        baseline.ifPresent(b -> b.print("each operation committed (--commit-every 0)"));
        batched.print("--commit-every " + commitEvery);
        System.out.printf(Locale.ROOT, "  target: >= %.0f decisions/s on disk%n", TARGET);
        baseline.ifPresent(b -> System.out.printf(Locale.ROOT,
                "  ratio, same run: %.2fx the decisions per wall second, %.2fx per CPU second of the unbatched walk%n",
                batched.perSecond() / b.perSecond(), batched.perCpuSecond() / b.perCpuSecond()));
        Map<String, double[]> phases = phaseSeconds(batched.db);
        double inCycle = 0;
        for (var phase : phases.entrySet()) {
            double mean = phase.getValue()[0] / phase.getValue()[1];
            inCycle += mean;
            System.out.printf(Locale.ROOT, "  phase %-10s %8.3f ms per decision%n", phase.getKey(), mean * 1000);
        }
        System.out.printf(Locale.ROOT, "  outside the phases (commit, outcome resolution, learning, recall indexing): %.3f ms per decision%n",
                (batched.walkSeconds / batched.decisions() - inCycle) * 1000);
        batched.profile.print();
    }

    /** One backtest into a fresh database; the batched one is profiled. */
    private static Walk walk(Path data, LocalDate from, LocalDate to, Path parent, boolean recall, int commitEvery,
                             boolean profiled) throws IOException {
        Path dir = Files.createTempDirectory(parent, "quorum-bench");
        Path db = dir.resolve("bench.db");
        BacktestSettings settings = new BacktestSettings(data, TWENTY, from, to, db, OptionalInt.empty(), commitEvery);
        var config = BacktestConfig.of(settings, Optional.empty(), BacktestConfig.Backend.RULES, "outcome-ema", recall, Map.of());
        Path jfr = dir.resolve("walk.jfr");
        try (Recording recording = new Recording()) {
            if (profiled) {
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
                recording.start();
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long started = System.nanoTime();
            Backtest.Outcome outcome = Backtest.run(config, settings, BacktestConfig.Backend.RULES, 0.0, 0.0, Backtest.Publish.NONE,
                    dir.resolve("llm-cache.db"), new Progress(System.err), () -> false);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
            Profile profile = Profile.NONE;
            if (profiled) {
                recording.stop();
                recording.dump(jfr);
                profile = Profile.of(jfr);
            }
            return new Walk(db, outcome, seconds, cpuSeconds, decisions(outcome) / outcome.info().decisionsPerSecond(), profile);
        }
    }

    private static long decisions(Backtest.Outcome outcome) {
        return outcome.walk().decisions();
    }

    /**
     * @param seconds     the whole run: walk, figures and report data
     * @param cpuSeconds  the process's CPU time over the run (every thread: the walk, the JIT, the GC)
     * @param walkSeconds the walk alone
     */
    private record Walk(Path db, Backtest.Outcome outcome, double seconds, double cpuSeconds, double walkSeconds, Profile profile) {

        long decisions() {
            return BacktestBenchmark.decisions(outcome);
        }

        double perSecond() {
            return decisions() / seconds;
        }

        double perCpuSecond() {
            return decisions() / cpuSeconds;
        }

        void print(String how) {
            System.out.printf(Locale.ROOT, "  %s: %d decisions in %.1f s = %.1f decisions/s (walk only %.1f/s); %.1f CPU s = %.1f decisions per CPU second%n",
                    how, decisions(), seconds, perSecond(), decisions() / walkSeconds, cpuSeconds, perCpuSecond());
        }
    }

    /** Where the walk's samples (Java and native) fall: the top frames by self time, and Quorum's methods inclusive. */
    private record Profile(int samples, Map<String, Integer> self, Map<String, Integer> inclusive) {

        static final Profile NONE = new Profile(0, Map.of(), Map.of());

        static Profile of(Path jfr) throws IOException {
            Map<String, Integer> self = new HashMap<>();
            Map<String, Integer> inclusive = new HashMap<>();
            int samples = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
                if (event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                List<String> names = frames.stream().map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList();
                if (names.isEmpty() || names.stream().noneMatch(n -> n.startsWith("dev.quorum"))) {
                    continue;
                }
                samples++;
                self.merge(names.get(0), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (String name : names) {
                    if (name.startsWith("dev.quorum") && seen.add(name)) {
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
            }
            return new Profile(samples, self, inclusive);
        }

        void print() {
            System.out.printf(Locale.ROOT, "  profile of the batched walk (JFR, Java and native samples every 10 ms in threads running Quorum code): %d samples%n", samples);
            System.out.println("  top frames by self time:");
            top(self, 12);
            System.out.println("  Quorum's methods, inclusive:");
            top(inclusive, 20);
        }

        private void top(Map<String, Integer> counts, int n) {
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                    .forEach(e -> System.out.printf(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
        }
    }

    static Map<String, double[]> phaseSeconds(Path db) {
        ObjectMapper json = new ObjectMapper();
        return QuorumDatabase.open(db).read("read phase timings", c -> {
            Map<String, double[]> sums = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT envelope_json FROM decisions")) {
                while (rs.next()) {
                    JsonNode timings = json.readTree(rs.getString(1)).path("decision").path("phase_timings");
                    for (JsonNode t : timings) {
                        double[] sum = sums.computeIfAbsent(t.path("phase").asText(), k -> new double[2]);
                        sum[0] += t.path("seconds").asDouble();
                        sum[1]++;
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("an envelope in " + db + " is not JSON", e);
            }
            return sums;
        });
    }
}
