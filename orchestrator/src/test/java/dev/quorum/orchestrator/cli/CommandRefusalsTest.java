package dev.quorum.orchestrator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.memory.store.AgentError;
import dev.quorum.orchestrator.http.TestApi;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands that work on an existing database ({@code weights}, {@code errors}, {@code feedback}) refuse what the
 * operator got wrong the way every other command does: a configuration error exits 2 in one line prefixed with the
 * command, like {@code run}'s; a refused open leaves nothing beside the file; an unknown agent is named.
 */
class CommandRefusalsTest {

    @TempDir
    Path dir;

    private Path db;
    private Path config;

    @BeforeEach
    void database() throws IOException {
        db = dir.resolve("quorum.db");
        config = TestApi.storeConfig(dir);
        TestApi.saveDecision(db, List.of(new AgentError("technical", ErrorCategory.MODEL, "invalid JSON", "qwen2.5:7b", "",
                Instant.parse("2023-05-31T20:00:00Z"))));
    }

    @Test
    void should_exit_2_with_runs_line_for_a_configuration_key_typo_in_every_database_command() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "paralel_tickers: 2\n");
        Path payload = Files.writeString(dir.resolve("payload.json"), "{}");

        String problem = refusedLikeRun(List.of("--config", typo.toString()), List.of("--db", db.toString()),
                List.of("--file", payload.toString()));

        assertTrue(problem.contains("paralel_tickers"), problem);
    }

    @Test
    void should_exit_2_for_a_missing_configuration_file_like_run() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        Path payload = Files.writeString(dir.resolve("payload.json"), "{}");

        String problem = refusedLikeRun(List.of("--config", missing.toString()), List.of(), List.of("--file", payload.toString()));

        assertTrue(problem.contains(missing.toString()), problem);
    }

    /**
     * Runs {@code run} with {@code configArgs}, then {@code weights}, {@code errors} and {@code feedback} with them and
     * {@code storeArgs} ({@code feedback} with {@code payloadArgs} too): each exits 2 with run's one line, its own name
     * in front. Returns the problem the line names.
     */
    private static String refusedLikeRun(List<String> configArgs, List<String> storeArgs, List<String> payloadArgs) {
        List<String> runArgs = new ArrayList<>(List.of("run"));
        runArgs.addAll(configArgs);
        CliRun run = CliRun.of(runArgs.toArray(String[]::new));
        assertEquals(ExitCodes.OPERATOR_ERROR, run.code(), run.err());
        String line = run.errorLine();
        assertTrue(line.startsWith("quorum run: "), line);
        String problem = line.substring("quorum run: ".length());

        for (String command : new String[]{"weights", "errors", "feedback"}) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(configArgs);
            args.addAll(storeArgs);
            if (command.equals("feedback")) {
                args.addAll(payloadArgs);
            }
            CliRun refused = CliRun.of(args.toArray(String[]::new));

            assertEquals(ExitCodes.OPERATOR_ERROR, refused.code(), command + ": " + refused.err());
            assertEquals("quorum " + command + ": " + problem, refused.errorLine());
        }
        return problem;
    }

    @Test
    void should_leave_no_lock_file_beside_a_file_that_is_not_a_database() throws IOException {
        Path readme = Files.writeString(dir.resolve("README.md"), "# notes\n");

        CliRun weights = CliRun.of("weights", "--db", readme.toString(), "--config", config.toString());

        assertEquals(ExitCodes.UNUSABLE, weights.code(), weights.err());
        assertTrue(weights.errorLine().startsWith("quorum weights: " + readme), weights.err());
        assertFalse(Files.exists(dir.resolve("README.md.lock")), "refused before its lock file was made");
        assertEquals("# notes\n", Files.readString(readme));
    }

    @Test
    void should_keep_the_lock_file_of_a_database_that_opened() {
        CliRun weights = CliRun.of("weights", "--db", db.toString(), "--config", config.toString());

        assertEquals(ExitCodes.OK, weights.code(), weights.err());
        assertTrue(Files.exists(dir.resolve("quorum.db.lock")), "a lock file stays: only the kernel's lock on it comes and goes");
    }

    @Test
    void should_say_why_the_payload_file_cannot_be_read() {
        Path missing = dir.resolve("nope.json");
        CliRun absent = CliRun.of("feedback", "--db", db.toString(), "--config", config.toString(), "--file", missing.toString());
        assertEquals(ExitCodes.UNUSABLE, absent.code(), absent.err());
        assertEquals("quorum feedback: cannot read the payload " + missing + ": no such file", absent.errorLine());

        CliRun directory = CliRun.of("feedback", "--db", db.toString(), "--config", config.toString(), "--file", dir.toString());
        assertEquals(ExitCodes.UNUSABLE, directory.code(), directory.err());
        assertEquals("quorum feedback: cannot read the payload " + dir + ": it is a directory", directory.errorLine());
    }

    @Test
    void should_name_the_known_agents_when_asked_for_an_unknown_one() {
        String known = "known agents: macro, risk, sentiment, technical";

        CliRun history = CliRun.of("weights", "--db", db.toString(), "--config", config.toString(), "--history", "foo");
        assertEquals(ExitCodes.NOT_DONE, history.code(), history.err());
        assertEquals("quorum weights: unknown agent 'foo'; " + known, history.errorLine());
        assertEquals("", history.out());

        CliRun errors = CliRun.of("errors", "--db", db.toString(), "--config", config.toString(), "--agent", "foo");
        assertEquals(ExitCodes.NOT_DONE, errors.code(), errors.err());
        assertEquals("quorum errors: unknown agent 'foo'; " + known, errors.errorLine());
        assertEquals("", errors.out());
    }

    @Test
    void should_print_a_refusal_of_a_learning_command_alone_without_the_runtimes_start_up_line() {
        // In a terminal the log goes to stderr too: 'Quorum ready as all: ...' before the refusal made it two lines.
        Logger runtime = (Logger) LoggerFactory.getLogger(QuorumRuntime.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        runtime.addAppender(logged);
        try {
            CliRun history = CliRun.of("weights", "--db", db.toString(), "--config", config.toString(), "--history", "foo");
            assertEquals(ExitCodes.NOT_DONE, history.code(), history.err());
        } finally {
            runtime.detachAppender(logged);
        }
        assertEquals(List.of(), logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void should_accept_an_agent_known_only_from_the_database() throws IOException {
        // An agent removed from the panel keeps its record: its errors can still be asked for.
        Files.writeString(config, Files.readString(config) + "agents: [{name: risk, domain: volatility-drawdown, prompt: risk, backend: rules, fallback: none}]\n"
                + "consensus: {quorum: 1}\n");

        CliRun errors = CliRun.of("errors", "--db", db.toString(), "--config", config.toString(), "--agent", "technical");

        assertEquals(ExitCodes.OK, errors.code(), errors.err());
        assertTrue(errors.out().contains("technical        MODEL"), errors.out());
    }
}
