package dev.quorum.orchestrator.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.HttpConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.http.ApiServer;
import dev.quorum.orchestrator.reliability.StoredRows;
import dev.quorum.orchestrator.runtime.ApiWiring;
import dev.quorum.orchestrator.runtime.MetaLearnerTraining;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.service.ScheduledEngine;
import dev.quorum.testkit.ProjectPaths;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feedback whose meta-learner update fails (the database refuses the training log row, as a clashing second
 * writer once made it) must not answer {@code success: true}: the answer says the outcome is recorded and the
 * learning failed, and the update is made later, before the next outcome's, in order, also when the process was
 * restarted in between (the waiting updates are kept in the database).
 */
class FeedbackLearningFailureTest {

    private static final String TOKEN = "learning-failure-token-0123456789";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void should_report_a_failed_meta_learner_update_and_learn_it_before_the_next_outcome() throws Exception {
        QuorumConfig config = config();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.FILE);
             Readiness readiness = new Readiness(runtime.readinessChecks())) {
            List<TickerDecision> decided = decideTwoSides(runtime, config);
            ScheduledEngine engine = new ScheduledEngine(runtime.cycle()::run, config.schedule(), config.watchlist(),
                    runtime::latestSession, runtime.outbox());
            try (ApiServer api = new ApiServer(new HttpConfig(true, "127.0.0.1", 0, TOKEN, List.of()), Optional.empty(),
                    ApiWiring.backends(runtime, engine, readiness, metrics))) {
                refuseTrainingLog(config.sqliteFile(), true);
                TickerDecision first = decided.get(0);
                JsonNode failed = feedback(api.port(), first);
                assertFalse(failed.get("success").asBoolean(), failed.toString());
                assertEquals("failed", failed.at("/meta_learner/status").asText(), failed.toString());
                assertTrue(failed.at("/meta_learner/error").asText().contains("retried"), failed.toString());
                assertTrue(failed.at("/meta_learner/training_step").isNull(), failed.toString());
                assertPerformance(failed, config.sqliteFile(), first);
                assertEquals(List.of(), StoredRows.column(config.sqliteFile(), "SELECT step FROM metalearner_training_log"));

                refuseTrainingLog(config.sqliteFile(), false);
                TickerDecision second = decided.get(1);
                JsonNode trained = feedback(api.port(), second);
                assertTrue(trained.get("success").asBoolean(), trained.toString());
                assertEquals("trained", trained.at("/meta_learner/status").asText());
                assertEquals(2, trained.at("/meta_learner/training_step").asInt(), "the failed update went first: " + trained);
                double actual = move(second);
                assertEquals(actual, trained.at("/meta_learner/actual_profit").asDouble(), 1e-12);
                double predicted = trained.at("/meta_learner/predicted_profit").asDouble();
                assertEquals((predicted - actual) * (predicted - actual), trained.at("/meta_learner/loss").asDouble(), 1e-12);
                assertEquals(List.of(first.correlationId(), second.correlationId()), StoredRows.column(config.sqliteFile(),
                        "SELECT decision_id FROM metalearner_training_log ORDER BY step"), "learnt late, in order, not lost");
            }
        }
    }

    @Test
    void should_keep_a_failed_update_across_a_restart_and_learn_it_first_after_it() throws Exception {
        QuorumConfig config = config();
        Path database = config.sqliteFile();
        TickerDecision first;
        TickerDecision second;
        try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.FILE)) {
            List<TickerDecision> decided = decideTwoSides(runtime, config);
            first = decided.get(0);
            second = decided.get(1);
            refuseTrainingLog(database, true);
            runtime.outcomes().recordFeedback(payload(first));
            assertEquals("failed", runtime.training().take(first.correlationId()).orElseThrow().status());
            assertEquals(1, runtime.training().waiting());
        }
        refuseTrainingLog(database, false);

        try (QuorumRuntime restarted = QuorumRuntime.open(config, PublishTarget.FILE)) {
            assertEquals(1, restarted.training().waiting(), "the failed update outlived the process");
            restarted.outcomes().recordFeedback(payload(second));
            MetaLearnerTraining.Result trained = restarted.training().take(second.correlationId()).orElseThrow();
            assertEquals("trained", trained.status(), trained.toString());
            assertEquals(2, trained.step().orElseThrow().step(), "the update kept over the restart went first");
            assertEquals(0, restarted.training().waiting());
        }
        assertEquals(List.of(first.correlationId(), second.correlationId()),
                StoredRows.column(database, "SELECT decision_id FROM metalearner_training_log ORDER BY step"));
        List<String> actual = StoredRows.column(database, "SELECT actual FROM metalearner_training_log ORDER BY step");
        assertEquals(move(first), Double.parseDouble(actual.get(0)), 1e-12, "trained on the realised return kept with the update");
        assertEquals(move(second), Double.parseDouble(actual.get(1)), 1e-12);

        // A learnt update whose removal was lost (a crash between the two writes) is not trained on again.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement()) {
            s.execute("INSERT INTO metalearner_retries (decision_id, votes_json, actual, error, queued_at) VALUES ('"
                    + first.correlationId() + "', '{}', 0.03, 'disk trouble', '2024-06-04T00:00:00Z')");
        }
        try (QuorumRuntime again = QuorumRuntime.open(config, PublishTarget.FILE)) {
            assertEquals(0, again.training().waiting());
        }
    }

    private QuorumConfig config() {
        return new ConfigLoader(Map.of(
                "QUORUM_DATA_DIR", dir.resolve("state").toString(),
                "QUORUM_MARKET_DATA_DIR", ProjectPaths.root().resolve("samples/market").toString(),
                "QUORUM_MEMORY_RECALL_K", "0")).from(Optional.empty());
    }

    private static List<TickerDecision> decideTwoSides(QuorumRuntime runtime, QuorumConfig config) {
        List<TickerDecision> decided = runtime.cycle().run(config.watchlist(), LocalDate.parse("2024-06-03"), () -> false).decided()
                .stream().filter(d -> d.verdict() != Verdict.HOLD).toList();
        assertTrue(decided.size() >= 2, "two decisions that took a side: " + decided);
        return decided;
    }

    /** The price move the feedback reports: +3 % after a BUY, -3 % after a SELL (a winning trade either way). */
    private static double move(TickerDecision d) {
        return d.verdict() == Verdict.BUY ? 0.03 : -0.03;
    }

    private static String payload(TickerDecision d) {
        double exit = 100 * (1 + move(d));
        double profit = 30;
        return String.format(Locale.ROOT, "{\"decision_id\": \"%s\", \"symbol\": \"%s\", \"entry_price\": 100.0, "
                + "\"exit_price\": %.2f, \"actual_profit\": %.2f, \"hold_duration\": 5}", d.correlationId(), d.ticker(), exit, profit);
    }

    private JsonNode feedback(int port, TickerDecision d) throws Exception {
        String body = payload(d);
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/feedback"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        return json.readTree(reply.body());
    }

    /**
     * The performance summary against a count made here from the stored votes: with the price up 3 %, a BULLISH
     * call is right and BEARISH and NEUTRAL calls are wrong; down 3 %, only BEARISH is right (ε = 0.005).
     */
    private static void assertPerformance(JsonNode reply, Path database, TickerDecision d) {
        double move = move(d);
        List<String> signals = StoredRows.column(database, "SELECT s.signal FROM agent_signals s JOIN decisions d"
                + " ON d.id = s.decision_id WHERE d.correlation_id = '" + d.correlationId() + "' AND s.abstained = 0");
        long right = signals.stream().filter(move > 0 ? "BULLISH"::equals : "BEARISH"::equals).count();
        JsonNode summary = reply.get("performance_summary");
        assertEquals(move, summary.get("realized_return").asDouble(), 1e-12, reply.toString());
        assertEquals(signals.size(), summary.get("calls_scored").asInt(), reply.toString());
        assertEquals(right, summary.get("calls_correct").asLong(), reply.toString());
        assertEquals((double) right / signals.size(), summary.get("accuracy").asDouble(), 1e-12, reply.toString());
    }

    /** A trigger that makes SQLite refuse every training-log row, through a connection of its own. */
    private static void refuseTrainingLog(Path database, boolean refuse) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement()) {
            s.execute(refuse
                    ? "CREATE TRIGGER refuse_training BEFORE INSERT ON metalearner_training_log BEGIN SELECT RAISE(FAIL, 'disk trouble'); END"
                    : "DROP TRIGGER refuse_training");
        }
    }
}
