package dev.quorum.memory.store;

import dev.quorum.agents.signal.ErrorCategory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seed 002's error store, read side: the failures {@link DecisionStore} recorded with each decision, for the
 * health check (errors in the last hour) and for spotting an agent's recurring failure.
 */
public final class AgentErrorLog {

    private final QuorumDatabase database;

    public AgentErrorLog(QuorumDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Errors of every agent that occurred at or after {@code since}. */
    public long countSince(Instant since) {
        return database.read("count agent errors", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM agent_errors WHERE occurred_at >= ?")) {
                select.setString(1, since.toString());
                try (ResultSet rs = select.executeQuery()) {
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Agent calls (one signal row per agent per decision, abstentions on error included) of decisions made at or
     * after {@code since}: the denominator of the error rate.
     */
    public long callsSince(Instant since) {
        return database.read("count agent calls", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM agent_signals s JOIN decisions d ON d.id = s.decision_id WHERE d.created_at >= ?")) {
                select.setString(1, since.toString());
                try (ResultSet rs = select.executeQuery()) {
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The agent's error count per category, most frequent first (seed 002's get_error_patterns). */
    public Map<ErrorCategory, Long> patterns(String agent) {
        return database.read("read the error patterns of " + agent, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT category, COUNT(*) AS n FROM agent_errors WHERE agent = ? GROUP BY category ORDER BY n DESC, category""")) {
                select.setString(1, agent);
                Map<ErrorCategory, Long> counts = new LinkedHashMap<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        counts.put(ErrorCategory.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                }
                return counts;
            }
        });
    }

    /** The most recent errors, newest first. */
    public List<AgentError> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return database.read("read recent agent errors", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT agent, category, message, model, endpoint, occurred_at FROM agent_errors ORDER BY id DESC LIMIT ?""")) {
                select.setInt(1, limit);
                List<AgentError> errors = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        errors.add(new AgentError(rs.getString(1), ErrorCategory.valueOf(rs.getString(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), Instant.parse(rs.getString(6))));
                    }
                }
                return errors;
            }
        });
    }
}
