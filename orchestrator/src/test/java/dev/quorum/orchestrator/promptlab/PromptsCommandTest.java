package dev.quorum.orchestrator.promptlab;

import dev.quorum.orchestrator.backtest.Backtest;
import dev.quorum.orchestrator.backtest.BacktestConfig;
import dev.quorum.orchestrator.backtest.BacktestSettings;
import dev.quorum.orchestrator.backtest.Progress;
import dev.quorum.orchestrator.cli.CliRun;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prompt evaluation on decisions stored by a real (rules) backtest, against the Ollama test server. */
class PromptsCommandTest {

    private static final String MODEL = "qwen2.5:7b";
    private static final String MARKER = "CANDIDATE-THAT-BREAKS-THE-FORMAT";

    @TempDir
    Path tmp;

    @Test
    void should_fail_a_candidate_that_is_worse_and_pass_one_that_is_not() throws Exception {
        Path db = storedDecisions();
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            // The current prompt gets valid answers; the scripted worse candidate gets prose instead of JSON.
            ollama.model(MODEL).thenAlways(OllamaReply.content(chat -> chat.content("system").contains(MARKER)
                    ? "I think the stock will probably go up."
                    : "{\"signal\": \"BULLISH\", \"confidence\": 0.7, \"summary\": \"Trend up.\", \"key_factors\": [\"sma\"]}"));
            Path config = config(ollama);
            String current = Files.readString(ProjectPaths.root().resolve("prompts").resolve("technical.prompt"));
            Path worse = Files.writeString(tmp.resolve("worse.prompt"), current.replace("[system]\n", "[system]\n" + MARKER + "\n"));
            Path same = Files.writeString(tmp.resolve("same.prompt"), current);

            CliRun failing = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", db.toString(), "--agent", "technical",
                    "--candidate", worse.toString(), "--cases", "8", "--llm-cache", tmp.resolve("cache.db").toString());
            assertEquals(1, failing.code(), failing.out() + failing.err());
            assertTrue(failing.out().contains("valid-output rate      100.0% (8)"), failing.out());
            assertTrue(failing.out().contains("Candidate is WORSE"), failing.out());

            ollama.clearRecords();
            CliRun passing = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", db.toString(), "--agent", "technical",
                    "--candidate", same.toString(), "--cases", "8", "--margin", "0.0", "--llm-cache", tmp.resolve("cache.db").toString());
            assertEquals(0, passing.code(), passing.out() + passing.err());
            assertTrue(passing.out().contains("agreement"), passing.out());
            assertEquals(0, ollama.chatCount(MODEL), "an unchanged prompt is answered from the reply cache");

            CliRun bad = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", db.toString(), "--agent", "nobody",
                    "--candidate", same.toString());
            assertEquals(2, bad.code());
            assertTrue(bad.err().contains("--agent nobody is not on the panel"), bad.err());
        }
    }

    @Test
    void should_list_the_prompt_versions_stored_decisions_used() throws Exception {
        Path db = storedDecisions();
        CliRun list = CliRun.of("prompts", "list", "--db", db.toString());
        assertEquals(0, list.code(), list.err());
        for (String agent : List.of("technical", "risk", "sentiment", "macro")) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(agent) && l.contains("2023-11-01..2023-11-10")), list.out());
        }
        assertTrue(list.out().contains("Current prompt files"), list.out());
    }

    private Path config(OllamaTestServer ollama) throws Exception {
        return Files.writeString(tmp.resolve("quorum.yaml"), """
                prompts_dir: %s
                ollama:
                  endpoints:
                    - {name: test, url: "%s", parallel: 4}
                  chain:
                    - {endpoint: test, model: "%s"}
                """.formatted(ProjectPaths.root().resolve("prompts"), ollama.baseUrl(), MODEL));
    }

    /** A rules backtest of AAPL and MSFT over 2023-11-01..10 on a copy of the shipped sample: decisions with inputs and outcomes. */
    private Path storedDecisions() throws Exception {
        Path source = ProjectPaths.root().resolve("samples").resolve("market");
        Path data = tmp.resolve("data");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = data.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        Path db = tmp.resolve("decisions.db");
        BacktestSettings settings = new BacktestSettings(data, List.of("AAPL", "MSFT"), LocalDate.of(2023, 11, 1),
                LocalDate.of(2023, 11, 10), db, OptionalInt.empty());
        Backtest.run(BacktestConfig.of(settings, Optional.empty(), BacktestConfig.Backend.RULES, "outcome-ema", Map.of()), settings,
                BacktestConfig.Backend.RULES, 0.0, 0.0, Backtest.Publish.NONE, tmp.resolve("bt-cache.db"), Progress.SILENT, () -> false);
        return db;
    }
}
