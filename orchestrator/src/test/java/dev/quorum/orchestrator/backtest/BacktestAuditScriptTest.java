package dev.quorum.orchestrator.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.orchestrator.cli.CliRun;
import dev.quorum.testkit.CommandRun;
import dev.quorum.testkit.MissingTool;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/audit-backtest.py}, the second computation of a backtest's figures (Python, from the prices and the
 * decisions, apart from the Java code), against a backtest of the shipped sample run through the CLI with costs:
 * every figure it recomputes agrees, and a figure changed in the report, or a verdict, a trust weight or an agent's
 * evidence changed in the database, is named as differing. python3 (standard library only) is on every machine the
 * README's test command runs on; where it is missing the test is skipped, except under CI, where it fails.
 */
class BacktestAuditScriptTest {

    private static final Path SAMPLE = ProjectPaths.root().resolve("samples").resolve("market");
    private static final Path SCRIPT = ProjectPaths.root().resolve("scripts").resolve("audit-backtest.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path run;

    @BeforeAll
    static void backtest_the_sample() {
        CommandRun python = audit(List.of("-c", "import sys; sys.exit(0)"));
        if (python.exitCode() != 0) {
            MissingTool.skipOrFail("the audit test", "python3 is needed to run scripts/audit-backtest.py: "
                    + python.output().strip(), System.getenv());
        }
        CliRun result = CliRun.of("backtest", "--data", SAMPLE.toString(), "--tickers", "AAPL,MSFT,NVDA",
                "--from", "2023-03-01", "--to", "2023-12-29", "--recall", "off", "--cost-bps", "5", "--slippage-bps", "2",
                "--db", run.resolve("bt.db").toString(), "--llm-cache", run.resolve("cache.db").toString(),
                "--json", run.resolve("report.json").toString());
        assertEquals(0, result.code(), result.out() + result.err());
    }

    @Test
    void should_recompute_every_figure_of_the_report_to_the_same_value() {
        CommandRun audit = auditOf(run.resolve("bt.db"), run.resolve("report.json"));
        assertEquals(0, audit.exitCode(), audit.output());
        assertTrue(audit.output().contains("ok   sharpe") && audit.output().contains("ok   buy-and-hold (equal weight) totalReturn")
                && audit.output().contains("ok   as run Brier") && audit.output().contains("ok   as run accuracy Wilson lower")
                && audit.output().contains("ok   agent technical long hits")
                && audit.output().contains("ok   agent technical right evidence (forgotten)")
                && audit.output().contains("ok   each vote's trust weight (beta-log-odds), largest difference over")
                && audit.output().contains("ok   each vote's pooled confidence, largest difference over"), audit.output());
        assertTrue(audit.output().strip().endsWith("figures agree (within 1e-09, relative)"), audit.output());
    }

    @Test
    void should_name_a_figure_of_the_report_that_the_data_does_not_give(@TempDir Path dir) throws IOException {
        ObjectNode report = (ObjectNode) JSON.readTree(run.resolve("report.json").toFile());
        ObjectNode returns = (ObjectNode) report.get("metrics").get("asRun").get("returns");
        returns.put("sharpe", returns.get("sharpe").asDouble() + 1e-6);
        Path tampered = dir.resolve("tampered.json");
        JSON.writeValue(tampered.toFile(), report);

        CommandRun audit = auditOf(run.resolve("bt.db"), tampered);
        assertEquals(1, audit.exitCode(), audit.output());
        assertTrue(audit.output().contains("DIFF sharpe"), audit.output());
        assertTrue(audit.output().contains("audit-backtest: 1 of ") && audit.output().contains(" figures differ: sharpe"), audit.output());
    }

    @Test
    void should_name_the_direction_figures_that_a_changed_verdict_moves(@TempDir Path dir) throws Exception {
        Path db = Files.copy(run.resolve("bt.db"), dir.resolve("bt.db"));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement update = connection.createStatement()) {
            int changed = update.executeUpdate("UPDATE decisions SET verdict = 'BUY' WHERE id = "
                    + "(SELECT MIN(id) FROM decisions WHERE verdict = 'HOLD')");
            assertEquals(1, changed, "the sample run has a HOLD to change");
        }
        CommandRun audit = auditOf(db, run.resolve("report.json"));
        assertEquals(1, audit.exitCode(), audit.output());
        assertTrue(audit.output().contains("DIFF as run longs") && audit.output().contains("DIFF as run flats"), audit.output());
    }

