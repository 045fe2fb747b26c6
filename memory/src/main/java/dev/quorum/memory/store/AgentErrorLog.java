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
import java.util.Optional;

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
        return count("count agent errors", "SELECT COUNT(*) AS n FROM agent_errors WHERE occurred_at >= ?", since);
    }

    /**
     * Failures of every agent at or after {@code since}: the errors less the DATA abstentions, since an agent that
     * abstains because its inputs are absent (no news on the day) has not failed. The numerator of the error rate.
     */
    public long failuresSince(Instant since) {
        return count("count agent failures", "SELECT COUNT(*) AS n FROM agent_errors WHERE occurred_at >= ? AND category <> 'DATA'", since);
    }

    /**
     * Agent calls (one signal row per agent per decision, abstentions on error included) of decisions made at or
     * after {@code since}: the denominator of the error rate.
     */
    public long callsSince(Instant since) {
        return count("count agent calls",
                "SELECT COUNT(*) AS n FROM agent_signals s JOIN decisions d ON d.id = s.decision_id WHERE d.created_at >= ?", since);
    }

    /** @param sql selects one count named {@code n} */
    private long count(String operation, String sql, Instant since) {
        return database.read(operation, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, since.toString());
                try (ResultSet rs = select.executeQuery()) {
                    return rs.getLong("n");
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
                        counts.put(ErrorCategory.valueOf(rs.getString("category")), rs.getLong("n"));
                    }
                }
                return counts;
            }
        });
    }

    /**
     * Seed 002's {@code get_error_patterns}, for one agent or all: the error count per (agent, category) since a
     * time, most frequent first.
     */
    public List<ErrorPattern> patterns(Optional<String> agent, Optional<Instant> since) {
        return database.read("read the error patterns", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT agent, category, COUNT(*) AS n, MAX(occurred_at) AS last_seen FROM agent_errors
                    WHERE (? IS NULL OR agent = ?) AND (? IS NULL OR occurred_at >= ?)
                    GROUP BY agent, category ORDER BY n DESC, agent, category""")) {
                String name = agent.orElse(null);
                String from = since.map(Instant::toString).orElse(null);
                select.setString(1, name);
                select.setString(2, name);
                select.setString(3, from);
                select.setString(4, from);
                List<ErrorPattern> patterns = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        patterns.add(new ErrorPattern(rs.getString("agent"), ErrorCategory.valueOf(rs.getString("category")),
                                rs.getLong("n"), Instant.parse(rs.getString("last_seen"))));
                    }
                }
                return patterns;
            }
        });
    }

    /**
     * The start of a {@code since} filter as operators write it: a date (its midnight UTC) or an ISO-8601 instant.
     *
     * @throws IllegalArgumentException naming both accepted forms
     */
    public static Instant since(String dateOrInstant) {
        try {
            return java.time.LocalDate.parse(dateOrInstant).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException notADate) {
            try {
                return Instant.parse(dateOrInstant);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("since must be a date (yyyy-MM-dd) or an instant (2024-06-03T14:00:00Z), was '"
                        + dateOrInstant + "'");
            }
        }
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
                        errors.add(new AgentError(rs.getString("agent"), ErrorCategory.valueOf(rs.getString("category")),
                                rs.getString("message"), rs.getString("model"), rs.getString("endpoint"),
                                Instant.parse(rs.getString("occurred_at"))));
                    }
                }
                return errors;
            }
        });
    }
}
