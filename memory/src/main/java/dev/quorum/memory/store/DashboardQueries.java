package dev.quorum.memory.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's read-only questions that no store answers for its own work: the envelopes most recently queued
 * for the stream (the page's live tail), every scored directional call in trade-date order (accuracy and
 * calibration over time) and how each agent's call on one decision turned out (its drill-down). Columns are read
 * by name.
 */
public final class DashboardQueries {

    /** The most entries {@link #streamTail} returns, whatever is asked. */
    public static final int MAX_TAIL = 200;

    private final QuorumDatabase database;

    public DashboardQueries(QuorumDatabase database) {
        this.database = database;
    }

    /**
     * One envelope queued for the stream.
     *
     * @param publishedAt empty while it waits in the outbox
     * @param streamId    the Redis entry id (or the file target's line marker) once published
     */
    public record StreamEntry(long id, String correlationId, String ticker, LocalDate tradeDate, String verdict,
                              double confidence, Instant queuedAt, Optional<Instant> publishedAt,
                              Optional<String> streamId, int attempts, Optional<String> lastError) {
    }

    /** How one agent's call on a decision turned out, once the outcome is known. */
    public record CallOutcome(String agent, LocalDate tradeDate, String signal, double confidence, boolean correct) {
    }

    /** The newest {@code limit} outbox entries after entry {@code afterId} (0: from the start), oldest first. */
    public List<StreamEntry> streamTail(long afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return database.read("read the stream tail", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT * FROM (
                        SELECT x.id, x.correlation_id, d.ticker, d.trade_date, d.verdict, d.confidence, x.created_at,
                               x.published_at, x.stream_id, x.attempts, x.last_error
                        FROM outbox x JOIN decisions d ON d.correlation_id = x.correlation_id
                        WHERE x.id > ? ORDER BY x.id DESC LIMIT ?)
                    ORDER BY id""")) {
                select.setLong(1, afterId);
                select.setInt(2, Math.min(limit, MAX_TAIL));
                List<StreamEntry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new StreamEntry(rs.getLong("id"), rs.getString("correlation_id"), rs.getString("ticker"),
                                LocalDate.parse(rs.getString("trade_date")), rs.getString("verdict"), rs.getDouble("confidence"),
                                Instant.parse(rs.getString("created_at")),
                                Optional.ofNullable(rs.getString("published_at")).map(Instant::parse),
                                Optional.ofNullable(rs.getString("stream_id")), rs.getInt("attempts"),
                                Optional.ofNullable(rs.getString("last_error"))));
                    }
                }
                return entries;
            }
        });
    }

    /**
     * Every scored BULLISH or BEARISH call, by trade date, then in the order the outcomes were recorded (a NEUTRAL
     * call names no direction: like the trust skill, accuracy and calibration leave it out).
     */
    public List<CallOutcome> directionalCalls() {
        return calls("WHERE c.signal IN ('BULLISH', 'BEARISH') ORDER BY d.trade_date, o.id, c.agent", null);
    }

    /** How each agent's call on this decision turned out; empty while its outcome is unknown. */
    public List<CallOutcome> callOutcomes(String correlationId) {
        return calls("WHERE d.correlation_id = ? ORDER BY c.agent", correlationId);
    }

    private List<CallOutcome> calls(String whereOrder, String parameter) {
        return database.read("read the scored calls", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT c.agent, d.trade_date, c.signal, c.confidence, c.correct
                    FROM outcome_agent_calls c JOIN outcomes o ON o.id = c.outcome_id JOIN decisions d ON d.id = o.decision_id
                    """ + whereOrder)) {
                if (parameter != null) {
                    select.setString(1, parameter);
                }
                List<CallOutcome> calls = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        calls.add(new CallOutcome(rs.getString("agent"), LocalDate.parse(rs.getString("trade_date")),
                                rs.getString("signal"), rs.getDouble("confidence"), rs.getInt("correct") == 1));
                    }
                }
                return calls;
            }
        });
    }
}
