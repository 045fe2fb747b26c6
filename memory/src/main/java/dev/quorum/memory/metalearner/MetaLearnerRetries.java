package dev.quorum.memory.metalearner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.json.Json;
import dev.quorum.memory.store.QuorumDatabase;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Meta-learner updates waiting to be retried (table {@code metalearner_retries}, migration V008): an update the
 * database refused is learnt late, in order, not lost, and a restart between the failure and the retry does not
 * forget it. An update whose decision already reached the training log is not waiting any more (it was learnt and
 * only its removal failed): it is never trained on twice.
 */
public final class MetaLearnerRetries {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final TypeReference<LinkedHashMap<String, AgentVote>> VOTES = new TypeReference<>() {
    };

    /**
     * One update to make: the decision's votes as weighted when it was made, its realised return, and how long the
     * position was held (seed 001's {@code hold_duration}, days) when known.
     */
    public record Update(String decisionId, Map<String, AgentVote> votes, double actualReturn, OptionalInt holdDays) {

        public Update {
            votes = Map.copyOf(votes);
        }
    }

    private final QuorumDatabase database;
    private final Clock clock;

    public MetaLearnerRetries(QuorumDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Keeps {@code update} after every update already waiting. */
    public void add(Update update, String error) {
        database.inTransaction("queue the meta-learner update for " + update.decisionId() + " for a retry", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO metalearner_retries (decision_id, votes_json, actual, hold_days, error, queued_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, update.decisionId());
                insert.setString(2, json(update.votes()));
                insert.setDouble(3, update.actualReturn());
                insert.setObject(4, update.holdDays().isPresent() ? update.holdDays().getAsInt() : null);
                insert.setString(5, error);
                insert.setString(6, clock.instant().toString());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The updates waiting, oldest first. */
    public List<Update> waiting() {
        return database.read("read the meta-learner updates waiting to be retried", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, decision_id, votes_json, actual, hold_days FROM metalearner_retries WHERE decision_id NOT IN "
                            + "(SELECT decision_id FROM metalearner_training_log) ORDER BY seq");
                 ResultSet rows = select.executeQuery()) {
                List<Update> found = new ArrayList<>();
                while (rows.next()) {
                    int days = rows.getInt("hold_days");
                    // wasNull speaks of the column read last: ask it before reading another.
                    OptionalInt holdDays = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(days);
                    found.add(new Update(rows.getString("decision_id"), votes(rows.getLong("seq"), rows.getString("votes_json")),
                            rows.getDouble("actual"), holdDays));
                }
                return found;
            }
        });
    }

    /** Forgets {@code decisionId}'s update: it was learnt. */
    public void remove(String decisionId) {
        database.inTransaction("remove the learnt meta-learner update for " + decisionId + " from the retries", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM metalearner_retries WHERE decision_id = ?")) {
                delete.setString(1, decisionId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private Map<String, AgentVote> votes(long seq, String json) {
        try {
            return JSON.readValue(json, VOTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metalearner_retries seq " + seq + " in " + database.file()
                    + ": votes_json is not an object of votes: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(Map<String, AgentVote> votes) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(votes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write meta-learner votes JSON", e);
        }
    }
}
