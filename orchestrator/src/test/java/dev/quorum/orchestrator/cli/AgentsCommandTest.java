package dev.quorum.orchestrator.cli;

import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentsCommandTest {

    private static final String SAMPLE = ProjectPaths.root().resolve("samples/market").toString();
    private static final String PROMPTS = ProjectPaths.root().resolve("prompts").toString();

    @TempDir
    Path dir;

    @Test
    void should_print_every_rules_agent_with_its_telemetry() {
        CliRun run = CliRun.of("agents", "--ticker", "nvda", "--date", "2024-06-03", "--backend", "rules", "--data", SAMPLE);

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("NVDA on 2024-06-03, backend rules, data " + SAMPLE + " (34 features, 0 headlines)"), run.out());
        for (String agent : new String[]{"technical  trend-momentum", "risk       volatility-drawdown",
                "sentiment  news-sentiment", "macro      regime-rates"}) {
            assertTrue(run.out().contains(agent), agent + " missing in\n" + run.out());
        }
        assertTrue(run.out().contains("telemetry: backend=rules model=- endpoint=- attempts=0"), run.out());
        assertTrue(run.out().contains("prompt=rules-technical@1"), run.out());
    }

    @Test
    void should_print_the_inputs_when_asked() {
        CliRun run = CliRun.of("agents", "--ticker", "SPY", "--date", "2024-06-03", "--data", SAMPLE, "--show-inputs");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("  beta_60d_spy               1.00000"), run.out());
    }

    @Test
    void should_refuse_an_unknown_ticker_as_an_operator_error() {
        CliRun run = CliRun.of("agents", "--ticker", "NVDX", "--date", "2024-06-03", "--data", SAMPLE);
        assertEquals(ExitCodes.OPERATOR_ERROR, run.code());
        String line = run.errorLine();
        assertTrue(line.startsWith("quorum agents: unknown ticker 'NVDX'") && line.contains("known tickers: AAPL JPM MSFT NVDA SPY XOM"),
                line);
        assertEquals("", run.out());
    }

    @Test
    void should_refuse_a_date_that_is_not_a_session_as_an_operator_error() {
        CliRun run = CliRun.of("agents", "--ticker", "NVDA", "--date", "2024-06-01", "--data", SAMPLE);
        assertEquals(ExitCodes.OPERATOR_ERROR, run.code());
        String line = run.errorLine();
        assertTrue(line.startsWith("quorum agents: ") && line.contains("2024-06-01 is not a trading session"), line);
    }

    @Test
    void should_refuse_a_missing_data_directory_as_an_operator_error() {
        CliRun run = CliRun.of("agents", "--ticker", "NVDA", "--date", "2024-06-03", "--data", "/nonexistent/market");
        assertEquals(ExitCodes.OPERATOR_ERROR, run.code());
        String line = run.errorLine();
        assertTrue(line.startsWith("quorum agents: ") && line.contains("/nonexistent/market/prices: not a directory"), line);
    }

    @Test
    void should_take_the_default_sample_from_the_installation_when_run_elsewhere() {
        // The tests run in orchestrator/, where there is no samples/market: the installation's (the checkout's) answers.
        assertTrue(Files.notExists(Path.of("samples/market")), "the test must run outside the project root");

        CliRun run = CliRun.of("agents", "--ticker", "NVDA", "--date", "2024-06-03");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("NVDA on 2024-06-03, backend rules, data " + SAMPLE + " (34 features"), run.out());
    }

    @Test
    void should_refuse_a_configuration_error_with_exit_2_like_every_command() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "paralel_tickers: 2\n");

        CliRun run = CliRun.of("agents", "--ticker", "NVDA", "--date", "2024-06-03", "--data", SAMPLE, "--backend", "ollama",
                "--config", typo.toString(), "--prompts", PROMPTS);

        assertEquals(ExitCodes.OPERATOR_ERROR, run.code(), run.err());
        String line = run.errorLine();
        assertTrue(line.startsWith("quorum agents: ") && line.contains("paralel_tickers"), line);
    }

    @Test
    void should_fail_clearly_when_the_ollama_endpoint_is_unreachable() {
        String down = OllamaTestServer.closedPortUrl();

        CliRun run = CliRun.of("agents", "--ticker", "NVDA", "--date", "2024-06-03", "--backend", "ollama", "--data", SAMPLE,
                "--endpoint", down, "--prompts", PROMPTS);

        assertEquals(1, run.code());
        assertEquals("quorum agents: no Ollama endpoint is reachable. Ollama at " + down + " is unreachable (connection refused):"
                + " start it with `ollama serve` there, or pass another --endpoint", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void should_print_every_ollama_agent_with_its_model_and_prompt() throws Exception {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model("llama3.1:8b").thenAlways(OllamaReply.content(
                    "{\"signal\": \"BEARISH\", \"confidence\": 0.61, \"summary\": \"Stretched after a 20% run.\", \"key_factors\": [\"RSI 78\"]}"));

            // A date inside the sample's news (it ends in December 2023), so the sentiment agent has something to judge.
            CliRun run = CliRun.of("agents", "--ticker", "NVDA", "--date", "2023-11-30", "--backend", "ollama", "--data", SAMPLE,
                    "--endpoint", ollama.baseUrl(), "--model", "qwen2.5:7b,llama3.1:8b", "--prompts", PROMPTS);

            assertEquals(0, run.code(), run.err());
            assertTrue(run.err().contains("warning: model 'qwen2.5:7b' is not pulled on " + ollama.baseUrl()), run.err());
            assertTrue(run.out().startsWith("NVDA on 2023-11-30, backend ollama"), run.out());
            PromptRepository prompts = new PromptRepository(Path.of(PROMPTS));
            for (String agent : new String[]{"technical", "risk", "sentiment", "macro"}) {
                // The version each prompt file declares now (prompts are edited: macro is at 3, the others at 2).
                String id = prompts.current(agent).promptId();
                assertTrue(run.out().contains("prompt=" + id + " "), id + " missing in\n" + run.out());
            }
            assertEquals(4, run.out().split("BEARISH", -1).length - 1, run.out());
            assertTrue(run.out().contains("telemetry: backend=ollama model=llama3.1:8b endpoint=" + ollama.baseUrl()), run.out());
            assertEquals(4, ollama.chatCount("llama3.1:8b"));
            assertEquals(0, ollama.chatCount("qwen2.5:7b"), "the probe found it missing: not asked");
        }
    }

    @Test
    void should_exit_1_when_every_agent_abstained() {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model("qwen2.5:7b").thenAlways(OllamaReply.internalError());

            CliRun run = CliRun.of("agents", "--ticker", "NVDA", "--date", "2024-06-03", "--backend", "ollama", "--data", SAMPLE,
                    "--endpoint", ollama.baseUrl(), "--model", "qwen2.5:7b", "--prompts", PROMPTS);

            assertEquals(1, run.code(), run.out());
            assertEquals(4, run.out().split("ABSTAIN", -1).length - 1, run.out());
            assertTrue(run.out().contains("MODEL: every model failed"), run.out());
            assertTrue(run.err().strip().endsWith("quorum agents: every agent abstained; see the reasons above"), run.err());
        }
    }
}
