package dev.quorum.orchestrator.promptlab;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.quorum.agents.llm.LlmAgent;
import dev.quorum.orchestrator.backtest.Backtest;
import dev.quorum.orchestrator.backtest.BacktestConfig;
import dev.quorum.orchestrator.backtest.BacktestSettings;
import dev.quorum.orchestrator.backtest.Progress;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.cli.CliRun;
import dev.quorum.orchestrator.reliability.StoredRows;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prompt evaluation on decisions stored by a real (rules) backtest, against the Ollama test server. */
class PromptsCommandTest {

    private static final String MODEL = "qwen2.5:7b";
    private static final String MARKER = "CANDIDATE-THAT-BREAKS-THE-FORMAT";

    @TempDir
    Path tmp;

    @Test
    void should_fail_a_candidate_that_is_worse_and_pass_one_that_is_not() throws Exception {
        Path db = enoughCases();
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
                    "--candidate", worse.toString(), "--cases", "40", "--llm-cache", tmp.resolve("cache.db").toString());
            assertEquals(1, failing.code(), failing.out() + failing.err());
            assertTrue(failing.out().contains("valid-output rate      100.0% (40)"), failing.out());
            assertTrue(failing.out().contains("Candidate is WORSE beyond the margin 0.05: valid-output rate -100.0 points"), failing.out());
            assertTrue(failing.out().contains("candidate (technical@2) abstained on 40 of 40 cases; most often: every model failed"),
                    failing.out());

