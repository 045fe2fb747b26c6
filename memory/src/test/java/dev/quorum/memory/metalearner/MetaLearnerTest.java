package dev.quorum.memory.metalearner;

import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.store.StoreException;

import java.nio.file.Path;
import java.time.Duration;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaLearnerTest {

    private static final AgentRoster ROSTER = AgentRoster.of("technical", "risk", "sentiment", "macro");

    /** A decision's votes plus the return a hidden rule assigns to them. */
    private record Example(Map<String, AgentVote> votes, double actual) {
    }

    /**
     * Synthetic world: the technical agent is skilled (its confident calls move the return), the sentiment
     * agent is contrarian, macro sometimes abstains, risk is noise; plus a little noise on the return.
     */
    private static List<Example> synthetic(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        Direction[] directions = Direction.values();
        List<Example> examples = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Map<String, AgentVote> votes = new LinkedHashMap<>();
            for (String agent : ROSTER.agents()) {
                if (agent.equals("macro") && random.nextDouble() < 0.3) {
                    continue;
                }
                votes.put(agent, new AgentVote(directions[random.nextInt(3)], random.nextDouble(),
                        random.nextDouble(0.1, 2.0)));
            }
            AgentVote technical = votes.get("technical");
            AgentVote sentiment = votes.get("sentiment");
            double actual = 0.04 * technical.signal().sign() * technical.confidence()
                    - 0.02 * sentiment.signal().sign() * sentiment.confidence()
                    + random.nextGaussian() * 0.002;
            examples.add(new Example(votes, actual));
        }
        return examples;
    }

    private static Map<String, AgentVote> probe() {
        return Map.of("technical", new AgentVote(Direction.BULLISH, 0.8, 1.2),
                "risk", new AgentVote(Direction.BEARISH, 0.4, 0.7),
                "sentiment", new AgentVote(Direction.NEUTRAL, 0.5, 1.0));
    }

    private static void trainOn(MetaLearner learner, List<Example> examples) {
        for (int i = 0; i < examples.size(); i++) {
            learner.train("d-" + i, examples.get(i).votes(), examples.get(i).actual());
        }
    }

    @Test
    void should_learn_a_synthetic_relation_with_falling_loss_and_high_held_out_r_squared() {
        MetaLearner learner = MetaLearner.inMemory(ROSTER, MetaLearnerConfig.defaults());
        List<TrainingStep> steps = new ArrayList<>();
        List<Example> training = synthetic(1L, 3000);
        for (int i = 0; i < training.size(); i++) {
            steps.add(learner.train("d-" + i, training.get(i).votes(), training.get(i).actual()));
        }
        double early = steps.subList(0, 200).stream().mapToDouble(TrainingStep::loss).average().orElseThrow();
        double late = steps.subList(2800, 3000).stream().mapToDouble(TrainingStep::loss).average().orElseThrow();
        assertTrue(late < early / 3, "loss should drop at least 3x: first 200 " + early + ", last 200 " + late);

        List<Example> heldOut = synthetic(2L, 500);
        double mean = heldOut.stream().mapToDouble(Example::actual).average().orElseThrow();
        double residual = 0;
        double total = 0;
        for (Example e : heldOut) {
            double error = e.actual() - learner.predict(e.votes());
            residual += error * error;
            total += (e.actual() - mean) * (e.actual() - mean);
        }
        double rSquared = 1 - residual / total;
        assertTrue(rSquared > 0.8, "held-out R² should exceed 0.8, was " + rSquared);
        MetaLearnerStatus status = learner.status();
        assertEquals(3000, status.steps());
        assertEquals(100, status.window());
        assertTrue(status.rSquared() > 0.8, "running R² " + status.rSquared());
        assertEquals(200, status.learningCurve().size());
        assertEquals(3000, status.learningCurve().get(199).step());
    }

    @Test
    void should_report_no_fit_before_any_update() {
        MetaLearnerStatus status = MetaLearner.inMemory(ROSTER, MetaLearnerConfig.defaults()).status();
        assertEquals(0, status.steps());
        assertNull(status.runningLoss());
        assertNull(status.rSquared());
        assertTrue(status.learningCurve().isEmpty());
    }

    @Test
    void should_be_deterministic_given_the_seed() {
        List<Example> examples = synthetic(3L, 200);
        MetaLearner first = MetaLearner.inMemory(ROSTER, MetaLearnerConfig.builder().seed(5).build());
        MetaLearner second = MetaLearner.inMemory(ROSTER, MetaLearnerConfig.builder().seed(5).build());
        MetaLearner other = MetaLearner.inMemory(ROSTER, MetaLearnerConfig.builder().seed(6).build());
        trainOn(first, examples);
        trainOn(second, examples);
        trainOn(other, examples);
        assertEquals(first.predict(probe()), second.predict(probe()));
        assertEquals(first.status(), second.status());
        assertNotEquals(first.predict(probe()), other.predict(probe()));
    }

    private static long count(QuorumDatabase database, String table) {
        return database.read("count", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Test
    void should_checkpoint_every_ten_updates_and_restore_identical_predictions(@TempDir Path dir) {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        List<Example> examples = synthetic(4L, 20);
        MetaLearner original = MetaLearner.open(database, ROSTER, MetaLearnerConfig.defaults());
        trainOn(original, examples);
        assertEquals(20, original.status().lastCheckpointStep());
        assertEquals(2, count(database, "metalearner_checkpoints"));
        assertEquals(20, count(database, "metalearner_training_log"));

        MetaLearner restored = MetaLearner.open(QuorumDatabase.open(dir.resolve("quorum.db")), ROSTER,
                MetaLearnerConfig.defaults());
        assertEquals(original.predict(probe()), restored.predict(probe()));
        assertEquals(original.status(), restored.status());

        // The restored learner continues exactly like one that never stopped: the optimiser state came back too.
        MetaLearner neverStopped = MetaLearner.inMemory(ROSTER, MetaLearnerConfig.defaults());
        trainOn(neverStopped, examples);
        Example next = synthetic(5L, 1).get(0);
        assertEquals(neverStopped.train("next", next.votes(), next.actual()), restored.train("next", next.votes(), next.actual()));
        assertEquals(neverStopped.predict(probe()), restored.predict(probe()));
    }

    @Test
    void should_replay_updates_logged_after_the_last_checkpoint(@TempDir Path dir) {
        MetaLearner original = MetaLearner.open(QuorumDatabase.open(dir.resolve("quorum.db")), ROSTER,
                MetaLearnerConfig.defaults());
        trainOn(original, synthetic(6L, 25));
        assertEquals(20, original.status().lastCheckpointStep());

        MetaLearner restored = MetaLearner.open(QuorumDatabase.open(dir.resolve("quorum.db")), ROSTER,
                MetaLearnerConfig.defaults());
        assertEquals(25, restored.status().steps());
        assertEquals(original.predict(probe()), restored.predict(probe()));
        assertEquals(original.status().learningCurve(), restored.status().learningCurve());
    }

    @Test
    void should_reject_votes_that_are_not_numbers_or_not_in_the_roster() {
        MetaLearner learner = MetaLearner.inMemory(ROSTER, MetaLearnerConfig.defaults());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new AgentVote(Direction.BULLISH, Double.NaN, 1.0));
        assertTrue(nan.getMessage().contains("confidence"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AgentVote(Direction.BULLISH, 0.5, Double.POSITIVE_INFINITY));

        IllegalArgumentException stranger = assertThrows(IllegalArgumentException.class,
                () -> learner.predict(Map.of("astrology", new AgentVote(Direction.BULLISH, 0.5, 1.0))));
        assertTrue(stranger.getMessage().contains("'astrology'"), stranger.getMessage());

        IllegalArgumentException actual = assertThrows(IllegalArgumentException.class,
                () -> learner.train("d-1", probe(), Double.NaN));
        assertTrue(actual.getMessage().contains("d-1"), actual.getMessage());
        assertEquals(0, learner.status().steps(), "a rejected update must not change the learner");
    }

    @Test
    void should_reject_an_input_of_the_wrong_width_or_with_a_nan() {
        MultiLayerPerceptron network = MultiLayerPerceptron.initialise(12, MetaLearner.HIDDEN_LAYERS, Activation.TANH, 1L);
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> network.predict(new double[9]));
        assertTrue(width.getMessage().contains("takes 12 inputs") && width.getMessage().contains("got 9"), width.getMessage());
        double[] input = new double[12];
        input[4] = Double.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> network.predict(input));
        assertTrue(nan.getMessage().contains("input 4 (agent 1"), nan.getMessage());
    }

    @Test
    void should_refuse_a_checkpoint_trained_for_another_roster(@TempDir Path dir) {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        trainOn(MetaLearner.open(database, ROSTER, MetaLearnerConfig.defaults()), synthetic(7L, 10));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MetaLearner.open(database, AgentRoster.of("technical", "risk"), MetaLearnerConfig.defaults()));
        assertTrue(e.getMessage().contains("[technical, risk, sentiment, macro]"), e.getMessage());
    }

    @Test
    void should_refuse_a_checkpoint_that_is_not_one(@TempDir Path dir) {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        database.inTransaction("plant a bad checkpoint", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO metalearner_checkpoints (step, roster_json, state, created_at) "
                        + "VALUES (10, '[]', X'68656C6C6F', '2026-01-01T00:00:00Z')");
            }
            return null;
        });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MetaLearner.open(database, ROSTER, MetaLearnerConfig.defaults()));
        assertTrue(e.getMessage().contains("metalearner_checkpoints step 10"), e.getMessage());
    }

    @Test
    void should_name_the_step_of_a_corrupt_training_log_row(@TempDir Path dir) {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        database.inTransaction("plant a bad log row", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO metalearner_training_log (step, decision_id, predicted, actual, "
                        + "loss, inputs_json, recorded_at) VALUES (1, 'd', 0.1, 0.0, 0.01, 'zero', '2026-01-01T00:00:00Z')");
            }
            return null;
        });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MetaLearner.open(database, ROSTER, MetaLearnerConfig.defaults()));
        assertTrue(e.getMessage().contains("metalearner_training_log step 1"), e.getMessage());
    }

    @Test
    void should_stay_as_it_was_when_the_update_cannot_be_stored(@TempDir Path dir) {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        MetaLearner learner = MetaLearner.open(database, ROSTER, MetaLearnerConfig.defaults());
        double before = learner.predict(probe());
        // Another writer took step 1 behind this learner's back: its own step 1 cannot be stored.
        database.inTransaction("take step 1", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO metalearner_training_log (step, decision_id, predicted, actual, "
                        + "loss, inputs_json, recorded_at) VALUES (1, 'other', 0, 0, 0, '[]', '2026-01-01T00:00:00Z')");
            }
            return null;
        });

        assertThrows(StoreException.class, () -> learner.train("d-1", probe(), 0.02));

        assertEquals(0, learner.status().steps());
        assertTrue(learner.status().learningCurve().isEmpty());
        assertEquals(before, learner.predict(probe()));
        // Weights, biases and the optimiser's moments all went back: once stored, the update lands where a learner
        // that never failed lands.
        database.inTransaction("give step 1 back", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM metalearner_training_log WHERE step = 1");
            }
            return null;
        });
        MetaLearner neverFailed = MetaLearner.inMemory(ROSTER, MetaLearnerConfig.defaults());
        for (double actual : new double[]{0.02, -0.01}) {
            assertEquals(neverFailed.train("d", probe(), actual).predicted(), learner.train("d", probe(), actual).predicted());
        }
        assertEquals(neverFailed.predict(probe()), learner.predict(probe()));
    }

    @Test
    void should_take_the_votes_of_a_panel_leaving_abstentions_out_and_requiring_a_trust_weight() {
        SignalTelemetry telemetry = new SignalTelemetry(SignalBackend.RULES, "rules", "", 1, List.of(), Duration.ZERO, 0, 0, "p", "h");
        List<AgentOutcome> panel = List.of(
                new AgentSignal("technical", "trend", Direction.BULLISH, 0.7, "", List.of(), telemetry),
                new Abstention("macro", "macro", ErrorCategory.NETWORK, "Ollama down", telemetry));

        Map<String, AgentVote> votes = AgentVote.ofPanel(panel, Map.of("technical", 1.3, "macro", 0.9));

        assertEquals(Map.of("technical", new AgentVote(Direction.BULLISH, 0.7, 1.3)), votes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentVote.ofPanel(panel, Map.of("macro", 0.9)));
        assertTrue(e.getMessage().contains("'technical'"), e.getMessage());
    }
}
