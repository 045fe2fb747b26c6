package dev.quorum.orchestrator.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The backtest benchmark (not a test: it asserts nothing about time and is skipped unless {@code -Dquorum.bench=true};
 * run {@code bench/backtest.sh}): the rules backend walking forward over 20 tickers of ../shared/data, printing
 * decisions per second and where a decision's time goes (the cycle's phases from the stored envelopes; the rest is
 * outcome resolution, learning, recall indexing and the SQLite commits).
 */
class BacktestBenchmark {

    static final List<String> TWENTY = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "BAC", "XOM",
            "JNJ", "PFE", "UNH", "KO", "PG", "WMT", "CAT", "BA", "DIS", "QQQ");

    @Test
    void should_measure_decisions_per_second_over_20_tickers() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("quorum.bench"), "benchmark: run bench/backtest.sh (-Dquorum.bench=true)");
        Path data = ProjectPaths.shared().orElseThrow(() -> new IllegalStateException(
                "../shared/data is not here: the benchmark needs the real 2014-2024 prices")).resolve("data");
        LocalDate from = LocalDate.parse(System.getProperty("bench.from", "2015-01-02"));
        LocalDate to = LocalDate.parse(System.getProperty("bench.to", "2022-12-30"));
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))), "quorum-bench");
        Path db = dir.resolve("bench.db");
        BacktestSettings settings = new BacktestSettings(data, TWENTY, from, to, db, OptionalInt.empty());
        var config = BacktestConfig.of(settings, Optional.empty(), BacktestConfig.Backend.RULES, "outcome-ema",
                !"off".equals(System.getProperty("bench.recall", "off")), Map.of());
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.quorum")).setLevel(ch.qos.logback.classic.Level.WARN);
        long started = System.nanoTime();
        Backtest.Outcome outcome = Backtest.run(config, settings, BacktestConfig.Backend.RULES, 0.0, 0.0, Backtest.Publish.NONE,
                dir.resolve("llm-cache.db"), new Progress(System.err), () -> false);
        double seconds = (System.nanoTime() - started) / 1e9;
        long decisions = outcome.walk().decisions();
        System.out.printf(Locale.ROOT, "%d tickers x %d sessions (%s..%s), database in %s: %d decisions in %.1f s = %.1f decisions/s "
                        + "(walk only: %.1f decisions/s)%n", TWENTY.size(), outcome.walk().sessions(), from, to, dir, decisions, seconds,
                decisions / seconds, outcome.info().decisionsPerSecond());
        Map<String, double[]> phases = phaseSeconds(db);
        double inCycle = 0;
        for (var phase : phases.entrySet()) {
            double mean = phase.getValue()[0] / phase.getValue()[1];
            inCycle += mean;
            System.out.printf(Locale.ROOT, "  phase %-10s %8.3f ms per decision%n", phase.getKey(), mean * 1000);
        }
        System.out.printf(Locale.ROOT, "  outside the phases (commit, outcome resolution, learning, recall indexing, metrics): %.3f ms per decision%n",
                (seconds / decisions - inCycle) * 1000);
    }

    private static Map<String, double[]> phaseSeconds(Path db) {
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
