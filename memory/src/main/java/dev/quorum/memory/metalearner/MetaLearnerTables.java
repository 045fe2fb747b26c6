package dev.quorum.memory.metalearner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.json.Json;
import dev.quorum.memory.store.QuorumDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The meta-learner's rows in the Quorum database (migrations V101 and V010): the training log, seed 001's votes and
 * hold duration of each step, and the checkpoints.
 * An update, its votes and, every N updates, its checkpoint are written in one transaction.
 */
final class MetaLearnerTables {

    private static final ObjectMapper JSON = Json.MAPPER;

    /** A logged update with the input it was trained on. */
    record LoggedUpdate(TrainingStep step, double[] input) {
    }

    /** A checkpoint to write with an update. */
    record Checkpoint(AgentRoster roster, byte[] state, MetaLearnerStatus fit) {
    }

    /** The latest checkpoint's step and state. */
    record SavedCheckpoint(long step, byte[] state) {
    }

    private final QuorumDatabase database;
    private final Clock clock;

    MetaLearnerTables(QuorumDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    String describe(long checkpointStep) {
        return "metalearner_checkpoints step " + checkpointStep + " in " + database.file();
    }

    Optional<SavedCheckpoint> latestCheckpoint() {
        return database.read("read the latest meta-learner checkpoint", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT step, state FROM metalearner_checkpoints ORDER BY step DESC LIMIT 1");
                 ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new SavedCheckpoint(rows.getLong("step"), rows.getBytes("state"))) : Optional.empty();
            }
        });
    }

    /** The last {@code limit} steps up to {@code step} (inclusive), oldest first. */
    List<TrainingStep> stepsUpTo(long step, int limit) {
        List<TrainingStep> steps = database.read("read the meta-learner training log", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT step, decision_id, predicted, actual, loss FROM metalearner_training_log "
                            + "WHERE step <= ? ORDER BY step DESC LIMIT ?")) {
                select.setLong(1, step);
                select.setInt(2, limit);
                List<TrainingStep> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(step(rows));
                    }
                }
                return found;
            }
        });
        Collections.reverse(steps);
        return steps;
    }

    /** Every update after {@code step}, in order, with its input: what a checkpoint does not contain yet. */
    List<LoggedUpdate> updatesAfter(long step) {
        return database.read("read the meta-learner training log", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT step, decision_id, predicted, actual, loss, inputs_json FROM metalearner_training_log "
                            + "WHERE step > ? ORDER BY step")) {
                select.setLong(1, step);
                List<LoggedUpdate> updates = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        updates.add(new LoggedUpdate(step(rows), input(rows.getLong("step"), rows.getString("inputs_json"))));
                    }
                }
                return updates;
            }
        });
    }

    void record(TrainingStep step, double[] input, Map<String, AgentVote> votes, OptionalInt holdDuration,
                Optional<Checkpoint> checkpoint) {
        String now = clock.instant().toString();
        database.inTransaction("record meta-learner update " + step.step(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO metalearner_training_log (step, decision_id, predicted, actual, loss, inputs_json, "
                            + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, step.step());
                insert.setString(2, step.decisionId());
                insert.setDouble(3, step.predicted());
                insert.setDouble(4, step.actual());
                insert.setDouble(5, step.loss());
                insert.setString(6, json(input));
                insert.setString(7, now);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO metalearner_training_votes (step, agent_votes, hold_duration) VALUES (?, ?, ?)")) {
                insert.setLong(1, step.step());
                insert.setString(2, json(seedVotes(votes)));
                if (holdDuration.isPresent()) {
                    insert.setInt(3, holdDuration.getAsInt());
                } else {
                    insert.setNull(3, Types.INTEGER);
                }
                insert.executeUpdate();
            }
            if (checkpoint.isPresent()) {
                insertCheckpoint(connection, step.step(), checkpoint.get(), now);
            }
            return null;
        });
    }

    /** Seed 001's {@code agent_votes}: per voting agent its direction, confidence and the trust weight it voted with. */
    private static Map<String, Map<String, Object>> seedVotes(Map<String, AgentVote> votes) {
        Map<String, Map<String, Object>> seed = new LinkedHashMap<>();
        votes.forEach((agent, vote) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("direction", vote.signal().name());
            fields.put("confidence", vote.confidence());
            fields.put("weight", vote.trustWeight());
            seed.put(agent, fields);
        });
        return seed;
    }

    private static void insertCheckpoint(Connection connection, long step, Checkpoint checkpoint, String now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO metalearner_checkpoints (step, roster_json, running_loss, r_squared, state, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, step);
            insert.setString(2, json(checkpoint.roster().agents()));
            setNullable(insert, 3, checkpoint.fit().runningLoss());
            setNullable(insert, 4, checkpoint.fit().rSquared());
            insert.setBytes(5, checkpoint.state());
            insert.setString(6, now);
            insert.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.REAL);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static TrainingStep step(ResultSet rows) throws SQLException {
        return new TrainingStep(rows.getLong("step"), rows.getString("decision_id"), rows.getDouble("predicted"), rows.getDouble("actual"),
                rows.getDouble("loss"));
    }

    private double[] input(long step, String json) {
        try {
            return JSON.readValue(json, double[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metalearner_training_log step " + step + " in " + database.file()
                    + ": inputs_json is not an array of numbers: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write meta-learner JSON", e);
        }
    }
}
