package dev.quorum.orchestrator.cli;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.store.AgentRun;
import dev.quorum.memory.store.DecisionRecord;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.trust.RedisWeightsMirror;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.RedisClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/quorum weights} and {@code bin/quorum feedback} on a real SQLite file and a real Redis. */
class LearningCommandsTest {

    private static final RedisServer REDIS = new RedisServer();
    private static final LocalDate DAY = LocalDate.parse("2023-06-01");

    @TempDir
    Path dir;

    private Path db;
    private Path config;

    @BeforeAll
    static void startRedis() {
        REDIS.start();
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @BeforeEach
    void decide() throws IOException {
        db = dir.resolve("quorum.db");
        config = dir.resolve("quorum.yaml");
        Files.writeString(config, """
                data_dir: "%s"
                market:
                  data_dir: "%s"
                memory:
                  recall_k: 0
                trust:
                  policy: outcome-ema
                  snapshot_every: 1
                redis:
                  url: "%s"
                """.formatted(dir.resolve("data"), ProjectPaths.root().resolve("samples/market"), REDIS.url()));
        DecisionStore store = new DecisionStore(QuorumDatabase.open(db), "quorum:decisions");
        store.save(decision("c-1", "AAPL", DAY));
        store.save(decision("c-2", "AAPL", DAY.plusDays(1)));
    }

    private static DecisionRecord decision(String id, String ticker, LocalDate day) {
        AgentInput input = new AgentInput(ticker, day, Map.of("close", 150.0), List.of(), "");
        SignalTelemetry telemetry = new SignalTelemetry(SignalBackend.RULES, "", "", 0, List.of(), Duration.ZERO, 0, 0, "technical@1", "");
        return new DecisionRecord(id, ticker, day, Verdict.BUY, 0.7, 0.4, "{\"correlation_id\":\"" + id + "\"}", Map.of(),
                OptionalDouble.empty(), List.of(
                new AgentRun(new AgentSignal("technical", "trend", Direction.BULLISH, 0.8, "", List.of(), telemetry), input, 1.0),
                new AgentRun(new AgentSignal("risk", "risk", Direction.BEARISH, 0.6, "", List.of(), telemetry), input, 1.0)),
                List.of(), Instant.parse("2023-06-01T21:00:00Z"));
    }

    private static String payload(String id, String symbol) {
        return """
                {"decision_id": "%s", "symbol": "%s", "entry_price": 150.0, "exit_price": 157.5, "actual_profit": 75.0,
                 "hold_duration": 5, "agent_votes": {"technical": {"direction": "LONG", "confidence": 0.8, "position_size": 10}}}
                """.formatted(id, symbol);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QuorumCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        if (stdin != null) {
            FeedbackCommand feedback = cli.getSubcommands().get("feedback").getCommand();
            feedback.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void should_record_feedback_from_a_file_and_show_the_learned_weights() throws IOException {
        Path payload = Files.writeString(dir.resolve("payload.json"), payload("c-1", "AAPL"));

        Run feedback = run(null, "feedback", "--db", db.toString(), "--config", config.toString(), "--file", payload.toString());

        assertEquals(0, feedback.exitCode(), feedback.err());
        assertTrue(feedback.out().contains("Recorded feedback for c-1 (AAPL 2023-06-01 BUY): return +5.00%"), feedback.out());
        assertTrue(feedback.out().contains("technical        BULLISH  0.80  correct                   weight 1.0200"), feedback.out());
        Run weights = run(null, "weights", "--db", db.toString(), "--config", config.toString());
        assertEquals(0, weights.exitCode(), weights.err());
        assertTrue(weights.out().contains("technical         1.0200      1        1"), weights.out());
        assertTrue(weights.out().contains("#1"), weights.out());
        // Seed 001's profit factor on one +5 % outcome: technical (BULLISH) has no loss yet, risk (BEARISH) only a loss.
        assertTrue(weights.out().matches("(?s).*\\n  technical +1\\.0200 [^\\n]* -\\n.*"), weights.out());
        assertTrue(weights.out().matches("(?s).*\\n  risk +0\\.9850 [^\\n]* -5\\.000% +0\\.00\\n.*"), weights.out());
        // technical right once at 0.8: alpha 5 + 1, beta 5, accuracy 6/11 = 54.5 %, log-odds ln(1.2) = +0.182; its bin
        // (0.8-1) shrunk to 54.5 % with 10 pseudo-observations: (1 + 10 x 6/11) / (1 + 10) = 58.7 %, the empty bins at 54.5 %.
        assertTrue(weights.out().matches("(?s).*technical\\s+1\\s+6\\.00\\s+5\\.00\\s+54\\.5%\\s+\\+0\\.182\\s+54\\.5%\\s+54\\.5%"
                + "\\s+54\\.5%\\s+54\\.5%\\s+58\\.7%.*"), weights.out());
        Run history = run(null, "weights", "--db", db.toString(), "--config", config.toString(), "--history", "risk");
        assertTrue(history.out().contains("1.0000 -> 0.9850  outcome-ema"), history.out());
        try (RedisClient redis = RedisClient.create(REDIS.host(), REDIS.port())) {
            assertEquals("1.02", redis.hget(RedisWeightsMirror.KEY, "technical"));
        }
        StoreOptions options = CommandLine.populateCommand(new StoreOptions(), "--db", db.toString(), "--config", config.toString());
        try (QuorumRuntime runtime = options.openRuntime()) {
            assertEquals(1, runtime.metaLearner().status().steps(), "the feedback trained the meta-learner, as the API's does");
        }
    }

    @Test
    void should_read_the_payload_from_standard_input() {
        Run feedback = run(payload("c-1", "AAPL"), "feedback", "--db", db.toString(), "--config", config.toString());

        assertEquals(0, feedback.exitCode(), feedback.err());
    }

    @Test
    void should_refuse_inconsistent_feedback_with_exit_code_1_and_record_nothing() {
        Run refused = run(payload("c-1", "MSFT"), "feedback", "--db", db.toString(), "--config", config.toString());

        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("quorum feedback: symbol: \"MSFT\" but decision c-1 is for AAPL"), refused.err());
        Run weights = run(null, "weights", "--db", db.toString(), "--config", config.toString());
        assertTrue(weights.out().contains("none learned yet"), weights.out());
    }

    @Test
    void should_roll_back_to_a_snapshot_and_refuse_an_unknown_one() {
        run(payload("c-1", "AAPL"), "feedback", "--db", db.toString(), "--config", config.toString());
        run(payload("c-2", "AAPL"), "feedback", "--db", db.toString(), "--config", config.toString());

        Run rollback = run(null, "weights", "--db", db.toString(), "--config", config.toString(), "--rollback", "1");

        assertEquals(0, rollback.exitCode(), rollback.err());
        assertTrue(rollback.out().contains("technical        1.0380 -> 1.0200"), rollback.out());
        Run unknown = run(null, "weights", "--db", db.toString(), "--config", config.toString(), "--rollback", "99");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("no trust weight snapshot 99"), unknown.err());
    }

    @Test
    void should_refuse_a_missing_database_without_creating_one() {
        Path missing = dir.resolve("elsewhere/quorum.db");

        Run run = run(null, "weights", "--db", missing.toString(), "--config", config.toString());

        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("no Quorum database at " + missing.toAbsolutePath()), run.err());
        assertFalse(Files.exists(missing));
    }

    @Test
    void should_refuse_a_file_that_is_not_a_quorum_database() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.db"), "my notes");

        Run run = run(payload("c-1", "AAPL"), "feedback", "--db", notes.toString(), "--config", config.toString());

        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("not an SQLite database"), run.err());
        assertEquals("my notes", Files.readString(notes));
    }
}
