package dev.quorum.orchestrator.cli;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaOptionsTest {

    static final String VALID = "{\"signal\": \"NEUTRAL\", \"confidence\": 0.55, \"summary\": \"Mixed.\", \"key_factors\": [\"RSI 50\"]}";
    static final List<Agent> ROSTER = List.of(new Named("technical"), new Named("risk"), new Named("sentiment"), new Named("macro"));

    static OllamaOptions options(String... args) {
        return CommandLine.populateCommand(new OllamaOptions(), args);
    }

    @Test
    void should_refuse_with_a_clear_message_when_no_endpoint_is_reachable() {
        String down = OllamaTestServer.closedPortUrl();

        OllamaOptions.Unavailable e = assertThrows(OllamaOptions.Unavailable.class,
                () -> options("--endpoint", down, "--prompts", prompts()).open(ROSTER));

        assertTrue(e.getMessage().startsWith("no Ollama endpoint is reachable. Ollama at " + down
                + " is unreachable (connection refused): start it with `ollama serve`"), e::getMessage);
    }

    @Test
    void should_refuse_an_endpoint_that_is_not_a_url_as_bad_usage() {
        CliRun run = CliRun.of("agents", "--ticker", "NVDA", "--date", "2024-06-03", "--backend", "ollama",
                "--endpoint", "gpu1:11434", "--prompts", prompts());

        assertEquals(ExitCodes.OPERATOR_ERROR, run.code(), run.err());
        assertEquals("quorum agents: Ollama endpoint 'gpu1:11434' must look like http://host:11434 (see quorum agents --help)",
                run.errorLine());
    }

    @Test
    void should_refuse_a_prompts_directory_that_does_not_exist_as_bad_usage() {
        String missing = Path.of("no-such-prompts-dir").toAbsolutePath().toString();
        CliRun run = CliRun.of("agents", "--ticker", "NVDA", "--date", "2024-06-03", "--backend", "ollama",
                "--endpoint", OllamaTestServer.closedPortUrl(), "--prompts", missing);

        assertEquals(ExitCodes.OPERATOR_ERROR, run.code(), run.err());
        assertEquals("quorum agents: Invalid value for option '--prompts': " + missing + " is not a directory"
                + " (see quorum agents --help)", run.errorLine());
    }

    @Test
    void should_run_every_agent_on_the_models_in_place_and_warn_about_a_model_that_is_not_pulled() throws Exception {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content(VALID));

            List<AgentOutcome> outcomes;
            List<String> warnings;
            try (OllamaPanel panel = options("--endpoint", ollama.baseUrl(), "--model", "gemma3:4b,qwen2.5:7b",
                    "--prompts", prompts()).open(ROSTER)) {
                outcomes = panel.assess(new AgentInput("NVDA", LocalDate.parse("2024-06-03"), Map.of("rsi_14", 50.0), List.of(), ""));
                warnings = panel.warnings();
            }

            assertEquals(List.of("model 'gemma3:4b' is not pulled on " + ollama.baseUrl()
                    + ": run `ollama pull gemma3:4b` there"), warnings);
            assertEquals(List.of("technical", "risk", "sentiment", "macro"), outcomes.stream().map(AgentOutcome::agent).toList());
            for (AgentOutcome outcome : outcomes) {
                AgentSignal signal = assertInstanceOf(AgentSignal.class, outcome);
                assertEquals("qwen2.5:7b", signal.telemetry().model());
                assertEquals(new PromptRepository(Path.of(prompts())).current(outcome.agent()).promptId(), signal.telemetry().promptId());
            }
            assertEquals(0, ollama.chatCount("gemma3:4b"), "the probe found it missing: never asked");
        }
    }

    static String prompts() {
        return ProjectPaths.root().resolve("prompts").toString();
    }

    /** Stands in for the rules agent of a role: the LLM twin only takes its name and domain. */
    record Named(String name) implements Agent {
        @Override
        public String domain() {
            return name + "-domain";
        }

        @Override
        public AgentOutcome assess(AgentInput input, DecisionBudget budget) {
            throw new AssertionError("the rules agent must not be asked without --fallback rules");
        }
    }
}