            ollama.clearRecords();
            CliRun passing = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", db.toString(), "--agent", "technical",
                    "--candidate", same.toString(), "--cases", "40", "--margin", "0.0", "--llm-cache", tmp.resolve("cache.db").toString());
            assertEquals(0, passing.code(), passing.out() + passing.err());
            assertTrue(passing.out().contains("Candidate is not worse than the current prompt beyond the margin 0.0"), passing.out());
            assertTrue(passing.out().contains("agreement"), passing.out());
            assertEquals(0, ollama.chatCount(MODEL), "an unchanged prompt is answered from the reply cache");

            CliRun bad = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", db.toString(), "--agent", "nobody",
                    "--candidate", same.toString());
            assertEquals(1, bad.code());
            assertEquals("quorum prompts eval: unknown agent 'nobody'; known agents: macro, risk, sentiment, technical",
                    bad.errorLine());
        }
    }

    @Test
    void should_make_no_comparison_when_no_model_can_be_asked_a_call_fails_or_every_answer_is_invalid() throws Exception {
        Path db = enoughCases();
        Path candidate = Files.writeString(tmp.resolve("same.prompt"),
                Files.readString(ProjectPaths.root().resolve("prompts").resolve("technical.prompt")));
        String down = OllamaTestServer.closedPortUrl();

        CliRun refused = CliRun.of("prompts", "eval", "--config", config(down).toString(), "--db", db.toString(), "--agent", "technical",
                "--candidate", candidate.toString(), "--cases", "40", "--llm-cache", tmp.resolve("cache.db").toString());

        assertEquals(1, refused.code(), refused.out() + refused.err());
        assertEquals("quorum prompts eval: no comparison: no Ollama endpoint is reachable. Ollama at " + down + " is unreachable "
                + "(connection refused): start it with `ollama serve` there, or name another under ollama.endpoints in the configuration",
                refused.err().strip());
        assertEquals("", refused.out());

        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model(MODEL).thenAlways(OllamaReply.content("The trend looks fine to me."));
            Logger agentLog = (Logger) LoggerFactory.getLogger(LlmAgent.class);
            ListAppender<ILoggingEvent> logs = new ListAppender<>();
            logs.start();
            agentLog.addAppender(logs);
            CliRun garbage;
            try {
                garbage = CliRun.of("prompts", "eval", "--config", config(ollama.baseUrl()).toString(), "--db", db.toString(), "--agent",
                        "technical", "--candidate", candidate.toString(), "--cases", "40", "--llm-cache", tmp.resolve("cache.db").toString());
            } finally {
                agentLog.detachAppender(logs);
            }

            assertEquals(1, garbage.code(), garbage.out() + garbage.err());
            assertTrue(garbage.out().contains(String.format("%-22s %-26s %s", "valid-output rate", "0.0% (0)", "0.0% (0)")), garbage.out());
            assertTrue(garbage.out().contains(String.format("%-22s %-26s %s", "abstentions", "MODEL 40", "MODEL 40")), garbage.out());
            assertTrue(garbage.out().contains("\nNo comparison: neither prompt got a valid answer from the model (every model failed"),
                    garbage.out());
            assertFalse(garbage.out().contains("Candidate is"), garbage.out());
            // Every case was asked (the invalid-output breaker would skip the model after 4 invalid replies in a row; the
            // candidate's replies may come from the cache, as its prompt is the same), and no abstention was logged at WARN.
            assertTrue(ollama.chatCount(MODEL) >= 40, "chats: " + ollama.chatCount(MODEL));
            assertEquals(List.of(), logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList());
        }

        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            // Part-way: the first call meets a full queue on both of its attempts (a case's budget is 2 calls), then all is well.
            ollama.model(MODEL).then(OllamaReply.busy(), 2).thenAlways(OllamaReply.content(
                    "{\"signal\": \"BULLISH\", \"confidence\": 0.7, \"summary\": \"Trend up.\", \"key_factors\": [\"sma\"]}"));
            CliRun partWay = CliRun.of("prompts", "eval", "--config", config(ollama.baseUrl()).toString(), "--db", db.toString(), "--agent",
                    "technical", "--candidate", candidate.toString(), "--cases", "40", "--llm-cache", tmp.resolve("fresh.db").toString());

            assertEquals(1, partWay.code(), partWay.out() + partWay.err());
            assertTrue(partWay.out().contains("\nNo comparison: 1 of 80 calls reached no model ("), partWay.out());
            assertFalse(partWay.out().contains("Candidate is"), partWay.out());
        }
    }

    @Test
    void should_make_no_comparison_on_too_few_cases_without_asking_the_model() throws Exception {
        Path db = storedDecisions();
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model(MODEL).thenAlways(OllamaReply.content("{\"signal\": \"BULLISH\", \"confidence\": 0.7, \"summary\": \"Up.\", "
                    + "\"key_factors\": [\"sma\"]}"));
            CliRun few = CliRun.of("prompts", "eval", "--config", config(ollama.baseUrl()).toString(), "--db", db.toString(), "--agent",
                    "technical", "--candidate", ProjectPaths.root().resolve("prompts").resolve("technical.prompt").toString(), "--cases", "8",
                    "--llm-cache", tmp.resolve("cache.db").toString());

            assertEquals(1, few.code(), few.out() + few.err());
            // AAPL and MSFT: 2 cases a session, H = 5, so blocks of 10 cases; 8 cases are not one block.
            assertEquals("quorum prompts eval: no comparison: 8 cases are fewer than 5 bootstrap blocks of 10 (5 sessions' outcome "
                    + "horizon, 2 cases a session), too few to tell a difference from noise: evaluate at least 50 (--cases, or a wider "
                    + "--from/--to)", few.err().strip());
            assertEquals(0, ollama.chatCount(MODEL));

            // --cases counts within a window too: the 8 most recent of it, not every decision in it.
            CliRun windowed = CliRun.of("prompts", "eval", "--config", config(ollama.baseUrl()).toString(), "--db", db.toString(),
                    "--agent", "technical", "--candidate", ProjectPaths.root().resolve("prompts").resolve("technical.prompt").toString(),
                    "--cases", "8", "--from", "2000-01-03", "--to", "2099-12-31", "--llm-cache", tmp.resolve("cache.db").toString());
            assertEquals(few.err(), windowed.err());
            assertEquals(0, ollama.chatCount(MODEL));
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
        // Every row's columns start where the header's do, whatever the length of a prompt id (rules-sentiment@2).
        List<String> table = list.out().lines().takeWhile(l -> !l.isEmpty()).toList();
        assertTrue(table.stream().anyMatch(l -> l.contains("rules-sentiment@")), list.out());
        String header = table.get(0);
        for (String row : table.subList(1, table.size())) {
            assertEquals(header.length(), row.length(), list.out());
            for (String column : List.of("prompt", "hash", "trade dates", "decided")) {
                int at = header.indexOf(column);
                assertEquals(' ', row.charAt(at - 1), column + " in\n" + list.out());
                assertTrue(row.charAt(at) != ' ', column + " in\n" + list.out());
            }
        }
    }

    @Test
    void should_suggest_from_the_agents_error_patterns_and_worst_calls_as_a_template_report_without_applying_it() throws Exception {
        Path db = storedDecisions();
        QuorumDatabase database = QuorumDatabase.open(db);
        // Seed 002's error categories for the agent: 11 MODEL (over the seed's 10) and 2 NETWORK.
        database.inTransaction("record errors", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO agent_errors (occurred_at, agent, category, "
                    + "message, model, endpoint) VALUES ('2023-11-02T15:00:00Z', 'technical', ?, 'scripted', 'qwen2.5:7b', 'test')")) {
                for (int i = 0; i < 13; i++) {
                    insert.setString(1, i < 11 ? "MODEL" : "NETWORK");
                    insert.executeUpdate();
                }
            }
            return null;
        });
        // Independently: the agent's resolved directional calls, those right on the sign, and the most confident wrong one.
        long[] figures = new long[2];
        String[] worst = new String[1];
        database.read("check", connection -> {
            String join = " FROM agent_signals s JOIN decisions d ON d.id = s.decision_id JOIN outcomes o ON o.decision_id = d.id "
                    + "WHERE s.agent = 'technical' AND s.signal IN ('BULLISH', 'BEARISH') AND o.source = 'market'";
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), SUM((s.signal = 'BULLISH' AND o.realized_return > 0) "
                    + "OR (s.signal = 'BEARISH' AND o.realized_return < 0))" + join); ResultSet rs = select.executeQuery()) {
                figures[0] = rs.getLong(1);
                figures[1] = rs.getLong(2);
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT d.ticker, d.trade_date, s.signal, s.confidence" + join
                    + " AND NOT ((s.signal = 'BULLISH' AND o.realized_return > 0) OR (s.signal = 'BEARISH' AND o.realized_return < 0))"
                    + " ORDER BY s.confidence DESC, ABS(o.realized_return) DESC LIMIT 1"); ResultSet rs = select.executeQuery()) {
                worst[0] = String.format(Locale.ROOT, "  %-6s %s %-8s %.2f -> ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4));
            }
            return null;
        });
        Path prompt = ProjectPaths.root().resolve("prompts").resolve("technical.prompt");
        String before = Files.readString(prompt);
        Path config = Files.writeString(tmp.resolve("rules.yaml"), "prompts_dir: " + ProjectPaths.root().resolve("prompts") + "\n");

        CliRun suggest = CliRun.of("prompts", "suggest", "--config", config.toString(), "--db", db.toString(), "--agent", "technical",
                "--worst", "3");

        assertEquals(0, suggest.code(), suggest.out() + suggest.err());
        String out = suggest.out();
        assertTrue(figures[0] > 0, "the sample run has resolved technical calls");
        assertTrue(out.contains(String.format(Locale.ROOT, "Resolved directional calls: %d, right on the sign %d (%.1f%%)", figures[0],
                figures[1], 100.0 * figures[1] / figures[0])), out);
        assertTrue(out.contains("Error patterns: MODEL 11, NETWORK 2"), out);
        assertTrue(out.contains("Worst resolved calls (wrong on the sign, most confident first):\n" + worst[0]), out);
        assertTrue(out.contains("invalid_replies") && !out.contains("too_many_timeouts"), out);
        assertTrue(out.contains("Suggestion (template):\n  - Restate the reply format"), out);
        assertTrue(out.contains("then run: bin/quorum prompts eval --config " + config + " --db " + db + " --agent technical --candidate FILE"),
                out);
        assertEquals(before, Files.readString(prompt), "a suggestion is never applied");

        CliRun bad = CliRun.of("prompts", "suggest", "--config", config.toString(), "--db", db.toString(), "--agent", "nobody");
        assertEquals(1, bad.code());
        assertEquals("quorum prompts suggest: unknown agent 'nobody'; known agents: macro, risk, sentiment, technical",
                bad.errorLine());
    }

    @Test
    void should_ask_the_configured_ollama_chain_for_the_suggestion_and_fall_back_to_the_template() throws Exception {
        Path db = storedDecisions();
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            java.util.concurrent.atomic.AtomicBoolean valid = new java.util.concurrent.atomic.AtomicBoolean(true);
            ollama.model(MODEL).thenAlways(OllamaReply.content(chat -> valid.get()
                    ? "{\"diagnosis\": \"Confident calls against the trend were wrong.\", \"changes\": [\"Ask for NEUTRAL when RSI and the SMA disagree.\"]}"
                    : "Here are my thoughts on the prompt."));
            Path config = config(ollama);

            CliRun suggest = CliRun.of("prompts", "suggest", "--config", config.toString(), "--db", db.toString(), "--agent", "technical",
                    "--backend", "ollama");

            assertEquals(0, suggest.code(), suggest.out() + suggest.err());
            assertTrue(suggest.out().contains("Suggestion (written by " + MODEL + "):\n  Confident calls against the trend were wrong.\n"
                    + "  - Ask for NEUTRAL when RSI and the SMA disagree.\n"), suggest.out());
            OllamaTestServer.RecordedChat chat = ollama.chats(MODEL).get(0);
            assertTrue(chat.content("user").contains("Resolved directional calls:") && chat.content("user").contains("<<<SUMMARIES"),
                    chat.content("user"));
            assertTrue(chat.content("user").contains(Files.readString(ProjectPaths.root().resolve("prompts").resolve("technical.prompt"))));

            valid.set(false);
            CliRun fallback = CliRun.of("prompts", "suggest", "--config", config.toString(), "--db", db.toString(), "--agent", "technical",
                    "--backend", "ollama");
            assertEquals(0, fallback.code(), fallback.out() + fallback.err());
            assertTrue(fallback.out().contains("Suggestion (template; the model gave none: "), fallback.out());
            // Either template suggestion that points at the worst calls points where they are printed: above it.
            int suggestion = fallback.out().indexOf("the worst calls above");
            assertTrue(suggestion > fallback.out().indexOf("Worst resolved calls"), fallback.out());
            assertFalse(fallback.out().contains("calls below"), fallback.out());
        }
    }

    @Test
    void should_refuse_a_suggestion_asked_of_ollama_when_no_endpoint_answers_naming_the_endpoint_not_a_budget() throws Exception {
        Path db = storedDecisions();
        String down = OllamaTestServer.closedPortUrl();

        CliRun refused = CliRun.of("prompts", "suggest", "--config", config(down).toString(), "--db", db.toString(), "--agent", "technical",
                "--backend", "ollama");

        assertEquals(1, refused.code(), refused.out() + refused.err());
        assertEquals("quorum prompts suggest: no Ollama endpoint is reachable. Ollama at " + down + " is unreachable "
                + "(connection refused): start it with `ollama serve` there, or name another under ollama.endpoints in the "
                + "configuration, or pass --backend template", refused.errorLine());
        assertEquals("", refused.out(), "no template passes for the model's suggestion");

        CliRun template = CliRun.of("prompts", "suggest", "--config", config(down).toString(), "--db", db.toString(), "--agent",
                "technical", "--backend", "template");
        assertEquals(0, template.code(), template.out() + template.err());
        assertTrue(template.out().contains("Suggestion (template):\n"), template.out());
    }

    @Test
    void should_refuse_bad_prompts_input_in_one_line_naming_the_option_or_file_given() throws Exception {
        Path config = config(OllamaTestServer.closedPortUrl());
        String current = ProjectPaths.root().resolve("prompts").resolve("technical.prompt").toString();
        Path missing = tmp.resolve("missing.db");
        // Each refused before the database is opened or a model asked: the database path has nothing there.
        Map<List<String>, String> usage = Map.of(
                List.of("--cases", "0"), "--cases must be at least 1, was 0",
                List.of("--cases", "-5"), "--cases must be at least 1, was -5",
                List.of("--margin", "-1"), "--margin must be between 0 and 1 (a fraction), was -1.0",
                List.of("--margin", "1.5"), "--margin must be between 0 and 1 (a fraction), was 1.5",
                List.of("--candidate", tmp.toString()), "--candidate " + tmp + " is a directory, not a prompt file",
                List.of("--candidate", tmp.resolve("none.prompt").toString()), "--candidate " + tmp.resolve("none.prompt") + " does not exist");
        for (var input : usage.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("prompts", "eval", "--config", config.toString(), "--db",
                    missing.toString(), "--agent", "technical"));
            args.addAll(input.getKey());
            if (!input.getKey().contains("--candidate")) {
                args.addAll(List.of("--candidate", current));
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.code(), input.getKey() + ": " + run.err());
            assertEquals("quorum prompts eval: " + input.getValue(), run.errorLine());
        }

        // Not a prompt file: the line names the file given (not the copy evaluated), and nothing is logged besides it.
        Path readme = Files.writeString(tmp.resolve("README.md"), "# Notes\n\nNot a prompt.\n");
        Logger repositoryLog = (Logger) LoggerFactory.getLogger(dev.quorum.agents.prompts.PromptRepository.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        repositoryLog.addAppender(logs);
        CliRun notPrompt;
        try {
            notPrompt = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", missing.toString(), "--agent", "technical",
                    "--candidate", readme.toString());
        } finally {
            repositoryLog.detachAppender(logs);
        }
        assertEquals(2, notPrompt.code(), notPrompt.err());
        assertEquals("quorum prompts eval: --candidate " + readme + " line 3: text before the [system] part: only '#' header "
                + "and comment lines may come first", notPrompt.errorLine());
        assertFalse(notPrompt.err().contains("quorum-candidate"), notPrompt.err());
        assertEquals(List.of(), logs.list);

        // A missing database exits 3 with weights' words; an unknown agent exits 1 with weights' words, in every subcommand.
        String noDatabase = ": no Quorum database at " + missing.toAbsolutePath() + " (pass --db FILE, or --config FILE with data_dir "
                + "and memory.sqlite_path; the default is var/quorum.db)";
        CliRun eval = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", missing.toString(), "--agent", "technical",
                "--candidate", current);
        CliRun list = CliRun.of("prompts", "list", "--config", config.toString(), "--db", missing.toString());
        CliRun suggest = CliRun.of("prompts", "suggest", "--config", config.toString(), "--db", missing.toString(), "--agent", "technical",
                "--backend", "template");
        for (CliRun run : List.of(eval, list, suggest)) {
            assertEquals(3, run.code(), run.err());
        }
        assertEquals("quorum prompts eval" + noDatabase, eval.errorLine());
        assertEquals("quorum prompts list" + noDatabase, list.errorLine());
        assertEquals("quorum prompts suggest" + noDatabase, suggest.errorLine());
        assertFalse(Files.exists(missing), "never created");

        CliRun unknown = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", missing.toString(), "--agent", "foo",
                "--candidate", current);
        assertEquals(1, unknown.code(), unknown.err());
        assertEquals("quorum prompts eval: unknown agent 'foo'; known agents: macro, risk, sentiment, technical",
                unknown.errorLine());
    }

    @Test
    void should_ask_the_model_without_the_ticker_or_the_trade_date_unless_anonymise_is_off() throws Exception {
        // The cases are history: with "AAPL at the close of 2023-12-29" a model trained later answers from memory.
        Path db = enoughCases();
        Path same = Files.writeString(tmp.resolve("same.prompt"),
                Files.readString(ProjectPaths.root().resolve("prompts").resolve("technical.prompt")));
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model(MODEL).thenAlways(OllamaReply.content(
                    "{\"signal\": \"BULLISH\", \"confidence\": 0.7, \"summary\": \"Trend up.\", \"key_factors\": [\"sma\"]}"));
            Path config = config(ollama);

            CliRun anonymised = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", db.toString(), "--agent", "technical",
                    "--candidate", same.toString(), "--cases", "40", "--llm-cache", tmp.resolve("cache.db").toString());
            assertEquals(0, anonymised.code(), anonymised.out() + anonymised.err());
            List<String> asked = ollama.chats(MODEL).stream().map(c -> c.content("system") + c.content("user")).toList();
            assertFalse(asked.isEmpty());
            assertTrue(asked.stream().noneMatch(text -> text.contains("AAPL") || text.contains("Apple") || text.matches("(?s).*20\\d\\d-\\d\\d-\\d\\d.*")),
                    asked.get(0));

            ollama.clearRecords();
            CliRun live = CliRun.of("prompts", "eval", "--config", config.toString(), "--db", db.toString(), "--agent", "technical",
                    "--candidate", same.toString(), "--cases", "40", "--anonymise", "off", "--llm-cache", tmp.resolve("cache.db").toString());
            assertEquals(0, live.code(), live.out() + live.err());
            assertTrue(ollama.chats(MODEL).stream().anyMatch(c -> c.content("user").contains("AAPL at the close of 2023-12-29")),
                    "asked as the stored decision saw it, and not answered by the anonymised replies");
        }
    }

    @Test
    void should_say_not_worse_only_when_the_interval_rules_out_a_drop_beyond_the_margin() throws Exception {
        Path db = enoughCases();
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            // The candidate turns BEARISH on about one case in four (by the case's data): a drop the bootstrap cannot tell from
            // noise, nor rule out.
            ollama.model(MODEL).thenAlways(OllamaReply.content(chat -> "{\"signal\": \""
                    + (chat.content("system").contains(MARKER) && Math.floorMod(chat.content("user").hashCode(), 4) == 0 ? "BEARISH" : "BULLISH")
                    + "\", \"confidence\": 0.7, \"summary\": \"Trend.\", \"key_factors\": [\"sma\"]}"));
            String current = Files.readString(ProjectPaths.root().resolve("prompts").resolve("technical.prompt"));
            Path candidate = Files.writeString(tmp.resolve("flips.prompt"), current.replace("[system]\n", "[system]\n" + MARKER + "\n"));

            CliRun eval = CliRun.of("prompts", "eval", "--config", config(ollama).toString(), "--db", db.toString(), "--agent", "technical",
                    "--candidate", candidate.toString(), "--cases", "40", "--margin", "0.02", "--llm-cache", tmp.resolve("cache.db").toString());

            assertEquals(0, eval.code(), eval.out() + eval.err());
            String accuracy = eval.out().lines().filter(l -> l.startsWith("accuracy on the sign   ") && l.contains("noise")).findFirst()
                    .orElseThrow();
            double lower = Double.parseDouble(accuracy.replaceFirst(".*\\[([-+0-9.]+), .*", "$1"));
            assertTrue(lower < -2.0, "the interval reaches below -2 points: " + accuracy);
            List<String> lines = eval.out().lines().toList();
            assertEquals("Candidate is not shown worse, but a drop beyond the margin 0.02 is not ruled out: accuracy on the sign "
                    + accuracy.substring("accuracy on the sign   ".length()).replace(" within noise", "") + " (more cases narrow the interval)",
                    lines.get(lines.size() - 2), eval.out());
        }
    }

    @Test
    void should_refuse_an_unreadable_candidate_a_broken_current_prompt_and_an_empty_window_in_one_line_changing_nothing() throws Exception {
        Path db = storedDecisions();
        Map<String, List<String>> stored = StoredRows.of(db);
        Path prompts = Files.createDirectories(tmp.resolve("prompts"));
        for (String agent : List.of("technical", "risk", "sentiment", "macro", "synthesis")) {
            Files.copy(ProjectPaths.root().resolve("prompts").resolve(agent + ".prompt"), prompts.resolve(agent + ".prompt"));
        }
        Path config = Files.writeString(tmp.resolve("own-prompts.yaml"), Files.readString(config(OllamaTestServer.closedPortUrl()))
                .replace("prompts_dir: " + ProjectPaths.root().resolve("prompts"), "prompts_dir: " + prompts));
        Path candidate = Files.writeString(tmp.resolve("candidate.prompt"), Files.readString(prompts.resolve("technical.prompt")));
        Path technical = prompts.resolve("technical.prompt");
        String[] eval = {"prompts", "eval", "--config", config.toString(), "--db", db.toString(), "--agent", "technical", "--candidate"};
        Logger repositoryLog = (Logger) LoggerFactory.getLogger(dev.quorum.agents.prompts.PromptRepository.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        repositoryLog.addAppender(logs);
        try {
            // Reading /proc/self/mem at offset 0 fails (EIO) even for root, who may read a file without read permission.
            CliRun unreadable = CliRun.of(concat(eval, "/proc/self/mem"));
            assertEquals(2, unreadable.code(), unreadable.err());
            assertEquals("quorum prompts eval: --candidate /proc/self/mem cannot be read: Input/output error", unreadable.errorLine());

            CliRun window = CliRun.of(concat(eval, candidate.toString(), "--from", "2019-01-01", "--to", "2019-02-01"));
            assertEquals(2, window.code(), window.err());
            assertEquals("quorum prompts eval: no stored decision of agent technical in " + db.toAbsolutePath()
                    + " with a trade date in 2019-01-01..2019-02-01: nothing to evaluate", window.errorLine());
            CliRun reversed = CliRun.of(concat(eval, candidate.toString(), "--from", "2023-11-10", "--to", "2023-11-01"));
            assertEquals(2, reversed.code(), reversed.err());
            assertEquals("quorum prompts eval: --from 2023-11-10 is after --to 2023-11-01", reversed.errorLine());

            Files.writeString(technical, "");
            CliRun empty = CliRun.of(concat(eval, candidate.toString()));
            assertEquals(2, empty.code(), empty.err());
            assertEquals("quorum prompts eval: the current prompt " + technical + " line 1: missing header line '# prompt: technical'",
                    empty.errorLine());
            Files.delete(technical);
            CliRun missing = CliRun.of(concat(eval, candidate.toString()));
            assertEquals(2, missing.code(), missing.err());
            assertEquals("quorum prompts eval: the current prompt " + technical + " does not exist", missing.errorLine());
        } finally {
            repositoryLog.detachAppender(logs);
        }
        assertEquals(List.of(), logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList(), "the one line is all");
        assertEquals(stored, StoredRows.of(db));
    }

    private static String[] concat(String[] head, String... tail) {
        return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
    }

    private Path config(OllamaTestServer ollama) throws Exception {
        return config(ollama.baseUrl());
    }

    private Path config(String ollamaUrl) throws Exception {
        return Files.writeString(tmp.resolve("quorum.yaml"), """
                prompts_dir: %s
                ollama:
                  endpoints:
                    - {name: test, url: "%s", parallel: 4}
                  chain:
                    - {endpoint: test, model: "%s"}
                """.formatted(ProjectPaths.root().resolve("prompts"), ollamaUrl, MODEL));
    }

    /** A rules backtest of AAPL and MSFT over 2023-11-01..10 on a copy of the shipped sample: decisions with inputs and outcomes. */
    private Path storedDecisions() throws Exception {
        return storedDecisions(List.of("AAPL", "MSFT"), LocalDate.of(2023, 11, 1), LocalDate.of(2023, 11, 10));
    }

    /**
     * AAPL alone over 2023-10-02..12-29 (62 sessions): the 40 most recent cases are 8 bootstrap blocks of 5 (one case a
     * session), at least 35 of them resolved, over the evaluation's minimums of 5 blocks and 20 directional calls a side.
     */
    private Path enoughCases() throws Exception {
        return storedDecisions(List.of("AAPL"), LocalDate.of(2023, 10, 2), LocalDate.of(2023, 12, 29));
    }

    private Path storedDecisions(List<String> tickers, LocalDate first, LocalDate last) throws Exception {
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
        BacktestSettings settings = new BacktestSettings(data, tickers, first, last, db, OptionalInt.empty());
        Backtest.run(BacktestConfig.of(settings, Optional.empty(), BacktestConfig.Backend.RULES, "outcome-ema", Map.of()), settings,
                BacktestConfig.Backend.RULES, 0.0, 0.0, Backtest.Publish.NONE, tmp.resolve("bt-cache.db"), Progress.SILENT, () -> false);
        return db;
    }
}
