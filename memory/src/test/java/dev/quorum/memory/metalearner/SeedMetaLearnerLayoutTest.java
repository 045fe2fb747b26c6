package dev.quorum.memory.metalearner;

import dev.quorum.envelope.Direction;
import dev.quorum.memory.store.QuorumDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 001's meta-learner layout and tables: 27 inputs ([vote, confidence, weight] x 9 agents, zero-padded), the
 * training log's {@code agent_votes} and {@code hold_duration}, and {@code metalearner_weights}.
 */
class SeedMetaLearnerLayoutTest {

    private static final List<String> PANEL = List.of("technical", "risk", "sentiment", "macro");

    @TempDir
    Path dir;

    private static Map<String, AgentVote> votes() {
        Map<String, AgentVote> votes = new LinkedHashMap<>();
        votes.put("technical", new AgentVote(Direction.BULLISH, 0.85, 1.35));
        votes.put("risk", new AgentVote(Direction.BEARISH, 0.6, 0.89));
        votes.put("sentiment", new AgentVote(Direction.NEUTRAL, 0.5, 1.12)); // macro abstained
        return votes;
    }

    @Test
    void should_lay_out_27_features_for_up_to_9_agents_zero_padded() {
        AgentRoster seed = AgentRoster.seedLayout(PANEL);

        assertEquals(27, seed.inputWidth());
        double[] expected = new double[27];
        System.arraycopy(new double[]{1, 0.85, 1.35, -1, 0.6, 0.89, 0, 0.5, 1.12}, 0, expected, 0, 9);
        assertArrayEquals(expected, seed.encode(votes()), "macro (slot 4, abstained) and slots 5-9 (no agent) are zeros");
        assertEquals(12, new AgentRoster(PANEL).inputWidth(), "the default layout has one slot per agent");

        List<String> ten = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AgentRoster.seedLayout(ten));
        assertEquals("seed 001's 27-feature layout has room for 9 agents, the roster has 10 " + ten, refused.getMessage());
    }

    @Test
    void should_log_the_seeds_agent_votes_and_hold_duration_and_snapshot_metalearner_weights() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        // The trust weights as the ledger snapshots them; the checkpoint below is taken after this one.
        database.inTransaction("snapshot trust weights", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO trust_weight_snapshots (weights_json, policy, update_count, reason, created_at)"
                        + " VALUES ('{\"technical\":1.35,\"risk\":0.89}', 'outcome-ema', 2, 'every 2 updates', '2020-01-01T00:00:00Z')");
            }
            return null;
        });
        MetaLearnerConfig config = MetaLearnerConfig.builder().checkpointEvery(2).build();
        MetaLearner learner = MetaLearner.open(database, AgentRoster.seedLayout(PANEL), config);

        TrainingStep first = learner.train("d-1", votes(), 0.05, OptionalInt.of(5));
        TrainingStep second = learner.train("d-2", votes(), -0.01, OptionalInt.of(7));

        List<List<Object>> log = rows(database, "SELECT id, training_step, decision_id, agent_votes, predicted_profit,"
                + " actual_profit, loss, hold_duration FROM metalearner_training_history ORDER BY id");
        String agentVotes = "{\"technical\":{\"direction\":\"BULLISH\",\"confidence\":0.85,\"weight\":1.35},"
                + "\"risk\":{\"direction\":\"BEARISH\",\"confidence\":0.6,\"weight\":0.89},"
                + "\"sentiment\":{\"direction\":\"NEUTRAL\",\"confidence\":0.5,\"weight\":1.12}}";
        assertEquals(List.of(1L, 1L, "d-1", agentVotes, first.predicted(), 0.05, first.loss(), 5L), log.get(0));
        assertEquals(List.of(2L, 2L, "d-2", agentVotes, second.predicted(), -0.01, second.loss(), 7L), log.get(1));

        // One checkpoint (step 2) is one metalearner_weights row, with the fit of that moment.
        MetaLearnerStatus status = learner.status();
        List<List<Object>> weights = rows(database, "SELECT id, training_step, agent_weights, training_loss, prediction_accuracy"
                + " FROM metalearner_weights");
        assertEquals(1, weights.size());
        assertEquals(Arrays.asList(2L, 2L, "{\"technical\":1.35,\"risk\":0.89}", status.runningLoss(), status.rSquared()),
                weights.get(0));
        // mean of the two squared errors, recomputed by hand from the logged steps
        assertEquals((first.loss() + second.loss()) / 2, status.runningLoss(), 1e-15);

        // Reopened, the seed layout is restored from its checkpoint; the default layout is refused, naming both.
        MetaLearner reopened = MetaLearner.open(database, AgentRoster.seedLayout(PANEL), config);
        assertEquals(2, reopened.steps());
        assertEquals(learner.predict(votes()), reopened.predict(votes()));
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> MetaLearner.open(database, new AgentRoster(PANEL), config));
        assertTrue(other.getMessage().contains("was trained for agents " + PANEL + " in 9 slots (27 inputs) but the configured"
                + " roster is " + PANEL + " in 4 slots (12 inputs)"), other.getMessage());
    }

    /** The rows as SQLite stores them: INTEGER as Long, REAL as Double (bit for bit), TEXT as String. */
    private static List<List<Object>> rows(QuorumDatabase database, String sql) {
        return database.read("read " + sql, connection -> {
            List<List<Object>> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        Object value = rs.getObject(c);
                        row.add(value instanceof Integer i ? Long.valueOf(i) : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }
}
