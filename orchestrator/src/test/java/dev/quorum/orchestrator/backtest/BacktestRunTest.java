package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.orchestrator.cli.CliRun;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backtest's {@code --db} holds one run: a database with decisions no backtest recorded as its own, or a run made
 * with other settings, is refused unchanged; and a refused start creates nothing.
 */
class BacktestRunTest {

    private static final Path SAMPLE = ProjectPaths.root().resolve("samples/market");

    @TempDir
    Path tmp;

    private CliRun backtest(Path db, String... options) {
        List<String> args = new ArrayList<>(List.of("backtest", "--data", SAMPLE.toString(), "--recall", "off",
                "--db", db.toString(), "--llm-cache", tmp.resolve("llm-cache.db").toString()));
        args.addAll(Arrays.asList(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void should_refuse_unchanged_a_database_holding_decisions_that_no_backtest_recorded_as_its_own() throws Exception {
        Path made = tmp.resolve("made.db");
        assertEquals(0, backtest(made, "--tickers", "AAPL", "--from", "2023-11-01", "--to", "2023-11-10").code());
        // The same decisions without the backtest's record beside them: as a service's database holds its own.
        Path service = Files.move(made, tmp.resolve("quorum.db"));
        byte[] before = Files.readAllBytes(service);

        CliRun refused = backtest(service, "--tickers", "AAPL", "--from", "2023-11-01", "--to", "2023-11-10");

        assertEquals(3, refused.code(), refused.err());
        String line = refused.errorLine();
        assertTrue(line.startsWith("quorum backtest: " + service.toAbsolutePath() + ": holds 8 decisions (AAPL 2023-11-01..2023-11-10)"
                + " that no backtest recorded as its own"), line);
        assertTrue(line.contains("give this backtest its own --db"), line);
        assertArrayEquals(before, Files.readAllBytes(service), "the refused database is unchanged");
        for (String beside : List.of("quorum.db.lock", "quorum.db.state", "quorum.db-wal", "quorum.db-shm")) {
            assertFalse(Files.exists(tmp.resolve(beside)), beside + " created beside the refused database");
        }
    }

    @Test
    void should_refuse_a_resume_with_other_settings_naming_each_and_resume_one_with_a_later_end() throws Exception {
        Path db = tmp.resolve("bt.db");
        CliRun first = backtest(db, "--tickers", "AAPL,MSFT", "--from", "2023-11-01", "--to", "2023-11-10");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("AAPL,MSFT 2023-11-01..2023-11-10 backend rules policy beta-log-odds: 16 decisions"), first.out());
        byte[] before = Files.readAllBytes(db);

        CliRun other = backtest(db, "--tickers", "AAPL,NVDA", "--from", "2023-11-01", "--to", "2023-11-10", "--policy", "equal");
        assertEquals(2, other.code(), other.err());
        String line = other.errorLine();
        assertTrue(line.contains("holds a backtest run with other settings (16 decisions (AAPL, MSFT 2023-11-01..2023-11-10))"), line);
        assertTrue(line.contains("--tickers stored AAPL,MSFT, asked AAPL,NVDA; --policy stored beta-log-odds, asked equal;"), line);
        assertFalse(line.contains("--from") || line.contains("--backend"), "only the settings that differ: " + line);
        String help = CliRun.of("backtest", "--help").out().replaceAll("\\s+", " "); // as read, not as wrapped
        assertTrue(help.contains("a --db holding a run of other settings") && help.contains("decisions no backtest made"), help);
        CliRun earlier = backtest(db, "--tickers", "MSFT,AAPL", "--from", "2023-10-02", "--to", "2023-11-10");
        assertEquals(2, earlier.code(), earlier.err());
        assertTrue(earlier.errorLine().contains("--from stored 2023-11-01, asked 2023-10-02"), earlier.err());
        assertArrayEquals(before, Files.readAllBytes(db), "the refused resumes changed nothing");

        // The finished run carried on to a later end: its last decisions were scored with the sessions through 11-17,
        // which its learning took in, so 11-13..11-16 would be decided with outcomes from their future.
        CliRun carriedOn = backtest(db, "--tickers", "MSFT,AAPL", "--from", "2023-11-01", "--to", "2023-11-16");
        assertEquals(2, carriedOn.code(), carriedOn.err());
        assertTrue(carriedOn.errorLine().contains("holds a run that ended at 2023-11-10 and scored its last decisions with the"
                + " sessions through 2023-11-17, which its learning took in: carried on to 2023-11-16 it would decide the sessions"
                + " after 2023-11-10 with outcomes from their future"), carriedOn.err());
        assertArrayEquals(before, Files.readAllBytes(db), "the refused carry-on changed nothing");
        CliRun shorter = backtest(db, "--tickers", "AAPL,MSFT", "--from", "2023-11-01", "--to", "2023-11-08");
        assertEquals(0, shorter.code(), "a window inside the finished one is reported: " + shorter.err());

        // A stopped run (tickers in any order) carries on to a later end: its last decisions were never resolved.
        Path stopped = tmp.resolve("stopped.db");
        assertEquals(1, backtest(stopped, "--tickers", "AAPL,NVDA", "--from", "2023-11-01", "--to", "2023-11-10",
                "--max-sessions", "3").code(), "stopped before the end");
        CliRun resumed = backtest(stopped, "--tickers", "NVDA,AAPL", "--from", "2023-11-01", "--to", "2023-11-16");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("NVDA,AAPL 2023-11-01..2023-11-16 backend rules policy beta-log-odds: 24 decisions"), resumed.out());

        // The database deleted without its state directory: the next run on the path is a new one, not finished.
        Files.delete(db);
        Files.deleteIfExists(tmp.resolve("bt.db-wal"));
        Files.deleteIfExists(tmp.resolve("bt.db-shm"));
        assertEquals(1, backtest(db, "--tickers", "AAPL,NVDA", "--from", "2023-11-01", "--to", "2023-11-06",
                "--max-sessions", "2").code(), "stopped before the end");
        CliRun anew = backtest(db, "--tickers", "AAPL,NVDA", "--from", "2023-11-01", "--to", "2023-11-06");
        assertEquals(0, anew.code(), anew.err());
        assertTrue(anew.out().contains("AAPL,NVDA 2023-11-01..2023-11-06 backend rules policy beta-log-odds: 8 decisions"), anew.out());
    }

    @Test
    void should_refuse_a_resume_after_a_prompt_text_was_edited_naming_that_prompt_and_resume_once_it_is_restored() throws Exception {
        Path prompts = Files.createDirectories(tmp.resolve("prompts"));
        try (Stream<Path> files = Files.list(ProjectPaths.root().resolve("prompts"))) {
            for (Path file : files.toList()) {
                Files.copy(file, prompts.resolve(file.getFileName()));
            }
        }
        Path technical = prompts.resolve("technical.prompt");
        String original = Files.readString(technical);
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content(chat -> chat.format().path("properties").has("verdict")
                    ? "{\"verdict\": \"BUY\", \"confidence\": 0.6, \"reasoning\": \"votes agree\"}"
                    : "{\"signal\": \"BULLISH\", \"confidence\": 0.6, \"summary\": \"s\", \"key_factors\": [\"f\"]}"));
            // Every LLM role on the model, the synthesis included: its prompt is recorded too.
            Path config = SampleBacktests.ollamaConfig(tmp.resolve("quorum.yaml"), prompts, List.of(ollama.baseUrl()), "qwen2.5:7b", 4);
            Path db = tmp.resolve("bt.db");
            String[] run = {"--config", config.toString(), "--backend", "ollama", "--tickers", "AAPL", "--from", "2023-11-01"};
            // Stopped before its end, so that it may be carried on (a finished run may not: see above).
            CliRun first = backtest(db, concat(run, "--to", "2023-11-03", "--max-sessions", "2"));
            assertEquals(1, first.code(), "stopped before the end: " + first.err());
            String asked = hashOf(prompts);
            byte[] before = Files.readAllBytes(db);

            // The text edited, its version header not bumped: the decisions asked with it would be another run's.
            Files.writeString(technical, original.replace("You are the technical analyst", "You are the chart reader"));
            CliRun edited = backtest(db, concat(run, "--to", "2023-11-06"));

            assertEquals(2, edited.code(), edited.err());
            String line = edited.errorLine();
            assertTrue(line.contains("prompt technical stored technical@2 " + asked + ", asked technical@2 " + hashOf(prompts)), line);
            assertFalse(line.contains("prompt risk"), "only the prompt that differs: " + line);
            assertArrayEquals(before, Files.readAllBytes(db), "the refused resume changed nothing");

            Files.writeString(technical, original);
            CliRun restored = backtest(db, concat(run, "--to", "2023-11-06"));
            assertEquals(0, restored.code(), restored.err());
        }
    }

    private static String hashOf(Path prompts) throws Exception {
        return new PromptRepository(prompts).current("technical").contentHash().substring(0, 12);
    }

    private static String[] concat(String[] head, String... tail) {
        return Stream.concat(Arrays.stream(head), Arrays.stream(tail)).toArray(String[]::new);
    }

    @Test
    void should_create_nothing_when_the_start_is_refused() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.md"), "# not a database\n");
        Path db = tmp.resolve("bt.db");
        Map<CliRun, String> refusals = Map.of(
                backtest(db, "--tickers", "ZZZZ", "--from", "2023-11-01", "--to", "2023-11-10"), "2:no price data for ZZZZ",
                backtest(db, "--tickers", "AAPL", "--from", "2023-11-04", "--to", "2023-11-05"),
                "2:the market data has no trading session between 2023-11-04 and 2023-11-05",
                CliRun.of("backtest", "--data", tmp.resolve("nodata").toString(), "--tickers", "AAPL", "--from", "2023-11-01",
                        "--to", "2023-11-10", "--db", db.toString(), "--llm-cache", tmp.resolve("llm-cache.db").toString()),
                "2:" + tmp.resolve("nodata"),
                backtest(notes, "--tickers", "AAPL", "--from", "2023-11-01", "--to", "2023-11-10"), "3:" + notes.toAbsolutePath());
        refusals.forEach((run, expected) -> {
            String[] codeAndWords = expected.split(":", 2);
            assertEquals(Integer.parseInt(codeAndWords[0]), run.code(), run.err());
            assertTrue(run.errorLine().contains(codeAndWords[1]), run.err());
        });
        assertEquals(List.of("notes.md"), filesIn(tmp), "no database, lock file, state directory or reply cache");
        assertEquals("# not a database\n", Files.readString(notes));
    }
}
