package dev.quorum.orchestrator.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.testkit.ProjectPaths;

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
 * Benchmark (not a test): the rules backend walking forward over 20 tickers of ../shared/data, printing decisions
 * per second and where a decision's time goes (the cycle's phases from the stored envelopes, the rest being outcome
 * resolution, learning and the SQLite commits). Run with
 * {@code mvn -q -B -o -pl orchestrator -am test-compile exec:java}-style classpath, or from the IDE:
 * {@code BacktestBench [FROM TO]} (default 2015-01-02 2022-12-30).
 */
public final class BacktestBench {

    static final List<String> TWENTY = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "BAC", "XOM",
            "JNJ", "PFE", "UNH", "KO", "PG", "WMT", "CAT", "BA", "DIS", "QQQ");

    private BacktestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = ProjectPaths.shared().orElseThrow(() -> new IllegalStateException(
                "../shared/data is not here: the benchmark needs the real 2014-2024 prices")).resolve("data");
        LocalDate from = LocalDate.parse(args.length > 0 ? args[0] : "2015-01-02");
        LocalDate to = LocalDate.parse(args.length > 1 ? args[1] : "2022-12-30");
        Path db = Files.createTempDirectory("quorum-bench").resolve("bench.db");
        BacktestSettings settings = new BacktestSettings(data, TWENTY, from, to, db, OptionalInt.empty());
        var config = BacktestConfig.of(settings, Optional.empty(), BacktestConfig.Backend.RULES, "outcome-ema", Map.of());
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.quorum")).setLevel(ch.qos.logback.classic.Level.WARN);
        long started = System.nanoTime();
        Backtest.Outcome outcome = Backtest.run(config, settings, BacktestConfig.Backend.RULES, 0.0, Backtest.Publish.NONE,
                settings.stateDirectory().resolve("llm-cache.db"),
                new Progress(System.err), () -> false);
        double seconds = (System.nanoTime() - started) / 1e9;
        long decisions = outcome.walk().decisions();
        System.out.printf(Locale.ROOT, "%d tickers x %d sessions (%s..%s): %d decisions in %.1f s = %.1f decisions/s (metrics included)%n",
                TWENTY.size(), outcome.walk().sessions(), from, to, decisions, seconds, decisions / seconds);
        Map<String, double[]> phases = phaseSeconds(db);
        double inCycle = 0;
        for (var phase : phases.entrySet()) {
            double mean = phase.getValue()[0] / phase.getValue()[1];
            inCycle += mean;
            System.out.printf(Locale.ROOT, "  phase %-10s %8.3f ms per decision%n", phase.getKey(), mean * 1000);
        }
        System.out.printf(Locale.ROOT, "  outside the phases (store commit, outcome resolution, learning, metrics): %.3f ms per decision%n",
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
                throw new IllegalStateException(e);
            }
            return sums;
        });
    }
}