    @Test
    void should_name_a_trust_weight_and_an_evidence_count_that_the_learning_rule_does_not_give(@TempDir Path dir) throws Exception {
        Path db = Files.copy(run.resolve("bt.db"), dir.resolve("bt.db"));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement update = connection.createStatement()) {
            assertEquals(1, update.executeUpdate("UPDATE agent_signals SET trust_weight = trust_weight + 0.01 WHERE id = "
                    + "(SELECT MAX(id) FROM agent_signals WHERE trust_weight IS NOT NULL)"));
            assertEquals(1, update.executeUpdate("UPDATE agent_skill SET right_calls = right_calls + 1 WHERE agent = 'technical'"));
        }
        CommandRun audit = auditOf(db, run.resolve("report.json"));
        assertEquals(1, audit.exitCode(), audit.output());
        assertTrue(audit.output().contains("DIFF each vote's trust weight (beta-log-odds)")
                && audit.output().contains("DIFF agent technical right evidence (forgotten)"), audit.output());
        assertTrue(audit.output().contains("ok   agent technical wrong evidence (forgotten)"), audit.output());
    }

    @Test
    void should_book_only_the_resolved_decisions_as_the_report_does_when_the_run_ends_at_the_end_of_the_data(@TempDir Path dir)
            throws IOException {
        // the sample ends 2024-12-31: the decisions of its last 5 trade dates have no exit session, so no outcome
        CliRun result = CliRun.of("backtest", "--data", SAMPLE.toString(), "--tickers", "AAPL,MSFT", "--from", "2024-11-01",
                "--to", "2024-12-31", "--recall", "off", "--cost-bps", "5", "--db", dir.resolve("end.db").toString(),
                "--llm-cache", dir.resolve("cache.db").toString(), "--json", dir.resolve("end.json").toString());
        assertEquals(0, result.code(), result.out() + result.err());
        JsonNode run = JSON.readTree(dir.resolve("end.json").toFile()).get("run");
        assertEquals(82, run.get("decisions").asInt());
        assertEquals(72, run.get("resolved").asInt());

        CommandRun audit = auditOf(dir.resolve("end.db"), dir.resolve("end.json"));
        assertEquals(0, audit.exitCode(), audit.output());
        assertTrue(audit.output().contains("ok   totalReturn") && audit.output().contains("ok   turnover"), audit.output());
    }

    @Test
    void should_agree_that_a_book_that_never_traded_has_no_sharpe_rather_than_fail_with_a_trace(@TempDir Path dir) {
        // the sample's first sessions: too little history for three of the four agents, so the quorum is never met
        CliRun result = CliRun.of("backtest", "--data", SAMPLE.toString(), "--tickers", "AAPL,MSFT", "--from", "2023-01-03",
                "--to", "2023-01-20", "--recall", "off", "--db", dir.resolve("flat.db").toString(),
                "--llm-cache", dir.resolve("cache.db").toString(), "--json", dir.resolve("flat.json").toString());
        assertEquals(0, result.code(), result.out() + result.err());

        CommandRun audit = auditOf(dir.resolve("flat.db"), dir.resolve("flat.json"));
        assertEquals(0, audit.exitCode(), audit.output());
        assertTrue(audit.output().lines().anyMatch(l -> l.matches("ok   sharpe +recomputed +None +reported +None")), audit.output());
    }

    @Test
    void should_refuse_unreadable_input_in_one_line_naming_it(@TempDir Path dir) throws IOException {
        CommandRun noDb = auditOf(dir.resolve("absent.db"), run.resolve("report.json"));
        assertEquals(2, noDb.exitCode(), noDb.output());
        assertEquals("audit-backtest: --db " + dir.resolve("absent.db") + ": no such file", noDb.output().strip());

        Path notReport = Files.writeString(dir.resolve("other.json"), "{\"report_schema\": 1}");
        CommandRun old = auditOf(run.resolve("bt.db"), notReport);
        assertEquals(2, old.exitCode(), old.output());
        assertEquals(1, old.output().strip().lines().count(), old.output());
        assertTrue(old.output().contains("not a backtest report of report_schema 2"), old.output());
    }

    private static CommandRun auditOf(Path db, Path report) {
        return audit(List.of(SCRIPT.toString(), "--db", db.toString(), "--json", report.toString(), "--data", SAMPLE.toString()));
    }

    private static CommandRun audit(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(arguments);
        return CommandRun.of(command, Duration.ofSeconds(120));
    }
}
