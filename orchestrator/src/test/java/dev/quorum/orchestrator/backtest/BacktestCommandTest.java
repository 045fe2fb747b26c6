package dev.quorum.orchestrator.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.memory.trust.TrustPolicies;
import dev.quorum.orchestrator.cli.CliRun;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quorum backtest} end to end on the shipped sample: the console tables agree with the versioned JSON report. */
class BacktestCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void should_refuse_an_option_value_outside_its_list_in_one_line_naming_the_values(@TempDir Path dir) {
        CliRun recall = CliRun.of("backtest", "--data", ProjectPaths.root().resolve("samples/market").toString(), "--tickers", "AAPL",
                "--from", "2023-11-01", "--to", "2023-11-30", "--db", dir.resolve("bt.db").toString(), "--recall", "maybe");
        assertEquals(2, recall.code(), recall.err());
        assertTrue(recall.err().contains("Invalid value for option '--recall': expected one of on, off, was 'maybe'"), recall.err());
        CliRun backend = CliRun.of("backtest", "--backend", "gpt");
        assertEquals(2, backend.code(), backend.err());
        assertTrue(backend.err().contains("expected one of rules, ollama, was 'gpt'"), backend.err());
        assertFalse(dir.resolve("bt.db").toFile().exists(), "nothing created for a refused command");
        String help = CliRun.of("backtest", "--help").out();
        assertTrue(help.contains("on, off: similar-situation recall") && help.contains("none, file: envelopes stay"), help);
    }

    @Test
    void should_name_the_option_not_an_unset_environment_variable_when_an_option_value_is_refused(@TempDir Path dir) {
        CliRun policy = CliRun.of("backtest", "--data", ProjectPaths.root().resolve("samples/market").toString(), "--tickers", "AAPL",
                "--from", "2023-11-01", "--to", "2023-11-30", "--db", dir.resolve("bt.db").toString(), "--policy", "foo");
        assertEquals(2, policy.code(), policy.err());
        assertEquals(1, policy.err().lines().count(), policy.err());
        assertTrue(policy.err().contains("'foo'") && policy.err().strip().endsWith("(set by option --policy)"), policy.err());
        // Checked below the command too, where h1's up-front ticker check does not reach: the watchlist the
        // configuration validates came from --tickers.
        BacktestSettings settings = new BacktestSettings(ProjectPaths.root().resolve("samples/market"), java.util.List.of("AAPL;MSFT"),
                java.time.LocalDate.parse("2023-11-01"), java.time.LocalDate.parse("2023-11-30"), dir.resolve("bt.db"),
                java.util.OptionalInt.empty());
        dev.quorum.orchestrator.config.ConfigException tickers = org.junit.jupiter.api.Assertions.assertThrows(
                dev.quorum.orchestrator.config.ConfigException.class, () -> BacktestConfig.of(settings, java.util.Optional.empty(),
                        BacktestConfig.Backend.RULES, TrustPolicies.DEFAULT, false, Map.of()));
        assertTrue(tickers.getMessage().contains("'AAPL;MSFT' is not a ticker")
                && tickers.getMessage().endsWith("(set by option --tickers)"), tickers.getMessage());
    }

    @Test
    void should_keep_a_backtests_situations_in_its_own_embedded_store_even_when_the_service_recalls_from_chroma(@TempDir Path dir) {
        BacktestSettings settings = new BacktestSettings(ProjectPaths.root().resolve("samples/market"), java.util.List.of("AAPL"),
                java.time.LocalDate.parse("2023-11-01"), java.time.LocalDate.parse("2023-11-30"), dir.resolve("bt.db"),
                java.util.OptionalInt.empty());
        var config = BacktestConfig.of(settings, java.util.Optional.empty(), BacktestConfig.Backend.RULES, TrustPolicies.DEFAULT,
                true, Map.of("QUORUM_MEMORY_RECALL_STORE", "chroma", "QUORUM_MEMORY_CHROMA_URL", "http://127.0.0.1:8000"));

        assertEquals(dev.quorum.orchestrator.config.MemoryConfig.RecallStore.EMBEDDED, config.memory().recallStore());
        assertEquals(settings.stateDirectory(), config.dataDirectory(), "the embedded store's file is under the backtest's state");
    }

    @Test
    void should_print_the_book_direction_and_reliability_tables_that_the_json_report_holds() throws Exception {
        Path json = tmp.resolve("figures.json");
        CliRun result = CliRun.of("backtest", "--data", ProjectPaths.root().resolve("samples/market").toString(), "--tickers", "AAPL,MSFT",
                "--from", "2023-11-01", "--to", "2023-12-29", "--recall", "off", "--cost-bps", "5", "--slippage-bps", "1",
                "--db", tmp.resolve("bt.db").toString(), "--llm-cache", tmp.resolve("cache.db").toString(), "--json", json.toString());
        assertEquals(0, result.code(), result.out() + result.err());
        String out = result.out();
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals(2, report.get("report_schema").asInt());
        JsonNode metrics = report.get("metrics");
        assertEquals(5.0, metrics.get("costBps").asDouble());
        assertEquals(1.0, metrics.get("slippageBps").asDouble());

        JsonNode asRun = metrics.get("asRun");
        String asRunLine = line(out, "as run ");
        assertTrue(asRunLine.contains(TrustPolicies.DEFAULT + " +veto +guard +review"), asRunLine);
        assertTrue(asRunLine.contains(String.format(Locale.ROOT, "%.2f", asRun.get("returns").get("sharpe").asDouble())), asRunLine);
        assertTrue(asRunLine.contains("vs " + TrustPolicies.DEFAULT), asRunLine);
        JsonNode spy = metrics.get("benchmarks").get("SPY");
        String spyLine = line(out, "SPY ");
        assertTrue(spyLine.contains(String.format(Locale.ROOT, "%.1f%%", spy.get("totalReturn").asDouble() * 100)), spyLine);
        assertTrue(spyLine.contains(String.format(Locale.ROOT, "%.2f", spy.get("sharpe").asDouble())), spyLine);

        JsonNode direction = asRun.get("directional");
        assertTrue(out.contains("direction (sign of the 5-session return)"), out);
        String directionLine = out.lines().filter(l -> l.startsWith("as run ")).skip(1).findFirst().orElseThrow();
        assertTrue(directionLine.contains(direction.get("longs").asInt() + "/" + direction.get("flats").asInt() + "/"
                + direction.get("shorts").asInt()), directionLine);
        assertTrue(directionLine.contains(String.format(Locale.ROOT, "%.1f%%", direction.get("alwaysLong").asDouble() * 100)), directionLine);

        JsonNode ensemble = metrics.get("calibration").get("ensemble");
        String calibration = line(out, "  ensemble ");
        assertTrue(calibration.contains(String.format(Locale.ROOT, "Brier %.4f  (base rate %.4f)", ensemble.get("brier").asDouble(),
                ensemble.get("baseRateBrier").asDouble())), calibration);
        for (String row : new String[]{"equal weights", TrustPolicies.DEFAULT + " +guard", TrustPolicies.DEFAULT + " +review", "meta-learner", "agent technical"}) {
            assertTrue(out.contains("\n" + row + " "), row + " is missing:\n" + out);
        }
    }

    @Test
    void should_refuse_a_negative_cost_or_commit_interval_in_one_line_before_walking_forward() {
        Map<String, String> refusals = Map.of(
                "--slippage-bps", "quorum backtest: --slippage-bps must be in [0, 10000), was -1.0",
                "--commit-every", "quorum backtest: --commit-every must be 0 (each operation) or a number of sessions, was -1");
        for (var refusal : refusals.entrySet()) {
            CliRun result = CliRun.of("backtest", "--data", ProjectPaths.root().resolve("samples/market").toString(), "--tickers", "AAPL",
                    "--from", "2023-11-01", "--to", "2023-11-03", refusal.getKey(), "-1", "--db", tmp.resolve("bt.db").toString());
            assertEquals(2, result.code(), refusal.getKey());
            assertEquals(refusal.getValue(), result.err().strip());
            assertFalse(java.nio.file.Files.exists(tmp.resolve("bt.db")), "nothing is created for a refused run");
        }
    }

    @Test
    void should_refuse_a_ticker_without_prices_before_walking_forward() throws Exception {
        Path sample = ProjectPaths.root().resolve("samples/market");
        Path db = tmp.resolve("bt.db");
        CliRun result = CliRun.of("backtest", "--data", sample.toString(), "--tickers", "ZZZZ,AAPL", "--from", "2024-06-03",
                "--to", "2024-06-14", "--db", db.toString(), "--llm-cache", tmp.resolve("llm-cache.db").toString());

        assertEquals(2, result.code(), result.err());
        // The line run prints for a watchlist without data, and no session walked: AAPL was not decided either.
        assertEquals("quorum backtest: no price data for ZZZZ: expected prices/ZZZZ.csv under " + sample, result.err().strip());
        assertEquals("", result.out());
        // Refused before anything was created: no database, lock file, state directory or reply cache.
        try (var left = java.nio.file.Files.list(tmp)) {
            assertEquals(java.util.List.of(), left.toList());
        }
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " not in\n" + out));
    }

}
