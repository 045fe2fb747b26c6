package dev.quorum.orchestrator.cli;

import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentsCommandTest {

    private static final String SAMPLE = ProjectPaths.root().resolve("samples/market").toString();

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QuorumCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void should_print_every_rules_agent_with_its_telemetry() {
        Run run = run("agents", "--ticker", "nvda", "--date", "2024-06-03", "--backend", "rules", "--data", SAMPLE);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("NVDA on 2024-06-03, backend rules"), run.out());
        for (String agent : new String[]{"technical  trend-momentum", "risk       volatility-drawdown",
                "sentiment  news-sentiment", "macro      regime-rates"}) {
            assertTrue(run.out().contains(agent), agent + " missing in\n" + run.out());
        }
        assertTrue(run.out().contains("telemetry: backend=rules model=- endpoint=- attempts=0"), run.out());
        assertTrue(run.out().contains("prompt=rules-technical@1"), run.out());
    }

    @Test
    void should_print_the_features_when_asked() {
        Run run = run("agents", "--ticker", "SPY", "--date", "2024-06-03", "--data", SAMPLE, "--show-features");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("  beta_60d_spy               1.00000"), run.out());
    }

    @Test
    void should_fail_clearly_for_an_unknown_ticker() {
        Run run = run("agents", "--ticker", "NVDX", "--date", "2024-06-03", "--data", SAMPLE);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: unknown ticker 'NVDX'") && run.err().contains("known tickers: AAPL JPM MSFT NVDA SPY XOM"),
                run.err());
    }

    @Test
    void should_fail_clearly_for_a_date_that_is_not_a_session() {
        Run run = run("agents", "--ticker", "NVDA", "--date", "2024-06-01", "--data", SAMPLE);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("2024-06-01 is not a trading session"), run.err());
    }

    @Test
    void should_fail_clearly_for_a_missing_data_directory() {
        Run run = run("agents", "--ticker", "NVDA", "--date", "2024-06-03", "--data", "/nonexistent/market");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("/nonexistent/market/prices: not a directory"), run.err());
    }

    @Test
    void should_say_the_ollama_backend_is_not_available_yet() {
        Run run = run("agents", "--ticker", "NVDA", "--date", "2024-06-03", "--backend", "ollama", "--data", SAMPLE);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--backend ollama is not available yet"), run.err());
    }
}
